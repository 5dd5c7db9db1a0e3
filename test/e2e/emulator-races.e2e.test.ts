/**
 * Races made reproducible with the built CLI (issue 8, "What to build" 4): a hold released at a chosen request makes
 * "apply finds the cluster busy" independent of how fast the CLI starts (a seed that is UPDATING for a fixed delay
 * is AVAILABLE again before a slow CLI has read it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FAST_APPLY, liveProperties, type SafetyWorld, startSafetyWorld } from '../helpers/safety-world.js';

let world: SafetyWorld;
afterEach(() => world.close());

const TRIALS = 3;

describe('a busy cluster, whatever the timing', () => {
  it(`apply sees the cluster UPDATING, waits, then writes once (${TRIALS} trials)`, async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      world = await startSafetyWorld({ provisioningDelayMs: 100 });
      const busy = world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders', cores: 2 }), {
        state: 'UPDATING',
        hold: {},
      });
      // Released right after apply's read just before the write is answered: the plan's list and that read both
      // show UPDATING, so apply must wait, read again, and only then write.
      const release = world.emulator.schedule({
        region: 'de-fra',
        id: busy.id,
        action: { kind: 'release' },
        trigger: { request: { method: 'GET', path: '/clusters/{id}' }, when: 'after' },
      });
      world.writeSpec({ name: 'orders', cores: 4 });
      const apply = await world.cli(['apply', 'specs', ...FAST_APPLY]);
      expect(apply.code, apply.stderr).toBe(0);
      expect(apply.stderr).toContain('busy, waiting for AVAILABLE before writing');
      const puts = world.writes();
      expect(puts.map((r) => `${r.method} ${r.status}`)).toEqual(['PUT 200']);
      const [ran] = world.emulator.scheduled().filter((s) => s.scheduleId === release.scheduleId);
      expect(ran).toMatchObject({ status: 'done', seen: 1 });
      const firstList = world.emulator.requests.find((r) => r.method === 'GET' && r.path === '/de-fra/clusters')!;
      expect(puts[0]!.seq).toBeGreaterThan(firstList.seq);
      expect(world.named('orders')[0]!.properties.instances.cores).toBe(4);
      await world.close();
    }
    world = await startSafetyWorld();
  });
});
