import { describe, expect, it } from 'vitest';
import type { ClusterRead } from '../../../src/api/types.js';
import { assemblePlan } from '../../../src/plan/assemble.js';
import { checkStaleness } from '../../../src/plan/stale.js';
import { aDesired, aLive, CATALOG, sequentialIds } from '../../helpers/builders.js';

function planFor(live: ClusterRead[]) {
  const docs = [
    aDesired({ properties: { instances: { count: 1, cores: 4, ram: 4, storageSize: 20 } } }),
    aDesired({ name: 'fresh' }),
  ];
  return assemblePlan({
    desired: docs,
    live: new Map([['de-fra', live]]),
    catalogs: new Map([['de-fra', CATALOG]]),
    backups: new Map(),
    newId: sequentialIds(),
    now: '2026-11-24T12:00:00.000Z',
    rotateCredentials: new Set(),
    listUnmanaged: true,
  }).plan;
}

describe('checkStaleness', () => {
  const live = aLive(aDesired(), 'c1');
  const plan = planFor([live]);

  it('accepts a plan when nothing moved, and refreshes live states', () => {
    const settled = structuredClone(live);
    settled.metadata.state = 'AVAILABLE';
    const { stale, refreshed } = checkStaleness(plan, new Map([['de-fra', [settled]]]));
    expect(stale).toEqual([]);
    expect(refreshed.changes).toHaveLength(plan.changes.length);
  });

  it('names a cluster modified since the plan, with who and when', () => {
    const edited = structuredClone(live);
    edited.metadata.lastModifiedDate = '2026-11-24T12:05:00Z';
    edited.metadata.lastModifiedBy = 'bob@example.com';
    const { stale } = checkStaleness(plan, new Map([['de-fra', [edited]]]));
    expect(stale).toEqual([{ address: 'de-fra/orders-prod', reason: expect.stringContaining('bob@example.com') }]);
  });

  it('notices changed properties even when lastModifiedDate did not move', () => {
    const edited = structuredClone(live);
    edited.properties.instances.ram = 8;
    expect(checkStaleness(plan, new Map([['de-fra', [edited]]])).stale[0]!.reason).toContain('properties changed');
  });

  it('refuses creates whose name was taken, or whose UUID exists already, and updates whose cluster vanished', () => {
    const intruder = aLive(aDesired({ name: 'fresh' }), 'other');
    const { stale } = checkStaleness(plan, new Map([['de-fra', [live, intruder]]]));
    expect(stale.map((s) => s.address)).toEqual(['de-fra/fresh']);
    const gone = checkStaleness(plan, new Map([['de-fra', []]])).stale;
    expect(gone[0]!.reason).toContain('no longer exists');
  });
});
