/**
 * Two `apply` runs started together on the same new specs (issue 8 acceptance): exactly one cluster per address, at
 * latency 0, 100 and 400 ms, ten trials each, and each run's summary is truthful about who created what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_APPLY, type SafetyWorld, startSafetyWorld } from '../../helpers/safety-world.js';

const TRIALS = Number(process.env.PGENSURE_RACE_TRIALS ?? 10);
const NAMES = ['alpha', 'bravo', 'charlie'];

/**
 * What one run says about creates: how many it made, and which it found made by another writer — during apply
 * (`in place:`), or already at plan time (the run planned no create for it: it was there when the run listed).
 */
function claims(stdout: string, names: readonly string[]): { created: number; foundMade: string[] } {
  const created = Number(/Apply complete! (\d+) created/.exec(stdout)?.[1] ?? 0);
  const inPlace = [...stdout.matchAll(/in place: +de-fra\/([\w-]+) \(create\)/g)].map((m) => m[1]!);
  const planned = new Set(
    [...stdout.matchAll(/\+ de-fra\/([\w-]+) \([0-9a-f-]+\) will be created/g)].map((m) => m[1]!),
  );
  return { created, foundMade: [...inPlace, ...names.filter((name) => !planned.has(name))] };
}

describe.each([0, 100, 400])('two applies at once with %i ms latency', (latencyMs) => {
  let world: SafetyWorld;
  beforeAll(async () => {
    world = await startSafetyWorld({ provisioningDelayMs: 200 });
    world.emulator.setFaults({ latencyMs });
  });
  afterAll(() => world.close());

  it(`make exactly one cluster per address, and say who made it (${TRIALS} trials)`, async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const names = NAMES.map((name) => `${name}-${trial}`);
      for (const name of names) world.writeSpec({ name });
      const args = ['apply', ...names.map((name) => `specs/${name}.yaml`), ...FAST_APPLY];
      const [a, b] = await Promise.all([world.cli(args), world.cli(args)]);
      expect(a.code, a.stderr + a.stdout).toBe(0);
      expect(b.code, b.stderr + b.stdout).toBe(0);
      for (const name of names) expect(world.named(name), `${name}, trial ${trial}`).toHaveLength(1);
      // Every address was created by exactly one run; the other one said it found it made already.
      const [ca, cb] = [claims(a.stdout, names), claims(b.stdout, names)];
      expect(ca.created + cb.created, `${a.stdout}\n${b.stdout}`).toBe(names.length);
      expect([...ca.foundMade, ...cb.foundMade].sort(), `${a.stdout}\n${b.stdout}`).toEqual([...names].sort());
      const creates = world.writes().filter((r) => r.method === 'PUT' && r.status === 201);
      expect(creates.filter((r) => names.some((n) => world.named(n)[0]!.id === r.path.split('/').pop()))).toHaveLength(
        names.length,
      );
    }
  }, 240_000);
});
