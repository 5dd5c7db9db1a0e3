/** The emulator as a safe local server (issue 15): admin token, loopback Host, no form posts, bounded log, state file. */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { UsageError } from '../../../src/errors.js';
import { admin, call, ID1, putCluster, readableProperties, startTestEmulator } from './helpers.js';

let emu: RunningEmulator | undefined;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pgensure-emulator-safe-'));
});
afterEach(async () => {
  await emu?.close();
  emu = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const seedBody = { id: ID1, properties: readableProperties() };

describe('admin API access', () => {
  it('needs the admin token in the x-emulator-token header (random per start, or the one given)', async () => {
    emu = (await startTestEmulator()).emu;
    expect(emu.adminToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    const other = (await startTestEmulator()).emu;
    expect(other.adminToken).not.toBe(emu.adminToken);
    await other.close();
    expect((await call(emu, 'GET', '/_emulator/requests', undefined, { authorization: '' })).status).toBe(401);
    const wrong = { authorization: '', 'x-emulator-token': 'guess' };
    expect((await call(emu, 'POST', '/_emulator/de-fra/clusters', seedBody, wrong)).status).toBe(401);
    // The API's Bearer token is not the admin token.
    expect((await call(emu, 'GET', '/_emulator/clusters')).status).toBe(401);
    expect(emu.listClusters()).toEqual([]);
    expect((await admin(emu, 'GET', 'requests')).status).toBe(200);
    await emu.close();
    emu = (await startTestEmulator({ adminToken: 'chosen-admin-token' })).emu;
    expect(emu.adminToken).toBe('chosen-admin-token');
    const chosen = { authorization: '', 'x-emulator-token': 'chosen-admin-token' };
    expect((await call(emu, 'GET', '/_emulator/stats', undefined, chosen)).status).toBe(200);
  });

  it('refuses a Host header that is not loopback (DNS rebinding), on admin and API routes', async () => {
    emu = (await startTestEmulator()).emu;
    for (const host of ['evil.example', 'evil.example:8484', '10.0.0.1']) {
      const answer = await admin(emu, 'POST', 'de-fra/clusters', seedBody, { host });
      expect(answer.status, host).toBe(403);
      expect(answer.body.messages[0].errorCode).toBe('FORBIDDEN_HOST');
      expect((await call(emu, 'GET', '/de-fra/clusters', undefined, { host })).status, host).toBe(403);
    }
    expect(emu.listClusters()).toEqual([]);
    for (const host of ['localhost:1', '127.0.0.1', '[::1]:80']) {
      expect((await admin(emu, 'GET', 'stats', undefined, { host })).status, host).toBe(200);
    }
  });

  it('refuses a foreign Origin and a body that is not application/json (a cross-site form post)', async () => {
    emu = (await startTestEmulator()).emu;
    const foreign = await admin(emu, 'POST', 'de-fra/clusters', seedBody, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await call(emu, 'GET', '/de-fra/clusters', undefined, { origin: 'null' })).status).toBe(403);
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const form = await admin(emu, 'POST', 'de-fra/clusters', JSON.stringify(seedBody), {
        'content-type': contentType,
      });
      expect(form.status, contentType).toBe(415);
    }
    expect(emu.listClusters()).toEqual([]);
    const own = await admin(emu, 'POST', 'de-fra/clusters', seedBody, { origin: emu.url });
    expect(own.status).toBe(201);
  });
});

describe('request log', () => {
  it('is a bounded ring of the most recent requests (requestLogLimit)', async () => {
    emu = (await startTestEmulator({ requestLogLimit: 3 })).emu;
    const held = emu.requests;
    for (let i = 0; i < 5; i++) await call(emu, 'GET', '/de-fra/versions');
    expect(emu.requests).toBe(held);
    expect(held.map((r) => r.seq)).toEqual([3, 4, 5]);
  });

  it('keeps no body of an unauthorised request and caps the size of recorded bodies', async () => {
    emu = (await startTestEmulator()).emu;
    const body = { id: ID1, properties: { description: 'x'.repeat(1000) } };
    await call(emu, 'PUT', `/de-fra/clusters/${ID1}`, body, { authorization: 'Bearer wrong' });
    expect(emu.requests[0]).toMatchObject({ authorized: false, body: null, bodyOmitted: 'unauthorized' });
    const large = { id: ID1, properties: { description: 'x'.repeat(100_000) } };
    await call(emu, 'PUT', `/de-fra/clusters/${ID1}`, large);
    expect(emu.requests[1]).toMatchObject({ authorized: true, body: null, bodyOmitted: 'too-large' });
    expect(emu.requests[1]?.bodyBytes).toBeGreaterThan(100_000);
    await putCluster(emu, 'de-fra', ID1);
    expect(emu.requests[2]?.body).toMatchObject({ id: ID1 });
  });

  it('keeps answering after a deeply nested body (recorded as its raw text, refused with 400)', async () => {
    emu = (await startTestEmulator()).emu;
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const answer = await call(emu, 'PUT', `/de-fra/clusters/${ID1}`, `{"id":"${ID1}","properties":${deep}}`);
    expect(answer.status).toBe(400);
    const log = await admin(emu, 'GET', 'requests');
    expect(log.status).toBe(200);
    expect(log.body).toHaveLength(1);
    const seeded = await admin(emu, 'POST', 'de-fra/clusters', `{"properties":${deep}}`);
    expect(seeded.status).toBe(400);
    expect((await admin(emu, 'GET', 'requests')).status).toBe(200);
  });
});

describe('state file', () => {
  it('refuses a state file in a missing directory at start (a UsageError, not a 500 later)', async () => {
    const statePath = join(dir, 'missing', 'state.json');
    const start = startTestEmulator({ statePath });
    await expect(start).rejects.toThrow(UsageError);
    await expect(start).rejects.toThrow(/directory .*missing.* does not exist/);
  });

  it('writes through an unpredictable temp file created exclusively, mode 0600 even over a 0644 file', async () => {
    const statePath = join(dir, 'state.json');
    writeFileSync(statePath, JSON.stringify({ formatVersion: 1, regions: {} }), { mode: 0o644 });
    chmodSync(statePath, 0o644);
    // Another user's trap: the temp name the old code used, pre-created world-readable.
    const trap = `${statePath}.${process.pid}.tmp`;
    writeFileSync(trap, 'planted', { mode: 0o644 });
    emu = (await startTestEmulator({ statePath })).emu;
    await putCluster(emu, 'de-fra', ID1);
    expect(statSync(statePath).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(statePath, 'utf8')).regions['de-fra'].clusters).toHaveLength(1);
    expect(readFileSync(trap, 'utf8')).toBe('planted');
    expect(readdirSync(dir).sort()).toEqual(['state.json', `state.json.${process.pid}.tmp`].sort());
  });
});
