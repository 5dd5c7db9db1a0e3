import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAST_APPLY, liveProperties, type SafetyWorld, startSafetyWorld } from '../helpers/safety-world.js';

/** What an apply prints while it runs (stderr, not a terminal: plain lines for CI). */
let world: SafetyWorld;
beforeEach(async () => {
  world = await startSafetyWorld({ provisioningDelayMs: 300 });
});
afterEach(() => world.close());

const NAMES = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];

describe('apply progress in CI', () => {
  it('puts the overall count on every line, one line per state change, and no raw HTTP lines', async () => {
    for (const name of NAMES) world.writeSpec({ name });
    // Two of them exist already with fewer cores: updates, the other three creates.
    for (const name of NAMES.slice(0, 2)) world.emulator.seedCluster('de-fra', liveProperties({ name, cores: 1 }));
    // The default level, said explicitly: PGENSURE_E2E_LOG_LEVEL=trace would otherwise show the debug display too.
    const run = await world.cli(['apply', 'specs', ...FAST_APPLY, '--parallelism', '2', '--log-level', 'warn']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^\[[ \d]\/5\] de-fra\/\w+: /);
    expect(run.stderr).not.toMatch(/\b(PUT|DELETE|GET)\b|\/clusters\//);
    for (const name of NAMES.slice(2)) {
      expect(lines.filter((l) => l.endsWith(`de-fra/${name}: PROVISIONING`))).toHaveLength(1);
      expect(lines.filter((l) => l.includes(`de-fra/${name}: created, AVAILABLE after `))).toHaveLength(1);
    }
    for (const name of NAMES.slice(0, 2))
      expect(lines.filter((l) => l.includes(`de-fra/${name}: updated, AVAILABLE after `))).toHaveLength(1);
    const counts = lines.map((line) => Number(/^\[ ?(\d)/.exec(line)![1]));
    expect(counts).toEqual([...counts].sort()); // the count only grows
    expect(counts.at(-1)).toBe(5);
    expect(lines.length).toBeLessThanOrEqual(5 * 3); // started, PROVISIONING/UPDATING, done: nothing more
    expect(run.stdout).toContain('Apply complete! 3 created, 2 updated');
  });

  it('prints nothing but progress lines when more than ten changes wait at once (no Node warning)', async () => {
    for (let i = 0; i < 14; i++) world.writeSpec({ name: `c${String(i).padStart(2, '0')}` });
    const run = await world.cli(['apply', 'specs', ...FAST_APPLY, '--parallelism', '14']);
    expect(run.code, run.stderr).toBe(0);
    for (const line of run.stderr.trimEnd().split('\n')) expect(line).toMatch(/^\[[ \d]{2}\/14\] de-fra\/c\d\d: /);
  });

  it('shows the requests themselves at --log-level info', async () => {
    world.writeSpec({ name: 'alpha' });
    const run = await world.cli(['apply', 'specs', ...FAST_APPLY, '--log-level', 'info']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^\[0\/1\] de-fra\/alpha: PUT \/clusters\/[0-9a-f-]{36}$/m);
  });
});
