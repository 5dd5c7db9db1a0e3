import { afterEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.js';
import { call, ID1, PASSWORD, putCluster, startTestEmulator, TOKEN } from './helpers.js';

let emu: RunningEmulator;
afterEach(async () => {
  await emu.close();
});

describe('auth', () => {
  it('requires exactly `Bearer <token>` when a token is configured', async () => {
    ({ emu } = await startTestEmulator());
    expect((await call(emu, 'GET', '/de-fra/clusters')).status).toBe(200);
    for (const authorization of ['Bearer wrong', `bearer ${TOKEN}`, `Basic ${TOKEN}`, '']) {
      const res = await call(emu, 'GET', '/de-fra/clusters', undefined, { authorization });
      expect(res.status, authorization).toBe(401);
      expect(res.body).toMatchObject({ httpStatus: 401, messages: [{ errorCode: 'UNAUTHORIZED' }] });
    }
    expect((await putCluster(emu, 'de-fra', ID1).then(() => emu.listClusters())).length).toBe(1);
  });

  it('accepts any non-empty Bearer token when none is configured', async () => {
    emu = await startEmulator({ seed: 1 });
    expect((await call(emu, 'GET', '/de-fra/versions', undefined, { authorization: 'Bearer anything' })).status).toBe(
      200,
    );
    expect((await call(emu, 'GET', '/de-fra/versions', undefined, { authorization: 'Bearer ' })).status).toBe(401);
  });

  it('does not apply writes from unauthorised requests', async () => {
    ({ emu } = await startTestEmulator());
    const res = await call(emu, 'DELETE', `/de-fra/clusters/${ID1}`, undefined, { authorization: 'Bearer nope' });
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('nope');
  });
});

describe('request recording', () => {
  it('records every API request in order with status, query, body and `authorized`, never the header', async () => {
    ({ emu } = await startTestEmulator());
    await call(emu, 'GET', '/de-fra/clusters?limit=5&filter.name=x');
    await call(emu, 'GET', '/de-fra/clusters', undefined, { authorization: 'Bearer bad' });
    await putCluster(emu, 'gb-bhx', ID1);
    await call(emu, 'GET', '/_emulator/stats');
    expect(emu.requests.map((r) => [r.seq, r.method, r.path, r.region, r.status, r.authorized])).toEqual([
      [1, 'GET', '/de-fra/clusters', 'de-fra', 200, true],
      [2, 'GET', '/de-fra/clusters', 'de-fra', 401, false],
      [3, 'PUT', `/gb-bhx/clusters/${ID1}`, 'gb-bhx', 201, true],
    ]);
    expect(emu.requests[0]?.query).toEqual({ limit: '5', 'filter.name': 'x' });
    expect(emu.requests[0]?.body).toBeNull();
    expect(emu.requests[2]?.body).toMatchObject({ id: ID1, properties: { credentials: { password: PASSWORD } } });
    expect(emu.requests[1]?.at).toBeGreaterThanOrEqual(emu.requests[0]?.at ?? Number.POSITIVE_INFINITY);
    expect(JSON.stringify(emu.requests)).not.toContain(TOKEN);
    emu.clearRequests();
    expect(emu.requests).toEqual([]);
    await call(emu, 'GET', '/de-fra/versions');
    expect(emu.requests.map((r) => r.seq)).toEqual([4]);
  });

  it('records an unparseable body as the raw string', async () => {
    ({ emu } = await startTestEmulator());
    await call(emu, 'POST', '/de-fra/clusters', 'not json');
    expect(emu.requests[0]).toMatchObject({ body: 'not json', status: 400 });
  });
});
