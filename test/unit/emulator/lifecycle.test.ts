import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.js';
import { call, type FakeClock, ID1, putCluster, readableProperties, startTestEmulator } from './helpers.js';

let emu: RunningEmulator;
let clock: FakeClock;
afterEach(async () => {
  await emu.close();
});

const stateOf = async (region: string, id: string) => {
  const res = await call(emu, 'GET', `/${region}/clusters/${id}`);
  return res.status === 404 ? 'GONE' : (res.body.metadata.state as string);
};

describe('state machine (fake clock, provisioningDelayMs 1000)', () => {
  it('create → PROVISIONING → AVAILABLE; PUT → UPDATING → AVAILABLE; DELETE → DESTROYING → 404', async () => {
    ({ emu, clock } = await startTestEmulator());
    await putCluster(emu, 'es-vit', ID1);
    expect(await stateOf('es-vit', ID1)).toBe('PROVISIONING');
    clock.advance(999);
    expect(await stateOf('es-vit', ID1)).toBe('PROVISIONING');
    clock.advance(1);
    expect(await stateOf('es-vit', ID1)).toBe('AVAILABLE');
    const before = (await call(emu, 'GET', `/es-vit/clusters/${ID1}`)).body.metadata.lastModifiedDate;
    clock.advance(5);
    expect((await putCluster(emu, 'es-vit', ID1)).status).toBe(200);
    const after = (await call(emu, 'GET', `/es-vit/clusters/${ID1}`)).body.metadata;
    expect(after.state).toBe('UPDATING');
    expect(after.lastModifiedDate).not.toBe(before);
    clock.advance(1000);
    expect(await stateOf('es-vit', ID1)).toBe('AVAILABLE');
    const deleted = await call(emu, 'DELETE', `/es-vit/clusters/${ID1}`);
    expect(deleted.status).toBe(202);
    expect(deleted.text).toBe('');
    expect(await stateOf('es-vit', ID1)).toBe('DESTROYING');
    expect((await call(emu, 'GET', '/es-vit/clusters?filter.state=DESTROYING')).body.items).toHaveLength(1);
    clock.advance(1000);
    expect(await stateOf('es-vit', ID1)).toBe('GONE');
    expect((await call(emu, 'GET', '/es-vit/clusters')).body.items).toEqual([]);
    expect((await call(emu, 'DELETE', `/es-vit/clusters/${ID1}`)).status).toBe(404);
  });

  it('answers 409 CLUSTER_BUSY to PUT and DELETE while not AVAILABLE', async () => {
    ({ emu, clock } = await startTestEmulator());
    await putCluster(emu, 'de-fra', ID1);
    const put = await putCluster(emu, 'de-fra', ID1);
    expect(put.status).toBe(409);
    expect(put.body).toMatchObject({ httpStatus: 409, messages: [{ errorCode: 'CLUSTER_BUSY' }] });
    expect((await call(emu, 'DELETE', `/de-fra/clusters/${ID1}`)).status).toBe(409);
    clock.advance(1000);
    expect((await call(emu, 'DELETE', `/de-fra/clusters/${ID1}`)).status).toBe(202);
    expect((await call(emu, 'DELETE', `/de-fra/clusters/${ID1}`)).status).toBe(409);
    expect((await putCluster(emu, 'de-fra', ID1)).status).toBe(409);
  });

  it('deactivates the backup record on delete and keeps it readable', async () => {
    ({ emu, clock } = await startTestEmulator());
    await putCluster(emu, 'de-fra', ID1);
    clock.advance(1000);
    await call(emu, 'DELETE', `/de-fra/clusters/${ID1}`);
    clock.advance(1000);
    const backups = await call(emu, 'GET', `/de-fra/backups?filter.clusterId=${ID1}`);
    expect(backups.body.items).toHaveLength(1);
    expect(backups.body.items[0].properties.isActive).toBe(false);
    expect(backups.body.items[0].properties.latestRecoveryTargetTime).toBe(new Date(clock.now() - 1000).toISOString());
  });

  it('lets a PUT re-create a cluster id once it is gone', async () => {
    ({ emu, clock } = await startTestEmulator());
    emu.seedCluster('de-fra', readableProperties(), { id: ID1, state: 'DESTROYING' });
    expect((await putCluster(emu, 'de-fra', ID1)).status).toBe(409);
    clock.advance(1000);
    expect((await putCluster(emu, 'de-fra', ID1)).status).toBe(201);
  });
});

describe('state machine (real clock)', () => {
  it('reaches AVAILABLE after a small provisioningDelayMs', async () => {
    emu = await startEmulator({ provisioningDelayMs: 30 });
    expect((await putCluster(emu, 'de-txl', ID1)).body.metadata.state).toBe('PROVISIONING');
    let state = '';
    for (let i = 0; i < 100 && state !== 'AVAILABLE'; i++) {
      await sleep(10);
      state = await stateOf('de-txl', ID1);
    }
    expect(state).toBe('AVAILABLE');
  });
});
