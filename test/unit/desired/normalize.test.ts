import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NodeLoc } from '../../../src/desired/document.js';
import { checkSpecSources, loadDesiredClusters, SPEC_DEFAULTS } from '../../../src/desired/index.js';
import { normalizeDocument, normalizePassword } from '../../../src/desired/normalize.js';
import { clusterPositions } from '../../../src/desired/positions.js';
import { parseSimpleYaml } from '../../../src/desired/yaml-fast.js';
import { aSpecDocument, fixture, ROOT } from './support.js';

const load = (scenario: string) => loadDesiredClusters([fixture(scenario)], { cwd: ROOT });

describe('normalisation', () => {
  it('turns a complete document into the v2 properties, nothing defaulted', async () => {
    const [cluster] = await load('valid-basic');
    const file = 'test/fixtures/desired/valid-basic/orders.yaml';
    expect(cluster).toMatchObject({
      address: 'de-fra/orders-prod',
      region: 'de-fra',
      name: 'orders-prod',
      id: '0b6c1f0e-6a8e-4f31-9d7c-2a1e5d7c9b10',
      defaulted: [],
      policy: { ensure: 'present', preventDestroy: true, allowReplace: false },
      source: { file, line: 2, col: 1 },
    });
    expect(cluster!.properties).toStrictEqual({
      name: 'orders-prod',
      description: 'Orders service',
      version: '16',
      instances: { count: 3, cores: 4, ram: 16, storageSize: 100 },
      connection: {
        datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
        lanId: '2',
        primaryInstanceAddress: '192.168.1.10/24',
      },
      maintenanceWindow: { dayOfTheWeek: 'Tuesday', time: '16:30:00' },
      replicationMode: 'STRICTLY_SYNCHRONOUS',
      connectionPooler: 'TRANSACTION',
      logsEnabled: true,
      metricsEnabled: true,
      backup: { location: 'eu-central-3', retentionDays: 14 },
      credentials: { username: 'orders_admin', database: 'orders', password: { fromEnv: 'ORDERS_PG_PASSWORD' } },
      restoreFromBackup: {
        sourceBackupId: '9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
        recoveryTargetDatetime: '2024-05-01T12:00:00Z',
      },
    });
  });

  it('fills every optional field with its default and records the pointers', async () => {
    const [cluster] = await load('defaults-filled');
    expect(cluster!.defaulted).toEqual([
      '/description',
      '/maintenanceWindow',
      '/replicationMode',
      '/connectionPooler',
      '/backup/retentionDays',
      '/logsEnabled',
      '/metricsEnabled',
    ]);
    expect(cluster!.properties).toMatchObject({
      description: '',
      maintenanceWindow: { dayOfTheWeek: 'Sunday', time: '03:00:00' },
      replicationMode: 'ASYNCHRONOUS',
      connectionPooler: 'DISABLED',
      logsEnabled: false,
      metricsEnabled: false,
      backup: { location: 'eu-central-3', retentionDays: 7 },
    });
    expect(cluster!.properties).not.toHaveProperty('restoreFromBackup');
    expect(cluster!.policy).toEqual({ ensure: 'present', preventDestroy: false, allowReplace: false });
    expect(cluster).not.toHaveProperty('id');
  });

  it('gives every cluster its own copy of the defaults', async () => {
    const [cluster] = await load('defaults-filled');
    expect(cluster!.properties.maintenanceWindow).not.toBe(SPEC_DEFAULTS.maintenanceWindow);
    cluster!.properties.maintenanceWindow.time = '05:00:00';
    expect(SPEC_DEFAULTS.maintenanceWindow.time).toBe('03:00:00');
    const [again] = await load('defaults-filled');
    expect(again!.properties.maintenanceWindow.time).toBe('03:00:00');
  });

  it('reads the flat backupLocation as backup.location, with the default retention', async () => {
    const [cluster] = await load('backup-location-flat');
    expect(cluster!.properties.backup).toEqual({ location: 'eu-central-3', retentionDays: 7 });
    expect(cluster!.properties).not.toHaveProperty('backupLocation');
    expect(cluster!.defaulted).toContain('/backup/retentionDays');
    const at = { file: 'test/fixtures/desired/backup-location-flat/billing.yaml', line: 13, col: 19 };
    expect(cluster!.positions.get('/backup/location')).toEqual(at);
    expect(cluster!.positions.get('/backup')).toEqual(at);
  });

  it('resolves a relative fromFile against the spec file and stores it relative to the working directory', async () => {
    const [relative, absolute] = await load('from-file');
    expect(relative!.properties.credentials.password).toEqual({
      fromFile: 'test/fixtures/desired/from-file/secrets/db.password',
    });
    expect(absolute!.properties.credentials.password).toEqual({ fromFile: '/run/secrets/team-db.password' });
    const fromTest = await loadDesiredClusters([fixture('from-file').replace('test/', '')], { cwd: `${ROOT}test` });
    expect(fromTest[0]!.properties.credentials.password).toEqual({
      fromFile: 'fixtures/desired/from-file/secrets/db.password',
    });
  });

  it('keeps fromEnv as written and resolves fromFile paths with posix separators', () => {
    expect(normalizePassword({ fromEnv: 'X' }, 'a/b.yaml')).toEqual({ fromEnv: 'X' });
    expect(normalizePassword({ fromFile: 'pw' }, 'b.yaml')).toEqual({ fromFile: 'pw' });
    expect(normalizePassword({ fromFile: '../pw' }, '../specs/b.yaml')).toEqual({ fromFile: '../pw' });
    expect(normalizePassword({ fromFile: 'C:\\secrets\\pw' }, 'a/b.yaml')).toEqual({ fromFile: 'C:\\secrets\\pw' });
  });

  it('never modifies the parsed document and shares no object with it', () => {
    const [doc] = parseSimpleYaml(aSpecDocument({ extra: ['policy: { ensure: absent }'] }))!;
    const parsed = { file: 'x.yaml', ...doc! };
    const before = structuredClone(parsed.value);
    const cluster = normalizeDocument(parsed);
    expect(parsed.value).toEqual(before);
    const spec = (parsed.value as { spec: Record<string, object> }).spec;
    expect(cluster.properties.instances).not.toBe(spec.instances);
    expect(cluster.properties.connection).not.toBe(spec.connection);
    expect(cluster.properties.credentials.password).not.toBe((spec.credentials as { password: object }).password);
    expect(cluster.policy).toEqual({ ensure: 'absent', preventDestroy: false, allowReplace: false });
  });
});

describe('positions', () => {
  it('point every field at its value (maps at their key), keyed by pointers into properties', async () => {
    const [cluster] = await load('valid-basic');
    const file = 'test/fixtures/desired/valid-basic/orders.yaml';
    const at = (line: number, col: number) => ({ file, line, col });
    expect(Object.fromEntries(cluster!.positions)).toMatchObject({
      '/metadata/name': at(4, 9),
      '/name': at(4, 9),
      '/metadata/region': at(5, 11),
      '/metadata/id': at(6, 7),
      '/version': at(9, 12),
      '/instances': at(10, 3),
      '/instances/cores': at(10, 33),
      '/connection/primaryInstanceAddress': at(14, 29),
      '/maintenanceWindow/time': at(15, 53),
      '/backup/location': at(18, 23),
      '/backup/retentionDays': at(18, 52),
      '/credentials/password': at(24, 5),
      '/credentials/password/fromEnv': at(24, 26),
      '/restoreFromBackup/sourceBackupId': at(26, 21),
      '/policy/ensure': at(29, 11),
      '/policy/preventDestroy': at(30, 19),
    });
    // apiVersion and kind are kept for `show`, which says where every value of the document is written.
    expect([...cluster!.positions.keys()]).toContain('/apiVersion');
    expect([...cluster!.positions.keys()]).not.toContain('/spec');
  });

  it('read like a Map, with a new position object for each read', async () => {
    const [cluster] = await load('valid-basic');
    const positions = cluster!.positions;
    const entries = [...positions];
    expect(entries.length).toBe(positions.size);
    expect([...positions.keys()]).toEqual(entries.map(([pointer]) => pointer));
    expect([...positions.values()]).toEqual(entries.map(([, pos]) => pos));
    const seen: [string, unknown][] = [];
    positions.forEach((pos, pointer) => {
      seen.push([pointer, pos]);
    });
    expect(seen).toEqual(entries);
    expect(positions.has('/version')).toBe(true);
    expect(positions.has('/spec')).toBe(false);
    expect(positions.get('/spec')).toBeUndefined();
    expect(positions.get('/version')).not.toBe(positions.get('/version'));
    const [again] = await load('valid-basic');
    expect([...again!.positions]).toEqual(entries);
  });

  it('keep the first place and the last position of a pointer written twice', () => {
    const nodes = new Map<string, NodeLoc>([
      ['/spec/backup', { keyLine: 3, keyCol: 3, line: 3, col: 11, collection: true }],
      ['/spec/backupLocation', { keyLine: 4, keyCol: 3, line: 4, col: 19, collection: false }],
      ['/spec/version', { keyLine: 5, keyCol: 3, line: 5, col: 12, collection: false }],
    ]);
    const at = (line: number, col: number) => ({ file: 'x.yaml', line, col });
    expect([...clusterPositions({ file: 'x.yaml', nodes })]).toEqual([
      ['/backup', at(4, 19)],
      ['/backup/location', at(4, 19)],
      ['/version', at(5, 12)],
    ]);
  });
});

describe('examples/', () => {
  const files = readdirSync(`${ROOT}examples/clusters`).filter((f) => f.endsWith('.yaml'));

  it('every example loads without issues', async () => {
    const clusters = await loadDesiredClusters(['examples/clusters'], { cwd: ROOT });
    expect(clusters.map((c) => c.address)).toEqual([
      'de-fra/analytics',
      'es-vit/billing-staging',
      'de-fra/orders-prod',
    ]);
    expect(new Set(clusters.map((c) => c.region)).size).toBeGreaterThanOrEqual(2);
    expect(clusters.map((c) => c.properties.backup.location)).toEqual(['eu-central-3', 'eu-central-3', 'eu-central-3']);
    const analytics = clusters.find((c) => c.name === 'analytics')!;
    expect(analytics.properties.credentials.password).toEqual({
      fromFile: 'examples/clusters/secrets/analytics.password',
    });
  });

  it.each(files)('%s points editors at the schema and stays in the fast reader subset', async (file) => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(`${ROOT}examples/clusters/${file}`, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/cluster.schema.json');
    expect(parseSimpleYaml(text)).toBeDefined();
    const checked = await checkSpecSources([{ file, text }]);
    expect(checked.issues).toEqual([]);
  });
});
