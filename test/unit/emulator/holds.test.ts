/** Holding a cluster busy, arbitrary states, and DELETE while busy (both ways). */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { admin, call, type FakeClock, ID1, ID2, putCluster, readableProperties, startTestEmulator } from './helpers.js';

let emu: RunningEmulator;
let clock: FakeClock;
afterEach(async () => {
  await emu.close();
});

const stateOf = async (id: string, region = 'de-fra') =>
  (await call(emu, 'GET', `/${region}/clusters/${id}`)).body.metadata;

describe('holdCluster', () => {
  it('shows UPDATING and refuses PUT and DELETE with 409 until released', async () => {
    ({ emu, clock } = await startTestEmulator());
    emu.seedCluster('de-fra', readableProperties(), { id: ID1 });
    const held = emu.holdCluster('de-fra', ID1);
    expect(held.metadata.state).toBe('UPDATING');
    clock.advance(60 * 60_000);
    expect((await stateOf(ID1)).state).toBe('UPDATING');
    const put = await putCluster(emu, 'de-fra', ID1);
    expect(put.status).toBe(409);
    expect(put.body.messages[0]).toMatchObject({ errorCode: 'CLUSTER_BUSY' });
    expect(put.body.messages[0].message).toContain('UPDATING');
    expect((await call(emu, 'DELETE', `/de-fra/clusters/${ID1}`)).status).toBe(409);
    expect(emu.releaseCluster('de-fra', ID1).metadata.state).toBe('AVAILABLE');
    expect((await putCluster(emu, 'de-fra', ID1)).status).toBe(200);
  });

  it('ends by itself after forMs, and shows any state with its status message', async () => {
    ({ emu, clock } = await startTestEmulator());
    emu.seedCluster('de-fra', readableProperties(), { id: ID1 });
    emu.holdCluster('de-fra', ID1, { state: 'MAINTENANCE', forMs: 500, statusMessage: 'patching the host' });
    expect(await stateOf(ID1)).toMatchObject({ state: 'MAINTENANCE', statusMessage: 'patching the host' });
    const listed = await call(emu, 'GET', '/de-fra/clusters?filter.state=MAINTENANCE');
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([ID1]);
    expect((await putCluster(emu, 'de-fra', ID1)).status).toBe(409);
    clock.advance(500);
    expect((await stateOf(ID1)).state).toBe('AVAILABLE');
    expect((await stateOf(ID1)).statusMessage).toBeUndefined();
  });

  it('keeps a write in progress underneath: held during PROVISIONING, released after it, AVAILABLE', async () => {
    ({ emu, clock } = await startTestEmulator());
    await putCluster(emu, 'de-fra', ID1);
    emu.holdCluster('de-fra', ID1, { state: 'PROVISIONING' });
    clock.advance(5000);
    expect((await stateOf(ID1)).state).toBe('PROVISIONING');
    emu.releaseCluster('de-fra', ID1);
    expect((await stateOf(ID1)).state).toBe('AVAILABLE');
  });

  it('a held FAILED cluster accepts writes like any FAILED one, and the write ends the hold', async () => {
    ({ emu, clock } = await startTestEmulator());
    emu.seedCluster('de-fra', readableProperties(), { id: ID1 });
    emu.holdCluster('de-fra', ID1, { state: 'FAILED', statusMessage: 'disk full' });
    expect((await putCluster(emu, 'de-fra', ID1)).status).toBe(200);
    expect((await stateOf(ID1)).state).toBe('UPDATING');
  });

  it('is refused for an unknown cluster and a state that does not look like one', async () => {
    ({ emu, clock } = await startTestEmulator());
    expect(() => emu.holdCluster('de-fra', ID1)).toThrow(/not found/);
    emu.seedCluster('de-fra', readableProperties(), { id: ID1 });
    expect(() => emu.holdCluster('de-fra', ID1, { state: 'in maintenance' })).toThrow(/state: must match/);
  });

  it('keeps a cluster held in DESTROYING until released, then it is gone', async () => {
    ({ emu, clock } = await startTestEmulator());
    emu.seedCluster('de-fra', readableProperties(), { id: ID1 });
    await call(emu, 'DELETE', `/de-fra/clusters/${ID1}`);
    emu.holdCluster('de-fra', ID1, { state: 'DESTROYING' });
    clock.advance(10_000);
    expect((await stateOf(ID1)).state).toBe('DESTROYING');
    emu.releaseCluster('de-fra', ID1);
    expect((await call(emu, 'GET', `/de-fra/clusters/${ID1}`)).status).toBe(404);
  });
});

describe('arbitrary seeded states', () => {
  it('seeds MAINTENANCE held until released (or for hold.forMs), refusing writes like a busy cluster', async () => {
    ({ emu, clock } = await startTestEmulator());
    const seeded = emu.seedCluster('de-fra', readableProperties(), { id: ID1, state: 'MAINTENANCE' });
    expect(seeded.metadata.state).toBe('MAINTENANCE');
    emu.seedCluster('de-fra', readableProperties({ name: 'b' }), { id: ID2, state: 'UPGRADING', hold: { forMs: 100 } });
    clock.advance(100_000);
    expect((await stateOf(ID1)).state).toBe('MAINTENANCE');
    expect((await stateOf(ID2)).state).toBe('AVAILABLE');
    expect((await putCluster(emu, 'de-fra', ID1)).status).toBe(409);
    emu.releaseCluster('de-fra', ID1);
    expect((await putCluster(emu, 'de-fra', ID1)).status).toBe(200);
  });

  it('holds a standard busy state past its delay when asked', async () => {
    ({ emu, clock } = await startTestEmulator());
    emu.seedCluster('de-fra', readableProperties(), { id: ID1, state: 'UPDATING', hold: {} });
    clock.advance(100_000);
    expect((await stateOf(ID1)).state).toBe('UPDATING');
  });
});

describe('DELETE while busy', () => {
  it('is refused with 409 by default, accepted with deleteWhileBusy: accept (DESTROYING at once, then gone)', async () => {
    ({ emu, clock } = await startTestEmulator());
    await putCluster(emu, 'de-fra', ID1);
    expect((await call(emu, 'DELETE', `/de-fra/clusters/${ID1}`)).status).toBe(409);
    emu.setBehaviour({ deleteWhileBusy: 'accept' });
    expect((await call(emu, 'DELETE', `/de-fra/clusters/${ID1}`)).status).toBe(202);
    expect((await stateOf(ID1)).state).toBe('DESTROYING');
    const before = (await stateOf(ID1)).lastModifiedDate;
    clock.advance(10);
    // A second DELETE of a cluster being destroyed changes nothing.
    expect((await call(emu, 'DELETE', `/de-fra/clusters/${ID1}`)).status).toBe(202);
    expect((await stateOf(ID1)).lastModifiedDate).toBe(before);
    clock.advance(1000);
    expect((await call(emu, 'GET', `/de-fra/clusters/${ID1}`)).status).toBe(404);
  });

  it('accepts DELETE of a held cluster and ends the hold', async () => {
    ({ emu, clock } = await startTestEmulator({ deleteWhileBusy: 'accept' }));
    emu.seedCluster('de-fra', readableProperties(), { id: ID1, state: 'MAINTENANCE' });
    expect((await call(emu, 'DELETE', `/de-fra/clusters/${ID1}`)).status).toBe(202);
    expect((await stateOf(ID1)).state).toBe('DESTROYING');
  });
});

describe('admin routes', () => {
  it('holds, releases and deletes through /_emulator', async () => {
    ({ emu, clock } = await startTestEmulator());
    emu.seedCluster('de-fra', readableProperties(), { id: ID1 });
    const held = await admin(emu, 'POST', `de-fra/clusters/${ID1}/hold`, { state: 'MAINTENANCE', forMs: 1000 });
    expect(held.status).toBe(200);
    expect(held.body.metadata.state).toBe('MAINTENANCE');
    expect((await admin(emu, 'POST', `de-fra/clusters/${ID1}/hold`, { forMs: -1 })).status).toBe(400);
    expect((await admin(emu, 'POST', `de-fra/clusters/${ID1}/release`)).body.metadata.state).toBe('AVAILABLE');
    const seeded = await admin(emu, 'POST', 'de-fra/clusters', {
      id: ID2,
      properties: { name: 'x' },
      state: 'MAINTENANCE',
    });
    expect(seeded.body.metadata.state).toBe('MAINTENANCE');
    const deleted = await admin(emu, 'POST', `de-fra/clusters/${ID2}/delete`, { by: 'ops@example.com' });
    expect(deleted.body.metadata).toMatchObject({ state: 'DESTROYING', lastModifiedBy: 'ops@example.com' });
    expect((await admin(emu, 'POST', `de-fra/clusters/${ID1}/nothing`)).status).toBe(404);
  });
});
