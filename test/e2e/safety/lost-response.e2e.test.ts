import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/plan/types.js';
import {
  FAST_APPLY,
  liveProperties,
  type SafetyWorld,
  startSafetyWorld,
  waitUntil,
} from '../../helpers/safety-world.js';

let world: SafetyWorld;
afterEach(() => world.close());

const putsTo = (id: string) => world.writes().filter((r) => r.method === 'PUT' && r.path.endsWith(`/clusters/${id}`));

describe('a create whose response is lost never yields two clusters', () => {
  beforeEach(async () => {
    // Provisioning outlasts apply's next read, which finds our own cluster still PROVISIONING.
    world = await startSafetyWorld({ provisioningDelayMs: 400 });
  });

  it('when the response is lost inside apply: the next read finds the create landed, nothing is sent again', async () => {
    world.writeSpec({ name: 'orders' });
    world.emulator.setFaults({ dropResponses: { methods: ['PUT'], count: 1 } });
    const apply = await world.cli(['apply', 'specs', ...FAST_APPLY]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(world.emulator.stats().droppedResponses).toBe(1);
    const [cluster, ...others] = world.named('orders');
    expect(others).toEqual([]);
    const puts = putsTo(cluster!.id);
    expect(puts.map((r) => r.status)).toEqual([0]); // applied, then dropped: never repeated (product.md §6)
    expect(world.writes()).toHaveLength(1); // nothing else was written, no second id
    expect(apply.stdout).toContain("this run's write, whose response was lost");
    expect(cluster!.metadata.state).toBe('AVAILABLE');
    expect((await world.cli(['plan', 'specs', '--detailed-exitcode'])).code).toBe(0);
  });

  it('when the CLI dies before the answer and a new run (or the saved plan again) comes back', async () => {
    world.writeSpec({ name: 'orders' });
    expect((await world.cli(['plan', 'specs', '--out', 'plan.json'])).code).toBe(0);
    const planned = (JSON.parse(readFileSync(join(world.dir, 'plan.json'), 'utf8')) as Plan).changes[0]!.id;
    // The write is applied, then the answer is held back long enough to kill the CLI while it waits for it.
    world.emulator.setFaults({ latencyMs: 800 });
    let pid = 0;
    const first = world.cli(['apply', '--plan', 'plan.json', ...FAST_APPLY], { onSpawn: (p) => (pid = p) });
    await waitUntil(() => world.named('orders').length === 1, first);
    process.kill(pid, 'SIGKILL');
    expect((await first).code).toBeNull(); // killed: it never learnt whether the create landed
    world.emulator.setFaults({});
    expect(world.named('orders').map((c) => c.id)).toEqual([planned]);

    world.emulator.clearRequests();
    const saved = await world.cli(['apply', '--plan', 'plan.json', ...FAST_APPLY]);
    expect(saved.code).toBe(1);
    expect(saved.stderr).toContain(`cluster ${planned} now exists (this plan was already applied?)`);
    const rerun = await world.cli(['apply', 'specs', ...FAST_APPLY]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(world.writes(), 'neither run wrote: the create had landed').toEqual([]);
    expect(world.named('orders').map((c) => [c.id, c.metadata.state])).toEqual([[planned, 'AVAILABLE']]);
  });
});

describe('a re-run while the create is still PROVISIONING', () => {
  beforeEach(async () => {
    world = await startSafetyWorld({ provisioningDelayMs: 1500 });
  });

  it('resumes waiting instead of re-sending, after a run whose wait timed out', async () => {
    world.writeSpec({ name: 'orders' });
    world.emulator.setFaults({ dropResponses: { methods: ['PUT'], count: 1 } });
    const first = await world.cli(['apply', 'specs', ...FAST_APPLY, '--wait-timeout', '50ms']);
    expect(first.code).toBe(1);
    expect(first.stderr + first.stdout).toMatch(/timed out waiting for cluster .* to become AVAILABLE/);
    expect(first.stderr + first.stdout).toContain('resumes waits and never creates a cluster twice');
    const written = world.writes().length;

    const rerun = await world.cli(['apply', 'specs', ...FAST_APPLY]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(world.writes()).toHaveLength(written); // no PUT: the cluster was PROVISIONING, so apply waited
    expect(rerun.stderr).toContain('de-fra/orders: waiting for an earlier change...');
    expect(world.named('orders').map((c) => c.metadata.state)).toEqual(['AVAILABLE']);
  });
});

describe('a delete whose response is lost', () => {
  beforeEach(async () => {
    world = await startSafetyWorld({ provisioningDelayMs: 400 });
  });

  it('is not sent again: the next read finds our own cluster DESTROYING, and apply waits until it is gone', async () => {
    const doomed = world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders' }));
    world.writeSpec({ name: 'orders', ensure: 'absent' });
    world.emulator.setFaults({ dropResponses: { methods: ['DELETE'], count: 1 } });
    const apply = await world.cli(['apply', 'specs', ...FAST_APPLY]);
    expect(apply.code, apply.stderr + apply.stdout).toBe(0);
    expect(world.writes().map((r) => `${r.method} ${r.status}`)).toEqual(['DELETE 0']);
    expect(world.writes().every((r) => r.path.endsWith(doomed.id))).toBe(true);
    expect(world.named('orders')).toEqual([]);
  });
});
