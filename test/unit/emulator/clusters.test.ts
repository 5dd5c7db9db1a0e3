import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import {
  call,
  type FakeClock,
  ID1,
  ID2,
  PASSWORD,
  putCluster,
  readableProperties,
  startTestEmulator,
  validProperties,
} from './helpers.js';

let emu: RunningEmulator;
let clock: FakeClock;
beforeEach(async () => {
  ({ emu, clock } = await startTestEmulator());
});
afterEach(async () => {
  await emu.close();
});

describe('PUT /clusters/{id} (ensure)', () => {
  it('creates an unknown id with that UUID (201, PROVISIONING) and fills defaults', async () => {
    const res = await putCluster(emu, 'de-fra', ID1);
    expect(res.status).toBe(201);
    expect(res.body.id).toBe(ID1);
    expect(res.body.type).toBe('cluster');
    expect(res.body.href).toBe(`${emu.url}/de-fra/clusters/${ID1}`);
    expect(res.body.metadata.state).toBe('PROVISIONING');
    expect(res.body.metadata.createdBy).toBe('api-user@example.com');
    expect(res.body.metadata.lastModifiedBy).toBe('api-user@example.com');
    expect(res.body.metadata.dnsName).toMatch(/^pg-[a-z0-9]{16}\.postgresql\.de-fra\.ionos\.com$/);
    expect(res.body.properties).toMatchObject({
      description: '',
      connectionPooler: 'DISABLED',
      logsEnabled: false,
      metricsEnabled: false,
    });
    expect((await call(emu, 'GET', `/de-fra/clusters/${ID1}`)).status).toBe(200);
    expect((await call(emu, 'GET', `/de-txl/clusters/${ID1}`)).status).toBe(404);
  });

  it('replaces an existing cluster completely (200): omitted optionals reset to defaults', async () => {
    await putCluster(emu, 'de-fra', ID1, {
      description: 'Orders',
      connectionPooler: 'SESSION',
      logsEnabled: true,
      metricsEnabled: true,
    });
    clock.advance(2000);
    const { credentials: _c, ...withoutOptionals } = validProperties({ name: 'orders-renamed' });
    const res = await call(emu, 'PUT', `/de-fra/clusters/${ID1}`, { id: ID1, properties: withoutOptionals });
    expect(res.status).toBe(200);
    expect(res.body.metadata.state).toBe('UPDATING');
    expect(res.body.properties).toMatchObject({
      name: 'orders-renamed',
      description: '',
      connectionPooler: 'DISABLED',
      logsEnabled: false,
      metricsEnabled: false,
    });
    expect(res.body.metadata.lastModifiedDate).not.toBe(res.body.metadata.createdDate);
    // Credentials omitted on update keep the stored ones.
    expect(emu.credentialsOf('de-fra', ID1)?.password).toBe(PASSWORD);
  });

  it('stores new credentials sent on update', async () => {
    await putCluster(emu, 'de-fra', ID1);
    clock.advance(2000);
    const credentials = { username: 'orders_admin', database: 'orders', password: 'N3w!password' };
    await putCluster(emu, 'de-fra', ID1, { credentials });
    expect(emu.credentialsOf('de-fra', ID1)).toEqual(credentials);
  });
});

describe('POST /clusters', () => {
  it('creates with a server-chosen UUIDv4 (201)', async () => {
    const res = await call(emu, 'POST', '/us-las/clusters', { properties: validProperties() });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(emu.listClusters('us-las').map((c) => c.id)).toEqual([res.body.id]);
  });
});

describe('write-only fields', () => {
  it('never returns credentials or restoreFromBackup from any response', async () => {
    const created = await putCluster(emu, 'de-fra', ID1);
    clock.advance(2000);
    const backups = await call(emu, 'GET', `/de-fra/backups?filter.clusterId=${ID1}`);
    const restore = { recoveryTargetDatetime: new Date(clock.now() - 500).toISOString() };
    const updated = await putCluster(emu, 'de-fra', ID1, { restoreFromBackup: restore });
    expect(updated.status).toBe(200);
    const posted = await call(emu, 'POST', '/de-fra/clusters', {
      properties: validProperties({ restoreFromBackup: { sourceBackupId: backups.body.items[0].id } }),
    });
    expect(posted.status).toBe(201);
    const texts = [
      created.text,
      updated.text,
      posted.text,
      (await call(emu, 'GET', `/de-fra/clusters/${ID1}`)).text,
      (await call(emu, 'GET', '/de-fra/clusters')).text,
      JSON.stringify(emu.listClusters()),
    ];
    for (const text of texts) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('credentials');
      expect(text).not.toContain('orders_admin');
      expect(text).not.toContain('restoreFromBackup');
    }
  });
});

describe('GET /clusters paging and filters', () => {
  beforeEach(() => {
    for (let i = 0; i < 5; i++) emu.seedCluster('gb-lhr', readableProperties({ name: `app-${i}` }));
  });

  it('pages in insertion order and ALWAYS has a next link, even past the end', async () => {
    const first = await call(emu, 'GET', '/gb-lhr/clusters?limit=2');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ type: 'collection', offset: 0, limit: 2 });
    expect(first.body.items.map((c: { properties: { name: string } }) => c.properties.name)).toEqual([
      'app-0',
      'app-1',
    ]);
    expect(first.body._links.prev).toBeUndefined();
    expect(first.body._links.next).toBe(`${emu.url}/gb-lhr/clusters?offset=2&limit=2`);
    const last = await call(emu, 'GET', '/gb-lhr/clusters?offset=4&limit=2');
    expect(last.body.items).toHaveLength(1);
    expect(last.body._links.prev).toBe(`${emu.url}/gb-lhr/clusters?offset=2&limit=2`);
    expect(last.body._links.next).toBe(`${emu.url}/gb-lhr/clusters?offset=6&limit=2`);
    const beyond = await call(emu, 'GET', '/gb-lhr/clusters?offset=6&limit=2');
    expect(beyond.body.items).toEqual([]);
    expect(beyond.body._links.next).toBeDefined();
  });

  it('defaults to offset 0 / limit 100 and rejects limits outside 1..1000 and bad offsets', async () => {
    const all = await call(emu, 'GET', '/gb-lhr/clusters');
    expect(all.body).toMatchObject({ offset: 0, limit: 100 });
    expect(all.body.items).toHaveLength(5);
    expect((await call(emu, 'GET', '/gb-lhr/clusters?limit=1000')).status).toBe(200);
    for (const query of ['limit=1001', 'limit=0', 'limit=abc', 'offset=-1']) {
      const res = await call(emu, 'GET', `/gb-lhr/clusters?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.messages[0].errorCode).toBe('INVALID_QUERY_PARAMETER');
    }
  });

  it('filters by name substring and by state, keeping filters in the links', async () => {
    emu.seedCluster('gb-lhr', readableProperties({ name: 'other' }), { id: ID2, state: 'UPDATING' });
    const byName = await call(emu, 'GET', '/gb-lhr/clusters?filter.name=APP-&limit=3');
    expect(byName.body.items).toHaveLength(3);
    expect(byName.body._links.next).toContain('filter.name=APP-');
    const byState = await call(emu, 'GET', '/gb-lhr/clusters?filter.state=UPDATING');
    expect(byState.body.items.map((c: { id: string }) => c.id)).toEqual([ID2]);
    // Any state-like string filters (held clusters may be in any state); anything else is a 400.
    expect((await call(emu, 'GET', '/gb-lhr/clusters?filter.state=MAINTENANCE')).body.items).toEqual([]);
    expect((await call(emu, 'GET', '/gb-lhr/clusters?filter.state=busy')).status).toBe(400);
  });
});

describe('routing', () => {
  it('answers 404 for unknown regions, routes and ids, 400 for a non-UUID id, 405 for a wrong method', async () => {
    const region = await call(emu, 'GET', '/xx-yyy/clusters');
    expect(region.status).toBe(404);
    expect(region.body).toMatchObject({ httpStatus: 404, messages: [{ errorCode: 'NOT_FOUND' }] });
    expect(emu.requests.at(-1)?.region).toBeNull();
    expect((await call(emu, 'GET', '/de-fra/nothing')).status).toBe(404);
    expect((await call(emu, 'GET', `/de-fra/clusters/${ID1}`)).status).toBe(404);
    expect((await call(emu, 'DELETE', `/de-fra/clusters/${ID1}`)).status).toBe(404);
    expect((await call(emu, 'GET', '/de-fra/clusters/not-a-uuid')).status).toBe(400);
    const wrong = await call(emu, 'PATCH', `/de-fra/clusters/${ID1}`, {});
    expect(wrong.status).toBe(405);
    expect(wrong.headers['allow']).toBe('GET, PUT, DELETE');
  });
});
