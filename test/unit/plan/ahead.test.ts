import { describe, expect, it } from 'vitest';
import type { ClusterRead, Region } from '../../../src/api/types.js';
import { ComparisonsAhead } from '../../../src/compare/ahead.js';
import { compareFleet } from '../../../src/compare/compare.js';
import type { DesiredCluster } from '../../../src/desired/types.js';
import { DecisionsAhead } from '../../../src/plan/ahead.js';
import { assemblePlan, type PlanInput } from '../../../src/plan/assemble.js';
import type { RegionCatalog } from '../../../src/plan/types.js';
import { aDesired, aLive, CATALOG, TEST_INPUTS, testIdFor } from '../../helpers/builders.js';

const ID = (n: number) => `7c1a0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const KEEP = { ensure: 'present', preventDestroy: false, allowReplace: false } as const;

/** Every kind of decision a bound document can get, and two that need more than the catalogue. */
function aWorld(): { docs: DesiredCluster[]; live: Map<Region, ClusterRead[]> } {
  const inSync = aDesired({ name: 'in-sync' });
  const drifted = aDesired({ name: 'drifted' });
  const replaced = aDesired({ name: 'replaced', policy: { ...KEEP, allowReplace: true } });
  const deleted = aDesired({ name: 'deleted', policy: { ...KEEP, ensure: 'absent' } });
  const restoring = aDesired({ name: 'restoring', properties: { restoreFromBackup: { sourceBackupId: ID(99) } } });
  const failed = aDesired({ name: 'failed' });
  const notOffered = aDesired({ name: 'not-offered', properties: { version: '12' } });
  const rotated = aDesired({ name: 'rotated' });
  const created = aDesired({ name: 'created' });
  const docs = [inSync, drifted, replaced, deleted, restoring, failed, notOffered, rotated, created];
  const cores = (doc: DesiredCluster) => ({ instances: { ...doc.properties.instances, cores: 16 } });
  const live = new Map<Region, ClusterRead[]>([
    [
      'de-fra',
      [
        aLive(inSync, ID(1)),
        aLive(drifted, ID(2), cores(drifted)),
        aLive(replaced, ID(3), { backup: { ...replaced.properties.backup, location: 'de' } }),
        aLive(deleted, ID(4)),
        aLive(restoring, ID(5)),
        aLive(failed, ID(6), {}, 'FAILED'),
        aLive(notOffered, ID(7)),
        aLive(rotated, ID(8)),
      ],
    ],
  ]);
  return { docs, live };
}

function inputFor(world: ReturnType<typeof aWorld>, rotate: ReadonlySet<string>, catalog: RegionCatalog) {
  const comparisons = new ComparisonsAhead(world.docs);
  const decisions = new DecisionsAhead(rotate);
  for (const [region, clusters] of world.live) {
    comparisons.addPage(region, clusters, (c, position) => decisions.decide(c, region, catalog, position));
  }
  const input: PlanInput = {
    fleet: compareFleet(world.docs, world.live, { listUnmanaged: true }, comparisons),
    regions: ['de-fra'],
    catalogs: new Map([['de-fra', catalog]]),
    backups: new Map(),
    idFor: testIdFor,
    now: '2026-11-24T12:00:00.000Z',
    rotateCredentials: rotate,
    inputs: TEST_INPUTS,
  };
  return { input, decisions };
}

describe('decisions made ahead (while pages arrive)', () => {
  it('give the same plan and refusals as none made ahead', () => {
    const rotate = new Set(['de-fra/rotated']);
    const { input, decisions } = inputFor(aWorld(), rotate, CATALOG);
    const withAhead = assemblePlan({ ...input, ahead: decisions });
    expect(withAhead).toEqual(assemblePlan(input));
    const actions = withAhead.plan.changes.map((c) => `${c.name}:${c.action}`).sort();
    expect(actions).toEqual([
      'created:create',
      'deleted:delete',
      'drifted:update',
      'failed:noop',
      'in-sync:noop',
      'replaced:replace',
      'restoring:noop',
      'rotated:update',
    ]);
    expect(withAhead.issues.map((i) => i.path)).toEqual(['spec.version']);
    // ... and the planner took the in-sync change from the decisions made ahead, not a copy of its own.
    const inSync = input.fleet.comparisons.find((c) => c.doc.name === 'in-sync')!;
    const ctx = { ...input, index: input.fleet.index, nowMs: 0 };
    expect(withAhead.plan.changes.find((c) => c.name === 'in-sync')).toBe(decisions.take(inSync, ctx)?.change);
  });

  it('are used for the comparison they were made from; a replace (a free id) is left to the planner', () => {
    const rotate = new Set<string>();
    const { input, decisions } = inputFor(aWorld(), rotate, CATALOG);
    const ctx = { ...input, index: input.fleet.index, nowMs: 0 };
    const byName = new Map(input.fleet.comparisons.map((c) => [c.doc.name, c]));
    expect(decisions.take(byName.get('in-sync')!, ctx)?.change?.action).toBe('noop');
    expect(decisions.take(byName.get('drifted')!, ctx)?.change?.action).toBe('update');
    expect(decisions.take(byName.get('deleted')!, ctx)?.change?.action).toBe('delete');
    expect(decisions.take(byName.get('not-offered')!, ctx)?.issues).toHaveLength(1);
    expect(decisions.take(byName.get('replaced')!, ctx)).toBeUndefined();
    expect(decisions.take(byName.get('created')!, ctx)).toBeUndefined();
  });

  it('are not used with another catalogue or another --rotate-credentials set', () => {
    const rotate = new Set<string>();
    const { input, decisions } = inputFor(aWorld(), rotate, CATALOG);
    const inSync = input.fleet.comparisons.find((c) => c.doc.name === 'in-sync')!;
    const ctx = { ...input, index: input.fleet.index, nowMs: 0 };
    expect(decisions.take(inSync, ctx)).toBeDefined();
    expect(decisions.take(inSync, { ...ctx, catalogs: new Map([['de-fra', { ...CATALOG }]]) })).toBeUndefined();
    expect(decisions.take(inSync, { ...ctx, rotateCredentials: new Set<string>() })).toBeUndefined();
  });

  it('are found by their document position, and only for the comparison made there', () => {
    const rotate = new Set<string>();
    const { input, decisions } = inputFor(aWorld(), rotate, CATALOG);
    expect(assemblePlan({ ...input, ahead: decisions })).toEqual(assemblePlan(input));
    const ctx = { ...input, index: input.fleet.index, nowMs: 0 };
    const { comparisons } = input.fleet;
    const inSyncAt = comparisons.findIndex((c) => c.doc.name === 'in-sync');
    const driftedAt = comparisons.findIndex((c) => c.doc.name === 'drifted');
    const inSync = comparisons[inSyncAt]!;
    expect(decisions.take(inSync, ctx, inSyncAt)?.change?.action).toBe('noop');
    expect(decisions.take(inSync, ctx)).toBe(decisions.take(inSync, ctx, inSyncAt)); // no position: the same one
    expect(decisions.take(inSync, ctx, driftedAt)).toBeUndefined(); // another document's position: not its decision
    // Comparisons planned in another order than they were made: each position holds another document's decision.
    const reversed = { ...input, fleet: { ...input.fleet, comparisons: [...comparisons].reverse() } };
    expect(assemblePlan({ ...reversed, ahead: decisions })).toEqual(assemblePlan(reversed));
  });
});
