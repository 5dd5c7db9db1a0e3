import { describe, expect, it } from 'vitest';
import type { ClusterRead, Region } from '../../../src/api/types.js';
import type { DesiredCluster } from '../../../src/desired/types.js';
import type { PlanInput } from '../../../src/plan/assemble.js';
import { aDesired, aLive, CATALOG, planFor, testIdFor } from '../../helpers/builders.js';

function plan(desired: DesiredCluster[], live: ClusterRead[] = [], extra: Partial<PlanInput> = {}) {
  const regions = new Set<Region>(desired.map((d) => d.region));
  return planFor({
    desired,
    live: new Map([...regions].map((r) => [r, live.filter((c) => c.href.includes(r))])),
    catalogs: new Map([...regions].map((r) => [r, CATALOG])),
    backups: new Map(),
    now: '2026-11-24T12:00:00.000Z',
    rotateCredentials: new Set(),
    listUnmanaged: true,
    ...extra,
  });
}

describe('assemblePlan', () => {
  it('creates a missing cluster at the name-based id of its address, with the full desired body', () => {
    const doc = aDesired();
    const { plan: p, issues } = plan([doc]);
    expect(issues).toEqual([]);
    expect(p.changes).toHaveLength(1);
    const change = p.changes[0]!;
    expect(change.action).toBe('create');
    expect(change.id).toBe(testIdFor('de-fra/orders-prod', 0));
    expect(change.after).toEqual(doc.properties);
    expect(p.summary).toEqual({ create: 1, update: 0, replace: 0, delete: 0, noop: 0 });
  });

  it('is a noop when the live cluster matches, and never diffs write-only credentials', () => {
    const doc = aDesired();
    const { plan: p } = plan([doc], [aLive(doc, 'c1')]);
    expect(p.changes[0]).toMatchObject({ action: 'noop', id: 'c1', patch: [] });
  });

  it('fills API defaults into the live side, so an omitted optional is not a change', () => {
    const doc = aDesired();
    const live = aLive(doc, 'c1');
    delete live.properties.connectionPooler;
    delete live.properties.logsEnabled;
    delete live.properties.description;
    expect(plan([doc], [live]).plan.changes[0]!.action).toBe('noop');
  });

  it('updates with an RFC 6902 patch from before to after', () => {
    const doc = aDesired({ properties: { instances: { count: 1, cores: 4, ram: 4, storageSize: 20 } } });
    const live = aLive(doc, 'c1', { instances: { count: 1, cores: 2, ram: 4, storageSize: 20 } });
    const change = plan([doc], [live]).plan.changes[0]!;
    expect(change.action).toBe('update');
    expect(change.patch).toEqual([{ op: 'replace', path: '/instances/cores', value: 4 }]);
    expect(change.live).toMatchObject({ lastModifiedBy: 'alice@example.com', state: 'AVAILABLE' });
  });

  it('resets a field the spec leaves to its default (PUT would reset it anyway) and shows it', () => {
    const doc = aDesired({ defaulted: ['/connectionPooler'] });
    const live = aLive(doc, 'c1', { connectionPooler: 'TRANSACTION' });
    const change = plan([doc], [live]).plan.changes[0]!;
    expect(change.action).toBe('update');
    expect(change.patch).toEqual([{ op: 'replace', path: '/connectionPooler', value: 'DISABLED' }]);
    expect(change.defaulted).toEqual(['/connectionPooler']);
  });

  it('refuses an immutable change without allowReplace, at the line of the field', () => {
    const doc = aDesired({ properties: { backup: { location: 'de', retentionDays: 7 } } });
    const live = aLive(doc, 'c1', { backup: { location: 'eu-central-3', retentionDays: 7 } });
    const { plan: p, issues } = plan([doc], [live]);
    expect(p.changes).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      file: 'specs/orders-prod.yaml',
      line: 20,
      col: 22,
      path: 'spec.backup.location',
    });
    expect(issues[0]!.message).toContain('allowReplace');
  });

  it('replaces when allowReplace is set, keeping the old id and minting a replacement id', () => {
    const doc = aDesired({
      properties: { backup: { location: 'de', retentionDays: 7 } },
      policy: { ensure: 'present', preventDestroy: false, allowReplace: true },
    });
    const live = aLive(doc, 'c1', { backup: { location: 'eu-central-3', retentionDays: 7 } });
    const change = plan([doc], [live]).plan.changes[0]!;
    expect(change).toMatchObject({
      action: 'replace',
      id: 'c1',
      replacementId: testIdFor('de-fra/orders-prod', 0),
    });
    expect(change.reasons[0]).toContain('backup.location is immutable');
  });

  it('refuses replace and delete under preventDestroy', () => {
    const policy = { ensure: 'absent' as const, preventDestroy: true, allowReplace: true };
    const doc = aDesired({ policy });
    expect(plan([doc], [aLive(doc, 'c1')]).issues[0]!.message).toContain('preventDestroy');
  });

  it('deletes only for ensure: absent; an absent cluster that is already gone is a noop', () => {
    const doc = aDesired({ policy: { ensure: 'absent', preventDestroy: false, allowReplace: false } });
    expect(plan([doc], [aLive(doc, 'c1')]).plan.changes[0]).toMatchObject({ action: 'delete', id: 'c1', after: null });
    expect(plan([doc], []).plan.changes[0]).toMatchObject({ action: 'noop', id: null });
  });

  it('lists live clusters no document names as unmanaged, and never plans to touch them', () => {
    const doc = aDesired();
    const stranger = aLive(aDesired({ name: 'legacy' }), 'c9');
    const { plan: p } = plan([doc], [aLive(doc, 'c1'), stranger]);
    expect(p.unmanaged).toEqual([expect.objectContaining({ address: 'de-fra/legacy', id: 'c9' })]);
    expect(p.changes.map((c) => c.id)).toEqual(['c1']);
  });

  it('refuses two live clusters with the same name unless the document pins an id', () => {
    const doc = aDesired();
    const twins = [aLive(doc, 'c1'), aLive(doc, 'c2')];
    expect(plan([doc], twins).issues[0]!.message).toContain('pin one with metadata.id');
    const pinned = aDesired({ id: 'c2' });
    expect(plan([pinned], twins).plan.changes[0]).toMatchObject({ action: 'noop', id: 'c2' });
  });

  it('refuses downgrades, disallowed upgrades, shrinking storage and unknown versions/locations', () => {
    const base = aDesired();
    const cases: [Parameters<typeof aDesired>[0], Partial<ClusterRead['properties']>, string][] = [
      [{ properties: { version: '15' } }, { version: '16' }, 'a downgrade'],
      [{ properties: { version: '12' } }, {}, 'not offered'],
      [{ properties: { instances: { count: 1, cores: 2, ram: 4, storageSize: 10 } } }, {}, 'can only grow'],
      [{ properties: { backup: { location: 'mars-1', retentionDays: 7 } } }, {}, 'not offered'],
    ];
    for (const [overrides, liveOverrides, message] of cases) {
      const doc = aDesired(overrides);
      const { issues, plan: p } = plan([doc], [aLive(base, 'c1', liveOverrides)]);
      expect(issues.map((i) => i.message).join('\n')).toContain(message);
      expect(p.changes).toEqual([]);
    }
  });

  it('allows an upgrade along canUpgradeTo', () => {
    const doc = aDesired({ properties: { version: '17' } });
    const change = plan([doc], [aLive(doc, 'c1', { version: '15' })]).plan.changes[0]!;
    expect(change.action).toBe('update');
  });

  it('forces an update that re-sends credentials with --rotate-credentials', () => {
    const doc = aDesired();
    const { plan: p } = plan([doc], [aLive(doc, 'c1')], { rotateCredentials: new Set([doc.address]) });
    expect(p.changes[0]).toMatchObject({ action: 'update', patch: [] });
    expect(p.changes[0]!.reasons.join()).toContain('rotation');
  });

  it('orders deletes, replaces, creates, updates, noops, then by address', () => {
    const absent = aDesired({
      name: 'z-old',
      policy: { ensure: 'absent', preventDestroy: false, allowReplace: false },
    });
    const create = aDesired({ name: 'b-new' });
    const create2 = aDesired({ name: 'a-new' });
    const same = aDesired({ name: 'c-same' });
    const { plan: p } = plan([same, create, absent, create2], [aLive(absent, 'c1'), aLive(same, 'c2')]);
    expect(p.changes.map((c) => `${c.action}:${c.name}`)).toEqual([
      'delete:z-old',
      'create:a-new',
      'create:b-new',
      'noop:c-same',
    ]);
  });

  it('does not echo restoreFromBackup into an update of an existing cluster', () => {
    const doc = aDesired({
      properties: {
        restoreFromBackup: { sourceBackupId: 'b1' },
        instances: { count: 1, cores: 4, ram: 4, storageSize: 20 },
      },
    });
    const change = plan([doc], [aLive(doc, 'c1', { instances: { count: 1, cores: 2, ram: 4, storageSize: 20 } })]).plan
      .changes[0]!;
    expect(change.action).toBe('update');
    expect(change.after).not.toHaveProperty('restoreFromBackup');
  });
});
