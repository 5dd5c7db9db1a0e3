/** The built `pgensure emulator` as a person uses it: --help, the printed lines, --log-requests, console subcommands. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/run-cli.js';

interface Served {
  child: ChildProcess;
  lines: Record<string, string>;
  stderr: () => string;
  exited: Promise<number | null>;
}

let served: Served | undefined;
afterEach(async () => {
  if (served !== undefined && served.child.exitCode === null) served.child.kill('SIGTERM');
  await served?.exited;
  served = undefined;
});

/** Starts `pgensure emulator ...args` and resolves once it printed its four lines (KEY=VALUE lines parsed). */
function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', ...args], {
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stdout.includes('PGENSURE_EMULATOR_ADMIN_TOKEN=') || !stdout.endsWith('\n')) return;
      const lines = Object.fromEntries(
        stdout
          .split('\n')
          .filter((l) => /^[A-Z_]+=/.test(l))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      resolve({ child, lines, stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`emulator exited ${code}: ${stderr}`)));
  });
}

describe('pgensure emulator --help', () => {
  it('lists every flag, the console subcommands and the admin API with a curl example', async () => {
    const run = await runCli(['emulator', '--help']);
    expect(run.code).toBe(0);
    for (const flag of [
      '--port',
      '--state',
      '--admin-token',
      '--log-requests',
      '--latency-for',
      '--put-create on|off',
      '--put-create-status 404|405',
      '--max-page-size N',
      '--silent-cap',
      '--max-limit N',
      '--extra-property KEY=JSON',
      '--delete-while-busy refuse|accept',
      '--backup-latest-lag',
      '--first-backup-delay',
      'pgensure emulator edit ADDRESS KEY=VALUE',
      'pgensure emulator seed REGION/NAME',
      'POST   /_emulator/{region}/clusters/{id}/edit',
      'GET    /_emulator/schedules',
      'curl -s -H "x-emulator-token: $PGENSURE_EMULATOR_ADMIN_TOKEN"',
    ]) {
      expect(run.stdout, flag).toContain(flag);
    }
  });
});

describe('a running emulator', () => {
  it('prints its endpoint, URL and a random admin token; logs each request in one line; obeys the guess flags', async () => {
    served = await serve([
      '--log-requests',
      '--max-page-size',
      '2',
      '--silent-cap',
      '--extra-property',
      'tier="basic"',
    ]);
    const {
      PGENSURE_ENDPOINT: endpoint,
      PGENSURE_EMULATOR_URL: url,
      PGENSURE_EMULATOR_ADMIN_TOKEN: token,
    } = served.lines;
    expect(endpoint).toBe(`${url}/{region}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const env = { PGENSURE_EMULATOR_URL: url!, PGENSURE_EMULATOR_ADMIN_TOKEN: token! };
    for (const name of ['a', 'b', 'c']) {
      const seeded = await runCli(['emulator', 'seed', `de-fra/${name}`, 'instances.cores=4'], { env });
      expect(seeded.code, seeded.stderr).toBe(0);
    }
    const edit = await runCli(['emulator', 'edit', 'de-fra/b', 'instances.cores=8', 'tier=gold'], { env });
    expect(edit.code, edit.stderr).toBe(0);
    expect(edit.stdout).toContain('instances.cores: 4 → 8');
    expect(edit.stdout).toContain('tier: "basic" → "gold"');
    const page = await fetch(`${url}/de-fra/clusters?limit=5`, {
      headers: { authorization: 'Bearer secret-api-token' },
    });
    const body = (await page.json()) as { items: { properties: { tier: string } }[]; limit: number };
    expect([body.items.length, body.limit]).toEqual([2, 5]);
    expect(body.items.map((c) => c.properties.tier)).toEqual(['basic', 'gold']);
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
    expect(served.stderr()).toMatch(/^GET \/de-fra\/clusters\?limit=5 200 \d+ms$/m);
    expect(served.stderr()).not.toContain('secret-api-token');
    expect(served.stderr()).not.toContain('basic');
    expect(served.stderr().trim().split('\n')).toHaveLength(1);
  });

  it('refuses a second emulator on the same port, and a state file in a missing directory, as plain errors', async () => {
    served = await serve([]);
    const port = new URL(served.lines['PGENSURE_EMULATOR_URL']!).port;
    const taken = await runCli(['emulator', '--port', port]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(taken.stderr).toContain('--port');
    const dir = mkdtempSync(join(tmpdir(), 'pgensure-emulator-e2e-'));
    try {
      const missing = await runCli(['emulator', '--port', '0', '--state', join(dir, 'nope', 'state.json')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/the directory .*nope of the emulator state file .* does not exist/);
      expect(missing.stderr).toContain('mkdir -p');
      for (const run of [taken, missing]) expect(run.stderr.toLowerCase()).not.toContain('internal');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('console subcommands without an emulator', () => {
  it('say that nothing answered, and suggest the subcommand meant', async () => {
    const env = { PGENSURE_EMULATOR_URL: 'http://127.0.0.1:9', PGENSURE_EMULATOR_ADMIN_TOKEN: 'whatever-token' };
    const edit = await runCli(['emulator', 'edit', 'de-fra/orders-prod', 'instances.cores=8'], { env });
    expect(edit.code).toBe(1);
    expect(edit.stderr).toContain('nothing answered at http://127.0.0.1:9');
    expect(edit.stderr).toContain('is `pgensure emulator` running?');
    const typo = await runCli(['emulator', 'relase', 'de-fra/x']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('unknown subcommand "relase" (did you mean release?)');
  });
});
