/** `pgensure emulator edit|seed|fail|hold|release|delete|backup|list` against an in-process emulator. */
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runEmulator } from '../../../src/cli/commands/emulator.js';
import type { CliIo } from '../../../src/cli/io.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { UsageError } from '../../../src/errors.js';
import { call, type FakeClock, readableProperties, startTestEmulator } from './helpers.js';

let emu: RunningEmulator;
let clock: FakeClock;
beforeEach(async () => {
  ({ emu, clock } = await startTestEmulator({ adminToken: 'console-admin-token' }));
});
afterEach(async () => {
  await emu.close();
});

/** Runs `pgensure emulator ...args` with the emulator's URL and admin token in the environment; returns stdout. */
async function run(args: string[], env: Record<string, string> = {}): Promise<string> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const io = {
    stdout,
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    env: { PGENSURE_EMULATOR_URL: emu.url, PGENSURE_EMULATOR_ADMIN_TOKEN: emu.adminToken, ...env },
    cwd: process.cwd(),
  } as unknown as CliIo;
  expect(await runEmulator(args, io)).toBe('done');
  return out;
}

describe('console subcommands', () => {
  it('seed takes {name} and KEY=VALUEs; edit resolves REGION/NAME and prints each field that changed', async () => {
    const seeded = await run(['seed', 'de-fra/orders-prod', 'instances.cores=4', '--by', 'ops@example.com']);
    expect(seeded).toMatch(/^seeded de-fra\/orders-prod \([0-9a-f-]{36}\), AVAILABLE\n$/);
    const edited = await run(['edit', 'de-fra/orders-prod', 'instances.cores=8', 'description=x', '--by', 'alice']);
    expect(edited).toContain('edited de-fra/orders-prod');
    expect(edited).toContain('as alice:');
    expect(edited).toContain('instances.cores: 4 → 8');
    expect(edited).toContain('description: "" → "x"');
    const [live] = emu.listClusters('de-fra');
    expect(live?.metadata.lastModifiedBy).toBe('alice');
    const json = JSON.parse(await run(['edit', `de-fra/${live!.id}`, 'logsEnabled=true', '--format', 'json']));
    expect(json.properties.logsEnabled).toBe(true);
  });

  it('fail, hold, release, delete and backup act at once; list lists', async () => {
    emu.seedCluster('de-fra', readableProperties({ name: 'a' }));
    expect(await run(['fail', 'de-fra/a', '--message', 'disk full'])).toMatch(/is FAILED \(disk full\)/);
    expect(await run(['hold', 'de-fra/a', '--state', 'MAINTENANCE', '--for', '1m'])).toMatch(/is MAINTENANCE/);
    expect(await run(['release', 'de-fra/a'])).toMatch(/is FAILED/);
    clock.advance(5 * 3_600_000);
    expect(await run(['backup', 'de-fra/a', '--stall', '3h'])).toContain(
      `latest recovery point ${new Date(clock.now() - 3 * 3_600_000).toISOString()}`,
    );
    expect(await run(['backup', 'de-fra/a', '--remove'])).toContain('no active backup');
    expect(await run(['list', '--region', 'de-fra'])).toMatch(/^de-fra\/a {2}[0-9a-f-]{36} {2}FAILED\n$/);
    expect(await run(['delete', 'de-fra/a', '--by', 'bob'])).toMatch(/is DESTROYING/);
  });

  it('schedules instead of acting with --on-request or --after', async () => {
    const seeded = emu.seedCluster('de-fra', readableProperties({ name: 'a' }));
    const out = await run(['edit', 'de-fra/a', 'description=later', '--on-request', 'PUT', '--when', 'after']);
    expect(out).toBe(`scheduled s1: edit de-fra/a after request #1 matching PUT /clusters/${seeded.id}\n`);
    expect(await run(['hold', 'de-fra/a', '--after', '10s'])).toBe('scheduled s2: hold de-fra/a in 10000 ms\n');
    await call(emu, 'PUT', `/de-fra/clusters/${seeded.id}`, {
      id: seeded.id,
      properties: readableProperties({ name: 'a' }),
    });
    expect(emu.listClusters()[0]?.properties.description).toBe('later');
    clock.advance(10_000);
    expect(emu.listClusters()[0]?.metadata.state).toBe('UPDATING');
  });

  it('turns every mistake into a UsageError that says what to do', async () => {
    emu.seedCluster('de-fra', readableProperties({ name: 'twin' }));
    emu.seedCluster('de-fra', readableProperties({ name: 'twin' }));
    const cases: [string[], RegExp, Record<string, string>?][] = [
      [['edit', 'orders', 'a=1'], /expected REGION\/NAME or REGION\/ID/],
      [['edit', 'de-fra/nope', 'a=1'], /no cluster nope in de-fra/],
      [['edit', 'de-fra/twin', 'description=x'], /2 clusters are named twin in de-fra/],
      [['edit', 'de-fra/twin'], /edit needs at least one KEY=VALUE/],
      [['fail', 'de-fra/nope'], /fail needs --message TEXT/],
      [['fail', 'de-fra/nope', '--message', 'm'], /no cluster nope/],
      [['backup', 'de-fra/twin'], /exactly one of --stall DUR, --remove, --resume/],
      [['seed', 'de-fra/x', '--stall', '1h'], /emulator seed does not take --stall/],
      [['list'], /refused the admin token/, { PGENSURE_EMULATOR_ADMIN_TOKEN: 'wrong-token' }],
      [['list'], /no admin token/, { PGENSURE_EMULATOR_ADMIN_TOKEN: '' }],
      [['list'], /nothing answered at http:\/\/127\.0\.0\.1:9/, { PGENSURE_EMULATOR_URL: 'http://127.0.0.1:9' }],
      [['seed', 'de-fra/x', 'version=9'], /the emulator refused: properties.version/],
    ];
    for (const [args, message, env] of cases) {
      const attempt = run(args, env);
      await expect(attempt, args.join(' ')).rejects.toThrow(UsageError);
      await expect(attempt, args.join(' ')).rejects.toThrow(message);
    }
  });
});
