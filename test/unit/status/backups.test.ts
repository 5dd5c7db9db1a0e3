import { describe, expect, it } from 'vitest';
import { describeWindow, groupBackups, pickBackup, summarizeBackup } from '../../../src/status/backups.js';
import { aBackup, ago, DAY, HOUR, NOW_MS } from './builders.js';

describe('groupBackups', () => {
  it('groups by clusterId and drops backups that belong to no cluster', () => {
    const orphan = aBackup('x');
    delete orphan.properties.clusterId;
    const grouped = groupBackups([
      aBackup('a', {}, ago(DAY), 'a1'),
      aBackup('b'),
      aBackup('a', {}, ago(HOUR), 'a2'),
      orphan,
    ]);
    expect([...grouped.keys()]).toEqual(['a', 'b']);
    expect(grouped.get('a')!.map((b) => b.id)).toEqual(['a1', 'a2']);
  });
});

describe('pickBackup', () => {
  it('prefers the active backup over a newer inactive one', () => {
    const active = aBackup('a', {}, ago(3 * DAY), 'active');
    const inactive = aBackup('a', { isActive: false, latestRecoveryTargetTime: ago(HOUR) }, ago(DAY), 'inactive');
    expect(pickBackup([inactive, active])!.id).toBe('active');
  });

  it('without an active one, shows the newest chain (by createdDate, else the earliest recovery point)', () => {
    const old = aBackup('a', { isActive: false }, ago(5 * DAY), 'old');
    const newer = aBackup('a', { isActive: false, earliestRecoveryTargetTime: ago(DAY) }, undefined, 'newer');
    expect(pickBackup([old, newer])!.id).toBe('newer');
    expect(pickBackup([newer, old])!.id).toBe('newer');
    expect(pickBackup([])).toBeNull();
  });
});

describe('describeWindow', () => {
  it('counts an active backup without a latest time as restorable up to now', () => {
    const window = describeWindow(summarizeBackup(aBackup('a', {}, ago(DAY))), NOW_MS);
    expect(window).toEqual({ earliest: ago(DAY), latest: ago(0), latestIsNow: true, ageMs: 0 });
  });

  it('measures the age of a lagging or stalled latest point', () => {
    const backup = summarizeBackup(aBackup('a', { latestRecoveryTargetTime: ago(3 * HOUR) }));
    expect(describeWindow(backup, NOW_MS)).toMatchObject({
      latest: ago(3 * HOUR),
      latestIsNow: false,
      ageMs: 3 * HOUR,
    });
  });

  it('never makes a point in the future negatively old (a server clock ahead of ours)', () => {
    const backup = summarizeBackup(aBackup('a', { latestRecoveryTargetTime: new Date(NOW_MS + HOUR).toISOString() }));
    expect(describeWindow(backup, NOW_MS).ageMs).toBe(0);
  });

  it('leaves the latest point unknown for an inactive backup without one, or an unreadable time', () => {
    const inactive = summarizeBackup(aBackup('a', { isActive: false, latestRecoveryTargetTime: null }));
    expect(describeWindow(inactive, NOW_MS)).toMatchObject({ latest: null, latestIsNow: false, ageMs: null });
    const garbled = summarizeBackup(aBackup('a', { latestRecoveryTargetTime: 'yesterday' }));
    expect(describeWindow(garbled, NOW_MS)).toMatchObject({ latest: 'yesterday', ageMs: null });
  });
});

describe('summarizeBackup', () => {
  it('says null for what the API left out', () => {
    const bare = { id: 'b', type: 'backup', href: '', metadata: {}, properties: {} };
    expect(summarizeBackup(bare)).toEqual({
      id: 'b',
      isActive: false,
      location: null,
      postgresClusterVersion: null,
      createdDate: null,
      earliestRecoveryTargetTime: null,
      latestRecoveryTargetTime: null,
    });
  });
});
