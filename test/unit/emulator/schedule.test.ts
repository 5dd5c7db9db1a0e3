/** Console actions at a chosen moment: after N ms, or just before/after the Nth matching request is handled. */
import { afterEach, describe, expect, it } from 'vitest';
import { parseMatcher, type RunningEmulator } from '../../../src/emulator/index.js';
import { matchesRequest } from '../../../src/emulator/matcher.js';
import { admin, call, type FakeClock, ID1, ID2, putCluster, readableProperties, startTestEmulator } from './helpers.js';

let emu: RunningEmulator | undefined;
let clock: FakeClock;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** The emulator of the running test (started in it). */
const e = (): RunningEmulator => emu!;

const cores = async () => (await call(e(), 'GET', `/de-fra/clusters/${ID1}`)).body.properties.instances.cores;
const edit = (value: number) => ({
  kind: 'edit' as const,
  properties: { instances: { cores: value } },
  by: 'alice@example.com',
});

describe('request matchers', () => {
  it('match method (any case), region and the path after the region segment by segment ({...} and * are wildcards)', () => {
    const put = { method: 'PUT', region: 'de-fra' as const, path: `/clusters/${ID1}` };
    expect(matchesRequest({ method: 'put', path: '/clusters/{id}' }, put)).toBe(true);
    expect(matchesRequest({ path: `/clusters/${ID1}` }, put)).toBe(true);
    expect(matchesRequest({ path: '/clusters/*' }, put)).toBe(true);
    expect(matchesRequest({ path: '/clusters' }, put)).toBe(false);
    expect(matchesRequest({ path: `/clusters/${ID2}` }, put)).toBe(false);
    expect(matchesRequest({ method: 'GET' }, put)).toBe(false);
    expect(matchesRequest({ region: 'de-txl' }, put)).toBe(false);
    expect(parseMatcher('GET /clusters/{id}')).toEqual({ method: 'GET', path: '/clusters/{id}' });
    expect(parseMatcher('put')).toEqual({ method: 'PUT' });
    expect(parseMatcher('* /backups')).toEqual({ path: '/backups' });
    expect(parseMatcher('GET clusters')).toBeUndefined();
  });
});

describe('schedule: request triggers', () => {
  it('edits just before the Nth matching request is handled (so that request sees the edit)', async () => {
    ({ emu, clock } = await startTestEmulator());
    e().seedCluster('de-fra', readableProperties(), { id: ID1 });
    e().schedule({
      region: 'de-fra',
      id: ID1,
      action: edit(8),
      trigger: { request: { method: 'GET', path: '/clusters/{id}' }, nth: 2 },
    });
    await call(e(), 'GET', '/de-fra/clusters');
    expect(await cores()).toBe(2);
    expect(await cores()).toBe(8);
    const [entry] = e().scheduled();
    expect(entry).toMatchObject({ status: 'done', seen: 2, ranAt: clock.now() });
    const live = await call(e(), 'GET', `/de-fra/clusters/${ID1}`);
    expect(live.body.metadata.lastModifiedBy).toBe('alice@example.com');
  });

  it('edits after the matching request was handled, before its response (a PUT in flight is overwritten)', async () => {
    ({ emu, clock } = await startTestEmulator());
    await putCluster(e(), 'de-fra', ID1);
    clock.advance(1000);
    e().schedule({
      region: 'de-fra',
      id: ID1,
      action: edit(8),
      trigger: { request: { method: 'PUT' }, when: 'after' },
    });
    const put = await putCluster(e(), 'de-fra', ID1, { instances: { count: 1, cores: 4, ram: 4, storageSize: 20 } });
    // The response is the PUT's own result; the console edit landed after it was handled, before it was answered.
    expect(put.body.properties.instances.cores).toBe(4);
    expect(put.body.metadata.lastModifiedBy).toBe('api-user@example.com');
    const live = await call(e(), 'GET', `/de-fra/clusters/${ID1}`);
    expect(live.body.properties.instances.cores).toBe(8);
    expect(live.body.metadata.lastModifiedBy).toBe('alice@example.com');
    expect(e().requests.map((r) => r.method)).toEqual(['PUT', 'PUT', 'GET']);
  });

  it('counts only requests that reach a handler (not 401s) and runs other actions: hold, release, fail, delete', async () => {
    ({ emu, clock } = await startTestEmulator());
    e().seedCluster('de-fra', readableProperties(), { id: ID1 });
    const trigger = { request: { method: 'GET', path: '/clusters' } };
    e().schedule({ region: 'de-fra', id: ID1, action: { kind: 'hold', state: 'MAINTENANCE' }, trigger });
    await call(e(), 'GET', '/de-fra/clusters', undefined, { authorization: 'Bearer wrong' });
    expect(emu.scheduled()[0]?.status).toBe('pending');
    const listed = await call(e(), 'GET', '/de-fra/clusters');
    expect(listed.body.items[0].metadata.state).toBe('MAINTENANCE');
    e().schedule({ region: 'de-fra', id: ID1, action: { kind: 'release' }, trigger });
    e().schedule({
      region: 'de-fra',
      id: ID1,
      action: { kind: 'fail', message: 'disk full' },
      trigger: { ...trigger, nth: 2 },
    });
    expect((await call(e(), 'GET', '/de-fra/clusters')).body.items[0].metadata.state).toBe('AVAILABLE');
    expect((await call(e(), 'GET', '/de-fra/clusters')).body.items[0].metadata.statusMessage).toBe('disk full');
    e().schedule({ region: 'de-fra', id: ID1, action: { kind: 'delete', by: 'bob@example.com' }, trigger });
    expect((await call(e(), 'GET', '/de-fra/clusters')).body.items[0].metadata).toMatchObject({
      state: 'DESTROYING',
      lastModifiedBy: 'bob@example.com',
    });
  });

  it('records why an action failed (the cluster is gone) and can be cancelled before it runs', async () => {
    ({ emu, clock } = await startTestEmulator());
    e().schedule({ region: 'de-fra', id: ID1, action: edit(8), trigger: { request: { method: 'GET' } } });
    const cancelled = e().schedule({ region: 'de-fra', id: ID1, action: edit(9), trigger: { afterMs: 10 } });
    await call(e(), 'GET', '/de-fra/versions');
    expect(emu.scheduled()[0]).toMatchObject({ status: 'failed', problem: expect.stringMatching(/not found/) });
    e().cancelScheduled();
    expect(emu.scheduled().find((s) => s.scheduleId === cancelled.scheduleId)?.status).toBe('cancelled');
  });
});

describe('schedule: time triggers', () => {
  it('edits afterMs later, attributed to the due time, seen by the first request after it', async () => {
    ({ emu, clock } = await startTestEmulator());
    e().seedCluster('de-fra', readableProperties(), { id: ID1 });
    const scheduled = e().schedule({ region: 'de-fra', id: ID1, action: edit(8), trigger: { afterMs: 200 } });
    expect(scheduled.dueAt).toBe(clock.now() + 200);
    clock.advance(199);
    expect(await cores()).toBe(2);
    clock.advance(301);
    expect(await cores()).toBe(8);
    const live = await call(e(), 'GET', `/de-fra/clusters/${ID1}`);
    expect(live.body.metadata.lastModifiedDate).toBe(new Date(scheduled.dueAt!).toISOString());
    // The programmatic view runs due actions too.
    e().schedule({ region: 'de-fra', id: ID1, action: edit(16), trigger: { afterMs: 5 } });
    clock.advance(5);
    expect(emu.listClusters('de-fra')[0]?.properties.instances.cores).toBe(16);
  });

  it('refuses a bad trigger', async () => {
    ({ emu, clock } = await startTestEmulator());
    const spec = { region: 'de-fra' as const, id: ID1, action: edit(8) };
    expect(() => e().schedule({ ...spec, trigger: { request: {}, nth: 0 } })).toThrow(/nth/);
    expect(() => e().schedule({ ...spec, trigger: { afterMs: -1 } })).toThrow(/afterMs/);
  });
});

describe('schedule: admin routes', () => {
  it('adds, lists and cancels scheduled actions, checking every field', async () => {
    ({ emu, clock } = await startTestEmulator());
    e().seedCluster('de-fra', readableProperties(), { id: ID1 });
    const body = {
      region: 'de-fra',
      id: ID1,
      action: { kind: 'edit', properties: { description: 'console' }, by: 'carol@example.com' },
      trigger: { request: { method: 'PUT', path: '/clusters/{id}' }, when: 'before' },
    };
    const added = await admin(e(), 'POST', 'schedules', body);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ scheduleId: 's1', status: 'pending' });
    const bad = await admin(e(), 'POST', 'schedules', {
      region: 'mars',
      id: 'x',
      action: { kind: 'edit', color: 'red' },
      trigger: { request: { method: 'P U T' }, nth: 0, when: 'later' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.messages.map((m: { message: string }) => m.message.split(':')[0])).toEqual([
      'region',
      'id',
      'action.properties',
      'action.color',
      'trigger.request.method',
      'trigger.nth',
      'trigger.when',
    ]);
    const timed = await admin(e(), 'POST', 'schedules', { ...body, trigger: { afterMs: 1000 } });
    expect((await admin(e(), 'DELETE', `schedules/${timed.body.scheduleId}`)).status).toBe(204);
    expect((await admin(e(), 'DELETE', `schedules/${timed.body.scheduleId}`)).status).toBe(404);
    await putCluster(e(), 'de-fra', ID1);
    const listed = await admin(e(), 'GET', 'schedules');
    expect(listed.body.map((s: { status: string }) => s.status)).toEqual(['done', 'cancelled']);
    expect((await admin(e(), 'DELETE', 'schedules')).status).toBe(204);
  });
});
