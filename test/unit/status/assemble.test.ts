import { describe, expect, it } from 'vitest';
import { assembleStatus, isUnhealthy } from '../../../src/status/index.js';
import { aDesired, aLive } from '../../helpers/builders.js';
import { aBackup, ago, aManaged, DAY, HOUR, NOW_MS, statusInput, statusOf } from './builders.js';

describe('assembleStatus', () => {
  it('shows a healthy cluster with everything the contract lists', () => {
    const { doc, live } = aManaged('orders-prod');
    const report = statusOf([doc], [live], [aBackup(live.id, {}, ago(DAY))]);
    expect(report).toMatchObject({
      formatVersion: 1,
      kind: 'pgensure-status',
      createdAt: ago(0),
      maxRecoveryAgeMs: DAY,
      regions: ['de-fra'],
      healthy: true,
    });
    expect(report.clusters).toEqual([
      expect.objectContaining({
        address: 'de-fra/orders-prod',
        id: 'id-orders-prod',
        exists: true,
        health: 'healthy',
        problems: [],
        state: 'AVAILABLE',
        statusMessage: null,
        dnsName: 'pg-orders-prod.postgresql.de-fra.ionos.com',
        version: '16',
        instances: { count: 1, cores: 2, ram: 4, storageSize: 20 },
        backupLocation: 'eu-central-3',
        backups: 1,
        backup: expect.objectContaining({ id: `b-${live.id}`, isActive: true, latestRecoveryTargetTime: null }),
        recoveryWindow: { earliest: ago(DAY), latest: ago(0), latestIsNow: true, ageMs: 0 },
      }),
    ]);
    expect(isUnhealthy(report)).toBe(false);
  });

  it('names a FAILED cluster with its statusMessage quoted', () => {
    const { doc, live } = aManaged('billing', 'FAILED');
    live.metadata.statusMessage = 'disk full on replica 2';
    const report = statusOf([doc], [live], [aBackup(live.id)]);
    expect(report.clusters[0]).toMatchObject({
      health: 'unhealthy',
      statusMessage: 'disk full on replica 2',
      problems: [{ kind: 'state', message: 'FAILED: "disk full on replica 2"' }],
    });
    expect(isUnhealthy(report)).toBe(true);
  });

  it.each(['PROVISIONING', 'UPDATING', 'DESTROYING'] as const)('counts %s as not AVAILABLE', (state) => {
    const { doc, live } = aManaged('busy', state);
    const report = statusOf([doc], [live], [aBackup(live.id)]);
    expect(report.clusters[0]!.problems).toEqual([{ kind: 'state', message: `${state}, not AVAILABLE` }]);
  });

  it('is unhealthy without an active backup, and says whether there is an inactive one', () => {
    const none = aManaged('none');
    const ended = aManaged('ended');
    const inactive = aBackup(ended.live.id, { isActive: false, latestRecoveryTargetTime: ago(2 * HOUR) });
    const report = statusOf([none.doc, ended.doc], [none.live, ended.live], [inactive]);
    const [first, second] = report.clusters;
    expect(first).toMatchObject({ address: 'de-fra/ended', backups: 1, backup: { isActive: false } });
    expect(first!.problems).toEqual([
      {
        kind: 'no-active-backup',
        message: `no active backup: the newest backup (b-${ended.live.id}) is inactive, restorable up to ${ago(2 * HOUR)}`,
      },
    ]);
    expect(second).toMatchObject({ address: 'de-fra/none', backups: 0, backup: null, recoveryWindow: null });
    expect(second!.problems[0]!.kind).toBe('no-active-backup');
    expect(report.summary.problems).toEqual({ missing: 0, state: 0, noActiveBackup: 2, staleRecoveryPoint: 0 });
  });

  it('is unhealthy when the latest recovery point is older than the maximum age, not when it is as old', () => {
    const { doc, live } = aManaged('stalled');
    const backups = [aBackup(live.id, { latestRecoveryTargetTime: ago(3 * HOUR) })];
    const strict = statusOf([doc], [live], backups, { maxRecoveryAgeMs: HOUR });
    expect(strict.clusters[0]!.problems).toEqual([
      {
        kind: 'stale-recovery-point',
        message: `latest recovery point ${ago(3 * HOUR)} is 3h old, older than --max-recovery-age 1h`,
      },
    ]);
    expect(statusOf([doc], [live], backups, { maxRecoveryAgeMs: 3 * HOUR }).healthy).toBe(true);
    expect(statusOf([doc], [live], backups).healthy).toBe(true); // the default 24h
  });

  it('is unhealthy when an active backup gives an unreadable latest time', () => {
    const { doc, live } = aManaged('garbled');
    const report = statusOf([doc], [live], [aBackup(live.id, { latestRecoveryTargetTime: 'soon' })]);
    expect(report.clusters[0]!.problems).toEqual([
      { kind: 'stale-recovery-point', message: 'latest recovery point unreadable ("soon")' },
    ]);
  });

  it('lists every problem of one cluster, state first', () => {
    const { doc, live } = aManaged('broken', 'FAILED');
    const report = statusOf([doc], [live], []);
    expect(report.clusters[0]!.problems.map((p) => p.kind)).toEqual(['state', 'no-active-backup']);
    expect(report.summary).toMatchObject({ unhealthy: 1, problems: { state: 1, noActiveBackup: 1 } });
  });

  it('reports a document without a live cluster as missing (by name and by a stale metadata.id)', () => {
    const byName = aDesired({ name: 'new-one' });
    const byId = aDesired({ name: 'pinned', id: '00000000-0000-4000-8000-00000000dead' });
    const leftover = aBackup(byId.id!, { isActive: false, latestRecoveryTargetTime: ago(HOUR) });
    const report = statusOf([byName, byId], [], [leftover]);
    expect(report.clusters.map((c) => [c.address, c.exists, c.id, c.problems[0]!.kind])).toEqual([
      ['de-fra/new-one', false, null, 'missing'],
      ['de-fra/pinned', false, byId.id, 'missing'],
    ]);
    expect(report.clusters[0]!.problems[0]!.message).toContain('no live cluster in de-fra is named "new-one"');
    expect(report.clusters[1]!.problems[0]!.message).toContain(`has metadata.id ${byId.id}`);
    // A deleted cluster's backup stays listed: the pinned document still shows what it could be restored from.
    expect(report.clusters[1]).toMatchObject({ backups: 1, backup: { id: leftover.id, isActive: false } });
  });

  it('never checks a tombstone: gone, still there, or being deleted', () => {
    const gone = aDesired({ name: 'gone', policy: { ensure: 'absent', preventDestroy: false, allowReplace: false } });
    const still = aManaged('still', 'FAILED');
    still.doc.policy = { ...still.doc.policy, ensure: 'absent' };
    const dying = aManaged('dying', 'DESTROYING');
    dying.doc.policy = { ...dying.doc.policy, ensure: 'absent' };
    const report = statusOf([gone, still.doc, dying.doc], [still.live, dying.live], []);
    expect(report.healthy).toBe(true);
    expect(report.clusters.map((c) => [c.address, c.health, c.exists, c.problems, c.notes])).toEqual([
      ['de-fra/dying', 'absent', true, [], ['ensure: absent: the cluster is being deleted (DESTROYING)']],
      ['de-fra/gone', 'absent', false, [], ['ensure: absent, and no such cluster exists (as the files want)']],
      [
        'de-fra/still',
        'absent',
        true,
        [],
        ['ensure: absent, but the cluster still exists (FAILED): pgensure apply deletes it'],
      ],
    ]);
    expect(report.summary).toMatchObject({ managed: 3, healthy: 0, unhealthy: 0, absent: 3 });
  });

  it('orders unhealthy first, then healthy, then tombstones, each by address', () => {
    const b = aManaged('b');
    const a = aManaged('a');
    const z = aManaged('z', 'FAILED');
    const y = aManaged('y', 'UPDATING');
    const t = aManaged('0-tomb');
    t.doc.policy = { ...t.doc.policy, ensure: 'absent' };
    const docs = [b.doc, t.doc, z.doc, a.doc, y.doc];
    const lives = [b.live, t.live, z.live, a.live, y.live];
    const report = statusOf(
      docs,
      lives,
      lives.map((live) => aBackup(live.id)),
    );
    expect(report.clusters.map((c) => c.name)).toEqual(['y', 'z', 'a', 'b', '0-tomb']);
    expect(report.summary).toEqual({
      managed: 5,
      healthy: 2,
      unhealthy: 2,
      absent: 1,
      problems: { missing: 0, state: 2, noActiveBackup: 0, staleRecoveryPoint: 0 },
    });
  });

  it('binds by metadata.id before the name, like plan and drift', () => {
    const doc = aDesired({ name: 'renamed', id: 'id-real' });
    const real = aLive(aDesired({ name: 'old-name' }), 'id-real');
    const namesake = aLive(aDesired({ name: 'renamed' }), 'id-namesake', {}, 'FAILED');
    const report = statusOf([doc], [real, namesake], [aBackup('id-real')]);
    expect(report.clusters[0]).toMatchObject({ id: 'id-real', health: 'healthy' });
  });

  it('returns the documents two of which bind one cluster as issues, not as a report entry', () => {
    const one = aDesired({ name: 'one', id: 'id-shared' });
    const two = aDesired({ name: 'two', id: 'id-shared' });
    const live = aLive(one, 'id-shared');
    const { report, issues } = assembleStatus(statusInput([one, two], [live], [aBackup('id-shared')]));
    expect(issues).toHaveLength(1);
    expect(report.clusters.map((c) => c.address)).toEqual(['de-fra/one']);
  });

  it('uses the clock it is given, never its own', () => {
    const { doc, live } = aManaged('clock');
    const input = statusInput([doc], [live], [aBackup(live.id)], { nowMs: NOW_MS + HOUR });
    expect(assembleStatus(input).report.createdAt).toBe(new Date(NOW_MS + HOUR).toISOString());
  });
});
