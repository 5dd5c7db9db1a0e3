import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { call, type FakeClock, ID1, ID2, putCluster, startTestEmulator, TOKEN, validProperties } from './helpers.js';

let emu: RunningEmulator;
let clock: FakeClock;
afterEach(async () => {
  await emu.close();
});

const stateOf = async (id: string) => (await call(emu, 'GET', `/de-fra/clusters/${id}`)).body.metadata;

describe('rate limit', () => {
  it('answers 429 with Retry-After per region and counts requests that arrive before the deadline', async () => {
    ({ emu, clock } = await startTestEmulator({ faults: { rateLimit: { requestsPerSecond: 1, burst: 2 } } }));
    expect((await call(emu, 'GET', '/de-fra/clusters')).status).toBe(200);
    expect((await call(emu, 'GET', '/de-fra/clusters')).status).toBe(200);
    const limited = await call(emu, 'GET', '/de-fra/clusters');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.body).toMatchObject({ httpStatus: 429, messages: [{ errorCode: 'TOO_MANY_REQUESTS' }] });
    expect(emu.stats()).toMatchObject({ rateLimited: 1, earlyRequests: 0 });
    // Another region is another server: its own bucket, no early request.
    expect((await call(emu, 'GET', '/de-txl/clusters')).status).toBe(200);
    clock.advance(500);
    expect((await call(emu, 'GET', '/de-fra/clusters')).status).toBe(429);
    expect(emu.stats()).toMatchObject({ rateLimited: 2, earlyRequests: 1 });
    clock.advance(1000);
    expect((await call(emu, 'GET', '/de-fra/clusters')).status).toBe(200);
    expect(emu.stats()).toMatchObject({ rateLimited: 2, earlyRequests: 1 });
  });

  it('uses retryAfterSeconds when set', async () => {
    ({ emu, clock } = await startTestEmulator({
      faults: { rateLimit: { requestsPerSecond: 10, burst: 1, retryAfterSeconds: 7 } },
    }));
    await call(emu, 'GET', '/us-ewr/versions');
    const limited = await call(emu, 'GET', '/us-ewr/versions');
    expect(limited.headers['retry-after']).toBe('7');
    clock.advance(6000);
    await call(emu, 'GET', '/us-ewr/versions');
    expect(emu.stats().earlyRequests).toBe(1);
  });
});

describe('random 5xx', () => {
  it('answers errorStatus before doing anything when errorRatio is 1', async () => {
    ({ emu, clock } = await startTestEmulator({ faults: { errorRatio: 1, errorStatus: 502 } }));
    const res = await putCluster(emu, 'de-fra', ID1);
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ httpStatus: 502, messages: [{ errorCode: 'BAD_GATEWAY' }] });
    expect(emu.listClusters()).toEqual([]);
    expect(emu.stats().injectedErrors).toBe(1);
  });

  it('injects a seeded fraction of errors (default 503)', async () => {
    ({ emu, clock } = await startTestEmulator({ faults: { errorRatio: 0.5 } }));
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await call(emu, 'GET', '/de-fra/versions')).status);
    const errors = statuses.filter((s) => s === 503).length;
    expect(errors).toBeGreaterThan(10);
    expect(errors).toBeLessThan(50);
    expect(statuses.filter((s) => s !== 503 && s !== 200)).toEqual([]);
    expect(emu.stats().injectedErrors).toBe(errors);
  });
});

describe('latency', () => {
  it('delays every API response by latencyMs', async () => {
    ({ emu, clock } = await startTestEmulator({ faults: { latencyMs: 60 } }));
    const started = performance.now();
    expect((await call(emu, 'GET', '/de-fra/versions')).status).toBe(200);
    // A lower bound only: a slow machine can only make it larger.
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});

describe('dropped responses', () => {
  it('applies the write, then destroys the socket; the recording says status 0', async () => {
    ({ emu, clock } = await startTestEmulator({ faults: { dropResponses: { count: 1 } } }));
    expect((await call(emu, 'GET', '/de-fra/clusters')).status).toBe(200);
    await expect(putCluster(emu, 'de-fra', ID1)).rejects.toThrow();
    expect(emu.listClusters('de-fra').map((c) => c.id)).toEqual([ID1]);
    expect(emu.requests.at(-1)).toMatchObject({ method: 'PUT', status: 0 });
    expect(emu.stats().droppedResponses).toBe(1);
    // Only `count` responses are dropped; the retry sees the cluster busy.
    expect((await putCluster(emu, 'de-fra', ID1)).status).toBe(409);
  });

  it('drops only the configured methods', async () => {
    ({ emu, clock } = await startTestEmulator({ faults: { dropResponses: { methods: ['DELETE'], count: 1 } } }));
    expect((await putCluster(emu, 'de-fra', ID1)).status).toBe(201);
    clock.advance(1000);
    const res = request(`${emu.url}/de-fra/clusters/${ID1}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    await expect(res).rejects.toThrow();
    expect((await stateOf(ID1)).state).toBe('DESTROYING');
  });
});

describe('failed writes and failed clusters', () => {
  it('failWrites: the next write ends FAILED with the message (permanent), the following one is fine', async () => {
    ({ emu, clock } = await startTestEmulator({ faults: { failWrites: { count: 1, message: 'quota exceeded' } } }));
    await putCluster(emu, 'de-fra', ID1);
    await putCluster(emu, 'de-fra', ID2);
    clock.advance(1000);
    expect(await stateOf(ID1)).toMatchObject({ state: 'FAILED', statusMessage: 'quota exceeded' });
    expect(await stateOf(ID2)).toMatchObject({ state: 'AVAILABLE' });
    expect((await stateOf(ID2)).statusMessage).toBeUndefined();
    clock.advance(60_000);
    expect((await stateOf(ID1)).state).toBe('FAILED');
    // A FAILED cluster accepts a PUT: that is how users repair it.
    expect((await putCluster(emu, 'de-fra', ID1)).status).toBe(200);
    clock.advance(1000);
    expect((await stateOf(ID1)).state).toBe('AVAILABLE');
  });

  it('failWrites with recoverAfterMs is transient', async () => {
    ({ emu, clock } = await startTestEmulator());
    emu.setFaults({ failWrites: { count: 1, message: 'node lost', recoverAfterMs: 500 } });
    await putCluster(emu, 'de-fra', ID1);
    clock.advance(1000);
    expect((await stateOf(ID1)).state).toBe('FAILED');
    clock.advance(500);
    expect((await stateOf(ID1)).state).toBe('AVAILABLE');
  });

  it('failCluster: permanent until repaired, transient with recoverAfterMs, FAILED accepts DELETE', async () => {
    ({ emu, clock } = await startTestEmulator());
    const a = emu.seedCluster('de-fra', validProperties({ name: 'a' }), { id: ID1 });
    const b = emu.seedCluster('de-fra', validProperties({ name: 'b' }), { id: ID2 });
    emu.failCluster('de-fra', a.id, 'disk full');
    emu.failCluster('de-fra', b.id, 'failover', { recoverAfterMs: 200 });
    expect(await stateOf(ID1)).toMatchObject({ state: 'FAILED', statusMessage: 'disk full' });
    expect(await stateOf(ID2)).toMatchObject({ state: 'FAILED', statusMessage: 'failover' });
    expect((await stateOf(ID1)).lastModifiedDate).toBe(a.metadata.lastModifiedDate);
    clock.advance(200);
    expect((await stateOf(ID1)).state).toBe('FAILED');
    expect((await stateOf(ID2)).state).toBe('AVAILABLE');
    expect((await call(emu, 'DELETE', `/de-fra/clusters/${ID1}`)).status).toBe(202);
  });

  it('refuses an invalid fault configuration', async () => {
    ({ emu, clock } = await startTestEmulator());
    expect(() => emu.setFaults({ errorRatio: 2 })).toThrow(/errorRatio/);
    expect(() => emu.setFaults({ rateLimit: { requestsPerSecond: 0 } })).toThrow(/requestsPerSecond/);
  });
});
