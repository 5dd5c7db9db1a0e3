/**
 * A write prepared before an out-of-band edit is never sent after it (issue 8 acceptance): whether the edit lands
 * while apply waits for a busy cluster, just before its PUT (409), while its PUT's response is lost, or between a
 * 503 and what would have been a retry. The live cluster keeps the other writer's change, the output names the
 * editor, and the exit code is 1. Every scenario is set up with the emulator's scheduled actions, so the timing is
 * the same on every run.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterRead } from '../../../src/api/types.js';
import { FAST_APPLY, liveProperties, type SafetyWorld, startSafetyWorld } from '../../helpers/safety-world.js';

let world: SafetyWorld;
let orders: ClusterRead;
beforeEach(async () => {
  world = await startSafetyWorld({ provisioningDelayMs: 150 });
  world.writeSpec({ name: 'orders', cores: 4 });
});
afterEach(() => world.close());

const BOB = { kind: 'edit', properties: { description: 'tuned by bob' }, by: 'bob@example.com' } as const;

/** The PUTs the emulator received, with what it answered (0: applied, but the response was dropped). */
const puts = () =>
  world
    .writes()
    .filter((r) => r.method === 'PUT')
    .map((r) => r.status);

/** apply's result when the other writer won: exit 1, bob named, bob's change live, nothing of ours on top of it. */
async function expectRefused(apply: Promise<{ code: number | null; stdout: string; stderr: string }>) {
  const run = await apply;
  const out = run.stdout + run.stderr;
  expect(run.code, out).toBe(1);
  expect(out).toMatch(/de-fra\/orders.*changed since the plan by bob@example\.com/);
  expect(out).toContain('refused');
  const live = world.named('orders')[0]!;
  expect(live.properties.description).toBe('tuned by bob');
  expect(live.metadata.lastModifiedBy).toBe('bob@example.com');
  return live;
}

describe('an out-of-band edit is never overwritten', () => {
  it('when it lands while apply waits for a busy cluster', async () => {
    orders = world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders', cores: 2 }), {
      state: 'UPDATING',
      hold: {},
    });
    const at = { method: 'GET', path: '/clusters/{id}' };
    // apply's read before its write finds the cluster busy; the edit lands right after; the cluster settles later.
    world.emulator.schedule({ region: 'de-fra', id: orders.id, action: BOB, trigger: { request: at, when: 'after' } });
    world.emulator.schedule({
      region: 'de-fra',
      id: orders.id,
      action: { kind: 'release' },
      // Settles after the first poll while apply waits: whatever the CLI's speed, apply sees it busy, then edited.
      trigger: { request: at, nth: 2, when: 'after' },
    });
    const live = await expectRefused(world.cli(['apply', 'specs', ...FAST_APPLY]));
    expect(puts()).toEqual([]);
    expect(live.properties.instances.cores).toBe(2);
  });

  it("when it lands just before apply's PUT and keeps the cluster busy (409): no second PUT", async () => {
    orders = world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders', cores: 2 }));
    const at = { request: { method: 'PUT', path: '/clusters/{id}' }, when: 'before' } as const;
    world.emulator.schedule({ region: 'de-fra', id: orders.id, action: BOB, trigger: at });
    world.emulator.schedule({ region: 'de-fra', id: orders.id, action: { kind: 'hold', forMs: 300 }, trigger: at });
    const live = await expectRefused(world.cli(['apply', 'specs', ...FAST_APPLY]));
    expect(puts()).toEqual([409]);
    expect(live.properties.instances.cores).toBe(2);
  });

  it("when it lands while apply's PUT response is lost: the update is not sent again", async () => {
    orders = world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders', cores: 2 }));
    world.emulator.setFaults({ dropResponses: { methods: ['PUT'], count: 1 } });
    const at = { request: { method: 'PUT', path: '/clusters/{id}' }, when: 'after' } as const;
    world.emulator.schedule({ region: 'de-fra', id: orders.id, action: BOB, trigger: at });
    await expectRefused(world.cli(['apply', 'specs', ...FAST_APPLY]));
    expect(puts()).toEqual([0]);
  });

  it('when it lands between a 503 and what would have been a retry', async () => {
    orders = world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders', cores: 2 }));
    world.emulator.setFaults({ errorNext: { methods: ['PUT'], status: 503, count: 1 } });
    // The first GET by id is apply's read before the PUT; the second is its read after the 503.
    const at = { request: { method: 'GET', path: '/clusters/{id}' }, nth: 2, when: 'before' } as const;
    world.emulator.schedule({ region: 'de-fra', id: orders.id, action: BOB, trigger: at });
    const live = await expectRefused(world.cli(['apply', 'specs', ...FAST_APPLY]));
    expect(puts()).toEqual([503]);
    expect(live.properties.instances.cores).toBe(2);
  });

  it('when it lands between plan --out and apply --plan', async () => {
    orders = world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders', cores: 2 }));
    expect((await world.cli(['plan', 'specs', '--out', 'plan.json'])).code).toBe(0);
    world.emulator.editCluster('de-fra', orders.id, (p) => ({ ...p, description: 'tuned by bob' }), 'bob@example.com');
    const run = await world.cli(['apply', '--plan', 'plan.json', ...FAST_APPLY]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/de-fra\/orders: modified at .* by bob@example\.com since the plan/);
    expect(puts()).toEqual([]);
    expect(world.named('orders')[0]!.properties.description).toBe('tuned by bob');
  });
});

describe('a lost PUT response', () => {
  it('leads to exactly one update landing, and apply succeeds', async () => {
    orders = world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders', cores: 2 }));
    world.emulator.setFaults({ dropResponses: { methods: ['PUT'], count: 1 } });
    const run = await world.cli(['apply', 'specs', ...FAST_APPLY]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(puts()).toEqual([0]);
    expect(run.stdout).toContain("this run's write, whose response was lost");
    expect(world.named('orders')[0]!.properties.instances.cores).toBe(4);
  });
});
