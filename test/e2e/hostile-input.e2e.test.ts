import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FAST_APPLY,
  liveProperties,
  SAFETY_PASSWORD,
  SAFETY_TOKEN,
  type SafetyWorld,
  specYaml,
  startSafetyWorld,
} from '../helpers/safety-world.js';

let world: SafetyWorld;
afterEach(() => world.close());

const base64 = (text: string) => Buffer.from(text).toString('base64');
/** What must never leave the process: the token, the password, and their echoes. */
const LEAKS = [
  SAFETY_TOKEN,
  SAFETY_PASSWORD,
  base64(`app_user:${SAFETY_PASSWORD}`),
  base64(SAFETY_PASSWORD),
  SAFETY_PASSWORD.slice(0, 12),
  base64(SAFETY_TOKEN),
];

function expectNoLeak(where: string, text: string): void {
  for (const leak of LEAKS) expect(text, `${where} holds ${leak}`).not.toContain(leak);
}

describe('API text that echoes secrets is scrubbed in every output (issue 15, weak: statusMessage)', () => {
  it('plan (text, JSON, --out) and the apply summary show the statusMessage with the token and password removed', async () => {
    world = await startSafetyWorld({ provisioningDelayMs: 100 });
    const live = world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders', cores: 2 }));
    const echo = `token ${SAFETY_TOKEN}; Authorization: Basic ${base64(`app_user:${SAFETY_PASSWORD}`)}; pw ${SAFETY_PASSWORD.slice(0, 12)}…`;
    world.emulator.failCluster('de-fra', live.id, echo);
    world.writeSpec({ name: 'orders', cores: 4 });

    const text = await world.cli(['plan', 'specs', '--no-color']);
    expect(text.code, text.stderr).toBe(0);
    // `app_user:` and the last byte stay readable in the base64: they are the user name and one byte of a group.
    expect(text.stdout).toContain(
      'the cluster is FAILED (token [REDACTED]; Authorization: Basic YXBwX3VzZXI6[REDACTED]',
    );
    expect(text.stdout).toContain('; pw [REDACTED]…)');
    const json = await world.cli(['plan', 'specs', '--format', 'json', '--out', 'plan.json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).changes[0].live.statusMessage).toContain('[REDACTED]');
    const saved = readFileSync(join(world.dir, 'plan.json'), 'utf8');
    const apply = await world.cli(['apply', 'specs', ...FAST_APPLY, '--failed-grace', '200ms', '--log-level', 'trace']);
    expect(apply.code).toBe(1);
    expect(apply.stdout).toMatch(/failed: +de-fra\/orders \(update\): cluster \S+ is FAILED: token \[REDACTED\]/);
    for (const [where, out] of Object.entries({ text, json, apply })) {
      expectNoLeak(`${where} stdout`, out.stdout);
      expectNoLeak(`${where} stderr`, out.stderr);
    }
    expectNoLeak('plan.json', saved);
  });
});

describe('hostile files and flags end in clear errors, at once (issue 15, weak and broken)', () => {
  it('refuses a FIFO spec path at once, and --poll-interval 0 before any request', async () => {
    world = await startSafetyWorld();
    world.writeSpec({ name: 'orders' });
    execFileSync('mkfifo', [join(world.dir, 'specs', 'pipe.yaml')]);
    const fifo = await world.cli(['validate', 'specs']);
    expect(fifo.code).toBe(1);
    expect(fifo.stderr).toContain('specs/pipe.yaml:1:1: a named pipe (FIFO), not a regular file');

    const poll = await world.cli(['apply', 'specs/orders.yaml', '--auto-approve', '--poll-interval', '0']);
    expect(poll.code).toBe(1);
    expect(poll.stderr).toContain('--poll-interval must be at least 20ms (got "0")');
    expect(world.emulator.requests).toEqual([]);
  });

  it('a flow map nested 2,500 deep and a 20 MB password file: errors that name the file, not internal ones', async () => {
    world = await startSafetyWorld();
    writeFileSync(join(world.dir, 'specs', 'deep.yaml'), `x: ${'{a: '.repeat(2500)}1${'}'.repeat(2500)}\n`);
    const deep = await world.cli(['validate', 'specs']);
    expect(deep.code).toBe(1);
    expect(deep.stderr).toMatch(/^specs\/deep\.yaml:1:\d+: nested more than 32 levels deep/m);
    expect(deep.stderr).not.toContain('internal');

    writeFileSync(
      join(world.dir, 'specs', 'deep.yaml'),
      specYaml({ name: 'orders' }).replace(/\{ fromEnv: \w+ \}/, '{ fromFile: huge.password }'),
    );
    writeFileSync(join(world.dir, 'specs', 'huge.password'), `Aa1!${'x'.repeat(20 * 1024 * 1024)}`);
    const huge = await world.cli(['apply', 'specs', ...FAST_APPLY]);
    expect(huge.code).toBe(1);
    expect(huge.stderr).toContain(
      'the password from file specs/huge.password cannot be used: larger than 4 KiB, the limit for a password file',
    );
    expect(huge.stderr).not.toContain('internal');
    expect(world.writes()).toEqual([]);
  });

  it('in GitHub Actions, a file name cannot inject a ::warning or move an annotation (--format github)', async () => {
    world = await startSafetyWorld();
    const names = ['a\n::warning file=x.yaml::pwned.yaml', 'b.yaml,line=999,col=9.yaml'];
    for (const name of names) writeFileSync(join(world.dir, 'specs', name), 'apiVersion: pgensure/v1\nkind: Nope\n');
    const run = await world.cli(['validate', 'specs', '--format', 'github'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(run.code).toBe(1);
    const commands = run.stderr.split('\n').filter((line) => line.startsWith('::'));
    expect(commands.every((line) => line.startsWith('::error '))).toBe(true);
    // The newline is spelled out (\u000a), so the command stays on its line; `::` cannot end the property.
    expect(commands.join('\n')).toContain(
      '::error file=specs/a\\u000a%3A%3Awarning file=x.yaml%3A%3Apwned.yaml,line=2,',
    );
    expect(commands.find((line) => line.includes('line=999'))).toMatch(
      /file=specs\/b\.yaml%2Cline=999%2Ccol=9\.yaml,line=2,/,
    );
  });
});
