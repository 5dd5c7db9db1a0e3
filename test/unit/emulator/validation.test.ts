import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { call, type FakeClock, ID1, ID2, PASSWORD, putCluster, startTestEmulator, validProperties } from './helpers.js';

let emu: RunningEmulator;
let clock: FakeClock;
beforeEach(async () => {
  ({ emu, clock } = await startTestEmulator());
});
afterEach(async () => {
  await emu.close();
});

type Message = { errorCode: string; message: string };
const codesOf = (body: { messages: Message[] }) => body.messages.map((m) => m.errorCode).sort();
const textOf = (body: { messages: Message[] }) => body.messages.map((m) => m.message).join('\n');

describe('422 validation', () => {
  it('lists every problem at once, with field paths, in the API error body', async () => {
    const properties = {
      ...validProperties(),
      name: '-bad-',
      instances: { count: 9, cores: 0, ram: 4 },
      maintenanceWindow: { dayOfTheWeek: 'sunday', time: '25:00' },
      replicationMode: 'SYNCHRONOUS',
      connectionPooler: 'ON',
      backup: { location: 'mars-1', retentionDays: 400 },
      connection: { datacenterId: 'dc', lanId: 2, primaryInstanceAddress: '10.210.1.1/24' },
      colour: 'blue',
    };
    const res = await call(emu, 'PUT', `/de-fra/clusters/${ID1}`, { id: ID1, properties });
    expect(res.status).toBe(422);
    expect(res.body.httpStatus).toBe(422);
    const text = textOf(res.body);
    for (const path of [
      'properties.name',
      'properties.instances.count',
      'properties.instances.cores',
      'properties.instances.storageSize',
      'properties.maintenanceWindow.dayOfTheWeek',
      'properties.maintenanceWindow.time',
      'properties.replicationMode',
      'properties.connectionPooler',
      'properties.backup.location',
      'properties.backup.retentionDays',
      'properties.connection.datacenterId',
      'properties.connection.lanId',
      'properties.connection.primaryInstanceAddress',
      'properties.colour',
    ]) {
      expect(text).toContain(`${path}:`);
    }
    expect(codesOf(res.body)).toEqual(
      expect.arrayContaining(['UNKNOWN_FIELD', 'REQUIRED_FIELD', 'OUT_OF_RANGE', 'INVALID_VALUE', 'INVALID_TYPE']),
    );
    expect(emu.listClusters()).toEqual([]);
  });

  it('requires the required fields and credentials on create', async () => {
    const res = await call(emu, 'POST', '/de-fra/clusters', { properties: {} });
    expect(res.status).toBe(422);
    const text = textOf(res.body);
    for (const key of [
      'name',
      'version',
      'instances',
      'connection',
      'maintenanceWindow',
      'replicationMode',
      'backup',
    ]) {
      expect(text).toContain(`properties.${key}: is required`);
    }
    expect(text).toContain('properties.credentials: is required');
  });

  it('checks cross-field and catalogue rules', async () => {
    const res = await putCluster(emu, 'us-las', ID1, {
      replicationMode: 'STRICTLY_SYNCHRONOUS',
      version: '12',
      backup: { location: 'eu-central-4', retentionDays: 7 },
    });
    expect(res.status).toBe(422);
    expect(codesOf(res.body)).toEqual(['INVALID_VALUE', 'UNKNOWN_BACKUP_LOCATION', 'UNKNOWN_VERSION']);
    const ok = await putCluster(emu, 'us-las', ID1, {
      replicationMode: 'STRICTLY_SYNCHRONOUS',
      instances: { count: 3, cores: 1, ram: 4, storageSize: 10 },
      backup: { location: 'us-central-1', retentionDays: 1 },
    });
    expect(ok.status).toBe(201);
  });

  it('rejects weak passwords and reserved usernames without echoing the password', async () => {
    const weak = 'weakpass12345';
    const res = await putCluster(emu, 'de-fra', ID1, {
      credentials: { username: 'postgres', database: 'db', password: weak },
    });
    expect(res.status).toBe(422);
    expect(textOf(res.body)).toContain('properties.credentials.password');
    expect(textOf(res.body)).toContain('properties.credentials.username');
    expect(res.text).not.toContain(weak);
    const typed = await putCluster(emu, 'de-fra', ID1, {
      credentials: { username: 'u', database: 'd', password: 123456789 },
    });
    expect(typed.status).toBe(422);
    expect(typed.text).not.toContain('123456789');
  });

  it('requires the body id to equal the path id', async () => {
    const res = await call(emu, 'PUT', `/de-fra/clusters/${ID1}`, { id: ID2, properties: validProperties() });
    expect(res.status).toBe(422);
    expect(codesOf(res.body)).toEqual(['ID_MISMATCH']);
    const missing = await call(emu, 'PUT', `/de-fra/clusters/${ID1}`, { properties: validProperties() });
    expect(textOf(missing.body)).toContain('id: is required');
  });
});

describe('replace rules', () => {
  const current = { version: '15', instances: { count: 1, cores: 2, ram: 4, storageSize: 50 } };
  beforeEach(async () => {
    await putCluster(emu, 'de-fra', ID1, current);
    clock.advance(2000);
  });

  it('refuses an immutable backup.location, a storage shrink and a version move outside canUpgradeTo', async () => {
    const res = await putCluster(emu, 'de-fra', ID1, {
      version: '14',
      instances: { count: 1, cores: 2, ram: 4, storageSize: 40 },
      backup: { location: 'de', retentionDays: 7 },
    });
    expect(res.status).toBe(422);
    expect(codesOf(res.body)).toEqual(['IMMUTABLE_FIELD', 'INVALID_VERSION_CHANGE', 'STORAGE_SHRINK']);
  });

  it('allows an upgrade along canUpgradeTo and a storage increase', async () => {
    const res = await putCluster(emu, 'de-fra', ID1, {
      version: '17',
      instances: { count: 2, cores: 4, ram: 8, storageSize: 60 },
    });
    expect(res.status).toBe(200);
    expect(res.body.properties.version).toBe('17');
  });

  it('allows restoreFromBackup.sourceBackupId only on create', async () => {
    const backups = await call(emu, 'GET', `/de-fra/backups?filter.clusterId=${ID1}`);
    const sourceBackupId = backups.body.items[0].id;
    const update = await putCluster(emu, 'de-fra', ID1, { ...current, restoreFromBackup: { sourceBackupId } });
    expect(update.status).toBe(422);
    expect(codesOf(update.body)).toEqual(['REQUIRED_FIELD', 'RESTORE_NOT_ALLOWED']);
    const created = await putCluster(emu, 'de-fra', ID2, { restoreFromBackup: { sourceBackupId } });
    expect(created.status).toBe(201);
    const unknown = await call(emu, 'POST', '/de-fra/clusters', {
      properties: validProperties({ restoreFromBackup: { sourceBackupId: ID2 } }),
    });
    expect(codesOf(unknown.body)).toEqual(['BACKUP_NOT_FOUND']);
  });
});

describe('400 and 415', () => {
  it('answers 400 for malformed JSON and 415 for a non-JSON content type', async () => {
    const malformed = await call(emu, 'PUT', `/de-fra/clusters/${ID1}`, '{"id": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.messages[0].errorCode).toBe('MALFORMED_JSON');
    const array = await call(emu, 'POST', '/de-fra/clusters', '[]');
    expect(array.status).toBe(400);
    const text = await call(emu, 'POST', '/de-fra/clusters', JSON.stringify({ properties: validProperties() }), {
      'content-type': 'text/plain',
    });
    expect(text.status).toBe(415);
    const charset = await call(emu, 'POST', '/de-fra/clusters', JSON.stringify({ properties: validProperties() }), {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(charset.status).toBe(201);
    expect(charset.text).not.toContain(PASSWORD);
  });
});
