import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FAST_APPLY,
  liveProperties,
  type SafetyWorld,
  startSafetyWorld,
  waitUntil,
} from '../../helpers/safety-world.js';

let world: SafetyWorld;
beforeEach(async () => {
  // Long enough provisioning that the first writes are still in flight when the signal arrives.
  world = await startSafetyWorld({ provisioningDelayMs: 1500 });
});
afterEach(() => world.close());

const NAMES = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];

/** The cluster ids the CLI announced (`PUT /clusters/ID` on stderr) before it printed that it got the signal. */
function announcedBeforeSignal(stderr: string, signal: string): Set<string> {
  const before = stderr.split(`${signal}: starting no new writes`)[0]!;
  return new Set([...before.matchAll(/: (?:PUT|DELETE) \/clusters\/([0-9a-f-]{36})/g)].map((m) => m[1]!));
}

// SIGINT once two creates have finished and the third is sent; SIGTERM at the very first write.
describe.each([
  ['SIGINT', 3],
  ['SIGTERM', 1],
] as const)('%s during apply (after write #%i)', (signal, afterWrites) => {
  it('starts no new write, says what finished, what is in flight and what never started, exits non-zero; a re-run converges', async () => {
    for (const name of NAMES) world.writeSpec({ name });
    // Slow answers keep each create's read–check–write round in its slot long enough for the signal to find some
    // creates never started (parallelism limits writes in flight; waits hold no slot).
    world.emulator.setFaults({ latencyMs: 250 });
    let pid = 0;
    // Bounded waits: if a wait ever failed to end, the CLI says so instead of hanging the test.
    const bounded = ['--wait-timeout', '15s', '--busy-timeout', '15s'];
    // --log-level info: the progress lines then name every request, which announcedBeforeSignal reads.
    const verbose = ['--log-level', 'info'];
    const running = world.cli(['apply', 'specs', ...FAST_APPLY, ...bounded, ...verbose, '--parallelism', '2'], {
      onSpawn: (p) => (pid = p),
    });
    await waitUntil(() => world.writes().length >= afterWrites, running);
    process.kill(pid, signal);
    const run = await running;

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${signal}: starting no new writes`);
    expect(run.stdout).toContain('Apply interrupted.');
    const finished = Number(/Apply interrupted\. (\d+) created/.exec(run.stdout)?.[1]);
    const inFlight = [
      ...run.stdout.matchAll(/in flight: +de-fra\/(\w+) \(create\): interrupted after the write was sent/g),
    ].map((m) => m[1]!);
    const notStarted = [...run.stdout.matchAll(/not started: de-fra\/(\w+) \(create\)/g)].map((m) => m[1]!);
    const stopped = [...run.stdout.matchAll(/stopped: +de-fra\/(\w+) \(create\): interrupted before any write/g)].map(
      (m) => m[1]!,
    );
    // 1.5 s of provisioning: no create has finished when the signal comes after the first or third write.
    expect(finished).toBe(0);
    expect(inFlight.length).toBeGreaterThanOrEqual(afterWrites);
    expect(notStarted.length + stopped.length).toBeGreaterThanOrEqual(1);
    expect(finished + inFlight.length + stopped.length + notStarted.length).toBe(NAMES.length);
    expect(run.stdout).toContain('Re-run `pgensure apply` to converge');

    // Every write the emulator received was announced before the signal: no new write after it.
    const written = new Set(world.writes().map((r) => r.path.split('/').pop()!));
    expect(written).toEqual(announcedBeforeSignal(run.stderr, signal));
    expect(written.size).toBe(finished + inFlight.length);
    for (const name of [...notStarted, ...stopped]) expect(world.named(name), `${name} was never created`).toEqual([]);

    world.emulator.setFaults({});
    const rerun = await world.cli(['apply', 'specs', ...FAST_APPLY, ...bounded]);
    expect(rerun.code, rerun.stderr).toBe(0);
    for (const name of NAMES) expect(world.named(name), name).toHaveLength(1);
    // The re-run created only what never started; the in-flight ones were waited for, not re-sent.
    const puts = world.writes().filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(NAMES.length);
    expect(new Set(puts.map((r) => r.path)).size).toBe(NAMES.length);
  });
});

describe('SIGINT while a change waits for a busy cluster', () => {
  it('never sends that change’s write, even once the cluster turns AVAILABLE', async () => {
    world.emulator.seedCluster('de-fra', liveProperties({ name: 'zulu', cores: 2 }), { state: 'UPDATING' });
    world.writeSpec({ name: 'zulu', cores: 4 });
    world.writeSpec({ name: 'alpha' });
    let pid = 0;
    const running = world.cli(['apply', 'specs', ...FAST_APPLY, '--wait-timeout', '15s', '--busy-timeout', '15s'], {
      onSpawn: (p) => (pid = p),
    });
    await waitUntil(() => world.writes().length > 0, running);
    process.kill(pid, 'SIGINT');
    const run = await running;
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/de-fra\/zulu \(update\): interrupted before any write/);
    await new Promise((resolve) => setTimeout(resolve, 1600)); // past the UPDATING period
    expect(world.writes().map((r) => r.method)).toEqual(['PUT']); // alpha's create only
    expect(world.writes()[0]!.path).not.toContain(world.named('zulu')[0]!.id);
  });
});
