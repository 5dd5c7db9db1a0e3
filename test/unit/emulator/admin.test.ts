import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import {
  admin as adminCall,
  call,
  type FakeClock,
  ID1,
  ID2,
  putCluster,
  readableProperties,
  startTestEmulator,
} from './helpers.js';

let emu: RunningEmulator;
let clock: FakeClock;
beforeEach(async () => {
  ({ emu, clock } = await startTestEmulator());
});
afterEach(async () => {
  await emu.close();
});

/** Admin calls carry the admin token, no API Authorization header. */
const admin = (method: string, path: string, body?: unknown) => adminCall(emu, method, path, body);

describe('programmatic out-of-band operations', () => {
  it('seedCluster creates an AVAILABLE cluster "elsewhere" with a backup record', async () => {
    const seeded = emu.seedCluster('fr-par', readableProperties(), { id: ID1 });
    expect(seeded.metadata).toMatchObject({ state: 'AVAILABLE', createdBy: 'console-user@example.com' });
    const backups = await call(emu, 'GET', `/fr-par/backups?filter.clusterId=${ID1}`);
    expect(backups.body.items[0].properties).toMatchObject({
      clusterId: ID1,
      isActive: true,
      postgresClusterVersion: '16',
      location: 'eu-central-3',
      earliestRecoveryTargetTime: seeded.metadata.createdDate,
      latestRecoveryTargetTime: null,
    });
    expect(() => emu.seedCluster('fr-par', readableProperties(), { id: ID1 })).toThrow(/already exists/);
    expect(() => emu.seedCluster('fr-par', readableProperties({ version: '9' }))).toThrow(/properties\.version/);
  });

  it('editCluster is a console edit: new properties, lastModifiedBy, later lastModifiedDate, same state', async () => {
    const seeded = emu.seedCluster('fr-par', readableProperties(), { id: ID1 });
    clock.advance(10);
    const edited = emu.editCluster(
      'fr-par',
      ID1,
      (p) => ({ ...p, instances: { ...p.instances, cores: 8 } }),
      'alice@example.com',
    );
    expect(edited.properties.instances.cores).toBe(8);
    expect(edited.metadata.lastModifiedBy).toBe('alice@example.com');
    expect(edited.metadata.lastModifiedByUserId).not.toBe(seeded.metadata.lastModifiedByUserId);
    expect(edited.metadata.lastModifiedDate).not.toBe(seeded.metadata.lastModifiedDate);
    expect(edited.metadata.state).toBe('AVAILABLE');
    const live = await call(emu, 'GET', `/fr-par/clusters/${ID1}`);
    expect(live.body.properties.instances.cores).toBe(8);
    expect(() => emu.editCluster('fr-par', ID2, (p) => p, 'x')).toThrow(/not found/);
  });

  it('listClusters returns copies that cannot change the store', async () => {
    await putCluster(emu, 'de-fra', ID1);
    const [copy] = emu.listClusters('de-fra');
    if (copy) copy.properties.name = 'mutated';
    expect(emu.listClusters()[0]?.properties.name).toBe('orders-prod');
  });
});

describe('admin HTTP API', () => {
  it('seeds, edits (deep-partial merge) and fails clusters', async () => {
    const seeded = await admin('POST', 'gb-lhr/clusters', {
      id: ID1,
      properties: readableProperties(),
      by: 'ops@example.com',
    });
    expect(seeded.status).toBe(201);
    expect(seeded.body.metadata.createdBy).toBe('ops@example.com');
    const edited = await admin('POST', `gb-lhr/clusters/${ID1}/edit`, {
      properties: { description: 'changed in the console', maintenanceWindow: { time: '04:00:00' } },
      by: 'bob@example.com',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.properties.maintenanceWindow).toEqual({ dayOfTheWeek: 'Sunday', time: '04:00:00' });
    expect(edited.body.properties.description).toBe('changed in the console');
    expect(edited.body.metadata.lastModifiedBy).toBe('bob@example.com');
    const bad = await admin('POST', `gb-lhr/clusters/${ID1}/edit`, {
      properties: { instances: { cores: 'x' } },
      by: 'b',
    });
    expect(bad.status).toBe(422);
    const failed = await admin('POST', `gb-lhr/clusters/${ID1}/fail`, { message: 'broken', recoverAfterMs: 100 });
    expect(failed.body.metadata).toMatchObject({ state: 'FAILED', statusMessage: 'broken' });
    expect((await admin('POST', `gb-lhr/clusters/${ID2}/fail`, { message: 'x' })).status).toBe(404);
    expect((await admin('POST', 'gb-lhr/clusters', { properties: {} })).status).toBe(422);
    expect(emu.requests).toEqual([]);
  });

  it('serves and clears the recorded requests, faults and stats', async () => {
    await call(emu, 'GET', '/de-fra/versions');
    const requests = await admin('GET', 'requests');
    expect(requests.body.map((r: { path: string }) => r.path)).toEqual(['/de-fra/versions']);
    expect((await admin('DELETE', 'requests')).status).toBe(204);
    expect(emu.requests).toEqual([]);
    const faults = await admin('PUT', 'faults', { rateLimit: { requestsPerSecond: 1, burst: 1 } });
    expect(faults.status).toBe(200);
    await call(emu, 'GET', '/de-fra/versions');
    expect((await call(emu, 'GET', '/de-fra/versions')).status).toBe(429);
    expect((await admin('GET', 'stats')).body).toEqual({
      rateLimited: 1,
      earlyRequests: 0,
      injectedErrors: 0,
      droppedResponses: 0,
    });
    const invalid = await admin('PUT', 'faults', { errorRatio: 'lots', wobble: true });
    expect(invalid.status).toBe(400);
    expect(invalid.body.messages).toHaveLength(2);
    expect((await admin('PUT', 'faults', {})).status).toBe(200);
    expect((await call(emu, 'GET', '/de-fra/versions')).status).toBe(200);
    expect((await admin('GET', 'nothing')).status).toBe(404);
  });

  it('lists clusters of one or all regions', async () => {
    await putCluster(emu, 'de-fra', ID1);
    await putCluster(emu, 'us-mci', ID2);
    expect((await admin('GET', 'clusters')).body.map((c: { id: string }) => c.id)).toEqual([ID1, ID2]);
    expect((await admin('GET', 'clusters?region=us-mci')).body.map((c: { id: string }) => c.id)).toEqual([ID2]);
  });
});
