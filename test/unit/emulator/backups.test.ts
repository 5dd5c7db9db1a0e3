/** Backups like the API's (issue 12): one active per cluster, windows that move, inactive ones kept, controls. */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { admin, call, type FakeClock, ID1, ID2, putCluster, readableProperties, startTestEmulator } from './helpers.js';

let emu: RunningEmulator;
let clock: FakeClock;
afterEach(async () => {
  await emu.close();
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const backupsOf = async (id: string, region = 'de-fra') =>
  (await call(emu, 'GET', `/${region}/backups?filter.clusterId=${id}`)).body.items.map(
    (b: { properties: Record<string, unknown> }) => b.properties,
  );

describe('the first backup', () => {
  it('appears when a new cluster becomes AVAILABLE: active, earliest = that moment, latest null (= now)', async () => {
    ({ emu, clock } = await startTestEmulator());
    const start = clock.now();
    await putCluster(emu, 'de-fra', ID1);
    expect(await backupsOf(ID1)).toEqual([]);
    clock.advance(1000);
    expect(await backupsOf(ID1)).toEqual([
      {
        clusterId: ID1,
        postgresClusterVersion: '16',
        isActive: true,
        earliestRecoveryTargetTime: iso(start + 1000),
        latestRecoveryTargetTime: null,
        location: 'eu-central-3',
      },
    ]);
  });

  it('waits firstBackupDelayMs more when configured, and never comes for a create that ended FAILED', async () => {
    ({ emu, clock } = await startTestEmulator({
      firstBackupDelayMs: 5000,
      faults: { failWrites: { count: 1, message: 'no capacity' } },
    }));
    await putCluster(emu, 'de-fra', ID1);
    await putCluster(emu, 'de-fra', ID2);
    clock.advance(5999);
    expect([await backupsOf(ID1), await backupsOf(ID2)]).toEqual([[], []]);
    clock.advance(1);
    expect(await backupsOf(ID1)).toEqual([]);
    expect(await backupsOf(ID2)).toHaveLength(1);
    // Repaired by a PUT: UPDATING → AVAILABLE, then the delay.
    expect((await putCluster(emu, 'de-fra', ID1)).status).toBe(200);
    clock.advance(6000);
    expect(await backupsOf(ID1)).toHaveLength(1);
  });
});

describe('recovery windows', () => {
  it('earliest moves forward with the retention; latest follows now with backupLatestLagMs', async () => {
    ({ emu, clock } = await startTestEmulator({ backupLatestLagMs: 60_000 }));
    emu.seedCluster('de-fra', readableProperties({ backup: { location: 'eu-central-3', retentionDays: 1 } }), {
      id: ID1,
    });
    const seededAt = clock.now();
    const [fresh] = await backupsOf(ID1);
    expect(fresh).toMatchObject({ earliestRecoveryTargetTime: iso(seededAt), latestRecoveryTargetTime: iso(seededAt) });
    clock.advance(2 * DAY);
    const [aged] = await backupsOf(ID1);
    expect(aged).toMatchObject({
      earliestRecoveryTargetTime: iso(clock.now() - DAY),
      latestRecoveryTargetTime: iso(clock.now() - 60_000),
    });
    emu.setBehaviour({ backupLatestLagMs: null });
    expect((await backupsOf(ID1))[0].latestRecoveryTargetTime).toBeNull();
  });

  it('bounds restores by the window: a target before the retention is refused', async () => {
    ({ emu, clock } = await startTestEmulator());
    emu.seedCluster('de-fra', readableProperties(), { id: ID1 });
    const seededAt = clock.now();
    clock.advance(8 * DAY);
    const [backup] = (await call(emu, 'GET', `/de-fra/backups?filter.clusterId=${ID1}`)).body.items;
    const restore = (at: number) =>
      putCluster(emu, 'de-fra', ID2, {
        restoreFromBackup: { sourceBackupId: backup.id, recoveryTargetDatetime: iso(at) },
      });
    const early = await restore(seededAt + HOUR);
    expect(early.status).toBe(422);
    expect(early.body.messages[0].message).toContain('recovery window');
    expect((await restore(clock.now() - 6 * DAY)).status).toBe(201);
  });
});

describe('inactive backups', () => {
  it('a major upgrade keeps the old backup inactive and starts a new one once the upgrade is done', async () => {
    ({ emu, clock } = await startTestEmulator());
    emu.seedCluster('de-fra', readableProperties(), { id: ID1 });
    clock.advance(HOUR);
    const upgradedAt = clock.now();
    expect((await putCluster(emu, 'de-fra', ID1, { version: '17' })).status).toBe(200);
    expect(await backupsOf(ID1)).toEqual([
      expect.objectContaining({
        isActive: false,
        postgresClusterVersion: '16',
        latestRecoveryTargetTime: iso(upgradedAt),
      }),
    ]);
    clock.advance(1000);
    const [old, current] = await backupsOf(ID1);
    expect(old.isActive).toBe(false);
    expect(current).toMatchObject({
      isActive: true,
      postgresClusterVersion: '17',
      earliestRecoveryTargetTime: iso(upgradedAt + 1000),
    });
    // A minor change (same version) keeps the chain.
    clock.advance(HOUR);
    await putCluster(emu, 'de-fra', ID1, { version: '17', description: 'x' });
    clock.advance(1000);
    expect(await backupsOf(ID1)).toHaveLength(2);
  });

  it('a delete keeps the backup inactive until it leaves the retention', async () => {
    ({ emu, clock } = await startTestEmulator());
    emu.seedCluster('de-fra', readableProperties(), { id: ID1 });
    clock.advance(HOUR);
    const deletedAt = clock.now();
    await call(emu, 'DELETE', `/de-fra/clusters/${ID1}`);
    clock.advance(DAY);
    expect(await backupsOf(ID1)).toEqual([
      expect.objectContaining({ isActive: false, latestRecoveryTargetTime: iso(deletedAt) }),
    ]);
    clock.advance(7 * DAY);
    expect(await backupsOf(ID1)).toEqual([]);
  });
});

describe('backup controls', () => {
  it('stalls the newest recovery point ("3 h ago"), removes the active backup, and resumes', async () => {
    ({ emu, clock } = await startTestEmulator());
    emu.seedCluster('de-fra', readableProperties(), { id: ID1 });
    clock.advance(5 * HOUR);
    emu.stallBackup('de-fra', ID1, 3 * HOUR);
    const stalledAt = clock.now() - 3 * HOUR;
    clock.advance(HOUR);
    expect((await backupsOf(ID1))[0]).toMatchObject({ isActive: true, latestRecoveryTargetTime: iso(stalledAt) });
    emu.resumeBackup('de-fra', ID1);
    expect((await backupsOf(ID1))[0].latestRecoveryTargetTime).toBeNull();
    emu.removeBackup('de-fra', ID1);
    expect(await backupsOf(ID1)).toEqual([]);
    expect(() => emu.stallBackup('de-fra', ID1, 1)).toThrow(/no active backup/);
    emu.resumeBackup('de-fra', ID1);
    expect((await backupsOf(ID1))[0]).toMatchObject({ isActive: true, earliestRecoveryTargetTime: iso(clock.now()) });
    expect(emu.listBackups('de-fra')).toHaveLength(1);
  });

  it('stalls a fresh backup in the past too: the chain is then older than the cluster', async () => {
    ({ emu, clock } = await startTestEmulator());
    emu.seedCluster('de-fra', readableProperties(), { id: ID1 });
    emu.stallBackup('de-fra', ID1, 3 * HOUR);
    const point = iso(clock.now() - 3 * HOUR);
    expect((await backupsOf(ID1))[0]).toMatchObject({
      earliestRecoveryTargetTime: point,
      latestRecoveryTargetTime: point,
    });
  });

  it('works through the admin API, and /_emulator/backups lists what GET /backups shows', async () => {
    ({ emu, clock } = await startTestEmulator());
    emu.seedCluster('de-fra', readableProperties(), { id: ID1 });
    await putCluster(emu, 'de-fra', ID2);
    expect((await admin(emu, 'POST', `de-fra/clusters/${ID2}/backup/stall`, { agoMs: 1 })).status).toBe(409);
    const stalled = await admin(emu, 'POST', `de-fra/clusters/${ID1}/backup/stall`, { agoMs: 0 });
    expect(stalled.status).toBe(200);
    expect(stalled.body[0].properties.latestRecoveryTargetTime).toBe(iso(clock.now()));
    expect((await admin(emu, 'POST', `de-fra/clusters/${ID1}/backup/stall`, {})).status).toBe(400);
    expect((await admin(emu, 'POST', `de-fra/clusters/${ID1}/backup/remove`)).body).toEqual([]);
    expect((await admin(emu, 'POST', `de-fra/clusters/${ID1}/backup/resume`)).body).toHaveLength(1);
    expect((await admin(emu, 'POST', `de-fra/clusters/${ID1}/backup/explode`)).status).toBe(404);
    const listed = await admin(emu, 'GET', 'backups?region=de-fra');
    expect(listed.body.map((b: { properties: { clusterId: string } }) => b.properties.clusterId)).toEqual([ID1]);
  });

  it('pages /backups with filter.clusterId like every list', async () => {
    ({ emu, clock } = await startTestEmulator({ maxPageSize: 2 }));
    for (let i = 0; i < 3; i++) emu.seedCluster('de-fra', readableProperties({ name: `c${i}` }));
    emu.seedCluster('de-fra', readableProperties(), { id: ID1 });
    const first = await call(emu, 'GET', '/de-fra/backups?limit=10');
    expect([first.body.items.length, first.body.limit]).toEqual([2, 2]);
    const second = await call(emu, 'GET', '/de-fra/backups?offset=2');
    expect(second.body.items).toHaveLength(2);
    const mine = await call(emu, 'GET', `/de-fra/backups?filter.clusterId=${ID1}`);
    expect(mine.body._links.next).toContain(`filter.clusterId=${ID1}`);
  });
});
