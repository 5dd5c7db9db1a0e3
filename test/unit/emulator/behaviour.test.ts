/** Every alternative of the emulator's guesses (issue 9): PUT-create, page caps, large limits, extra properties. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BEHAVIOUR, type RunningEmulator } from '../../../src/emulator/index.js';
import {
  admin,
  call,
  type FakeClock,
  ID1,
  ID2,
  putCluster,
  readableProperties,
  startTestEmulator,
  validProperties,
} from './helpers.js';

let emu: RunningEmulator;
let clock: FakeClock;
afterEach(async () => {
  await emu.close();
});

describe('putCreate', () => {
  it('off: a PUT on an unknown id answers 404 and creates nothing; POST still creates; PUT still replaces', async () => {
    ({ emu, clock } = await startTestEmulator({ putCreate: 'off' }));
    const put = await putCluster(emu, 'de-fra', ID1);
    expect(put.status).toBe(404);
    expect(put.body.messages[0]).toMatchObject({ errorCode: 'NOT_FOUND' });
    expect(emu.listClusters()).toEqual([]);
    const posted = await call(emu, 'POST', '/de-fra/clusters', { properties: validProperties() });
    expect(posted.status).toBe(201);
    clock.advance(1000);
    const id = posted.body.id as string;
    expect((await putCluster(emu, 'de-fra', id)).status).toBe(200);
  });

  it('off with putCreateStatus 405: 405 with an Allow header; on again at run time: PUT creates', async () => {
    ({ emu, clock } = await startTestEmulator({ putCreate: 'off', putCreateStatus: 405 }));
    const put = await putCluster(emu, 'de-fra', ID1);
    expect(put.status).toBe(405);
    expect(put.headers['allow']).toBe('GET, DELETE');
    emu.setBehaviour({ putCreate: 'on' });
    expect((await putCluster(emu, 'de-fra', ID1)).status).toBe(201);
  });
});

describe('paging alternatives', () => {
  const seedMany = (n: number) => {
    for (let i = 0; i < n; i++) emu.seedCluster('de-fra', readableProperties({ name: `c${i}` }));
  };

  it('maxPageSize caps pages and echoes the served limit; links step by the served size', async () => {
    ({ emu, clock } = await startTestEmulator({ maxPageSize: 3 }));
    seedMany(7);
    const page = await call(emu, 'GET', '/de-fra/clusters?limit=5');
    expect(page.body.items).toHaveLength(3);
    expect(page.body.limit).toBe(3);
    expect(page.body._links.next).toContain('offset=3&limit=3');
    const unasked = await call(emu, 'GET', '/de-fra/clusters');
    expect([unasked.body.items.length, unasked.body.limit]).toEqual([3, 3]);
  });

  it('silentCap: the envelope echoes the asked limit, so a short page looks like the last one', async () => {
    ({ emu, clock } = await startTestEmulator({ maxPageSize: 3, silentCap: true }));
    seedMany(7);
    const page = await call(emu, 'GET', '/de-fra/clusters?limit=5&offset=3');
    expect(page.body.items.map((c: { properties: { name: string } }) => c.properties.name)).toEqual(['c3', 'c4', 'c5']);
    expect(page.body.limit).toBe(5);
    expect(page.body._links.next).toContain('offset=6&limit=5');
    // Every list pages the same way.
    const versions = await call(emu, 'GET', '/de-fra/versions?limit=10');
    expect([versions.body.items.length, versions.body.limit]).toEqual([3, 10]);
  });

  it('maxLimit: a larger limit answers 400 (default 1000), a smaller one is served', async () => {
    ({ emu, clock } = await startTestEmulator({ maxLimit: 100 }));
    const refused = await call(emu, 'GET', '/de-fra/clusters?limit=101');
    expect(refused.status).toBe(400);
    expect(refused.body.messages[0].message).toBe('limit: must be an integer between 1 and 100');
    expect((await call(emu, 'GET', '/de-fra/backups?limit=1000')).status).toBe(400);
    expect((await call(emu, 'GET', '/de-fra/clusters?limit=100')).status).toBe(200);
    emu.setBehaviour({ maxLimit: 1000 });
    expect((await call(emu, 'GET', '/de-fra/clusters?limit=1000')).status).toBe(200);
  });
});

describe('extraProperties', () => {
  const extras = { backupLocation: 'de', tier: { name: 'standard' }, flags: null };

  it('every cluster has them at their defaults; a PUT that carries one sets it; one that omits it resets it', async () => {
    ({ emu, clock } = await startTestEmulator({ extraProperties: extras }));
    await putCluster(emu, 'de-fra', ID1);
    const created = (await call(emu, 'GET', `/de-fra/clusters/${ID1}`)).body.properties;
    expect(created).toMatchObject(extras);
    expect(Object.keys(created).slice(-3)).toEqual(['backupLocation', 'tier', 'flags']);
    clock.advance(1000);
    const set = await putCluster(emu, 'de-fra', ID1, { tier: { name: 'gold' }, flags: [1, 'x'] });
    expect(set.status).toBe(200);
    expect(set.body.properties).toMatchObject({ tier: { name: 'gold' }, flags: [1, 'x'], backupLocation: 'de' });
    clock.advance(1000);
    const reset = await putCluster(emu, 'de-fra', ID1);
    expect(reset.body.properties).toMatchObject(extras);
    const listed = await call(emu, 'GET', '/de-fra/clusters');
    expect(listed.body.items[0].properties).toMatchObject(extras);
  });

  it('checks a value against its default type, and console edits and seeds can change it', async () => {
    ({ emu, clock } = await startTestEmulator({ extraProperties: extras }));
    const wrong = await putCluster(emu, 'de-fra', ID1, { tier: 'gold', backupLocation: 7 });
    expect(wrong.status).toBe(422);
    expect(wrong.body.messages.map((m: { message: string }) => m.message)).toEqual([
      'properties.tier: must be an object (got a string)',
      'properties.backupLocation: must be a string (got a number)',
    ]);
    emu.seedCluster('de-fra', readableProperties({ tier: { name: 'seeded' } }), { id: ID2 });
    expect(emu.listClusters()[0]?.properties).toMatchObject({ tier: { name: 'seeded' }, backupLocation: 'de' });
    const edited = await admin(emu, 'POST', `de-fra/clusters/${ID2}/edit`, { properties: { backupLocation: 'eu' } });
    expect(edited.body.properties.backupLocation).toBe('eu');
    const programmatic = emu.editCluster('de-fra', ID2, (p) => ({ ...p, flags: { on: true } }), 'x@example.com');
    expect(programmatic.properties).toMatchObject({ flags: { on: true }, backupLocation: 'eu' });
    expect(() => emu.editCluster('de-fra', ID2, (p) => ({ ...p, tier: 1 }), 'x')).toThrow(/tier: must be an object/);
  });

  it('refuses names that are not plain keys or that the v2 schema already has', async () => {
    await expect(startTestEmulator({ extraProperties: { version: '1' } })).rejects.toThrow(/already a v2 property/);
    await expect(startTestEmulator({ extraProperties: { 'a.b': 1 } })).rejects.toThrow(/must match/);
    emu = (await startTestEmulator()).emu;
  });
});

describe('behaviour settings at run time', () => {
  it('are read and changed through setBehaviour and PUT /_emulator/behaviour (only the keys given)', async () => {
    ({ emu, clock } = await startTestEmulator({ extraProperties: { backupLocation: 'de' } }));
    expect(emu.behaviour()).toEqual(DEFAULT_BEHAVIOUR);
    const changed = await admin(emu, 'PUT', 'behaviour', { maxPageSize: 100, silentCap: true });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ ...DEFAULT_BEHAVIOUR, maxPageSize: 100, silentCap: true });
    const read = await admin(emu, 'GET', 'behaviour');
    expect(read.body).toMatchObject({ maxPageSize: 100, extraProperties: { backupLocation: 'de' } });
    const bad = await admin(emu, 'PUT', 'behaviour', { putCreate: 'maybe', pageSize: 5, maxLimit: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.messages).toHaveLength(3);
    expect(() => emu.setBehaviour({ putCreateStatus: 400 as 404 })).toThrow(/putCreateStatus: must be 404 or 405/);
    await expect(startTestEmulator({ maxPageSize: 0 })).rejects.toThrow(/maxPageSize/);
  });
});
