import { describe, expect, it } from 'vitest';
import { describeEffective } from '../../../src/desired/effective.js';
import { aCluster, aDefaults, check, lines } from './fleet-support.js';

const PROD = aDefaults('production', ['  instances: { count: 3 }', '  backup: { retentionDays: 30 }'], '{ env: prod }');
// The cluster of these tests leaves count and retentionDays to Defaults.
const LEAN = [
  '  version: "16"',
  '  instances: { cores: 4, ram: 16, storageSize: 100 }',
  '  connection: { datacenterId: 5a029f4a-72e5-11ec-90d6-0242ac120003, lanId: "1", primaryInstanceAddress: 192.168.7.10/24 }',
  '  backupLocation: eu-central-3',
  '  credentials: { username: app, database: app, password: { fromEnv: APP_PASSWORD } }',
];

describe('Defaults', () => {
  it('fill what the cluster leaves out, key by key, and the cluster wins', async () => {
    const result = await check({
      'd/prod.yaml': PROD,
      'c/lean.yaml': aCluster({ name: 'lean', labels: '{ env: prod }', spec: LEAN }),
      'c/own.yaml': aCluster({ name: 'own', labels: '{ env: prod }' }),
      'c/dev.yaml': aCluster({ name: 'dev', labels: '{ env: dev }' }),
    });
    expect(lines(result)).toEqual([]);
    const [lean, own, dev] = result.clusters;
    expect(lean!.properties.instances).toEqual({ count: 3, cores: 4, ram: 16, storageSize: 100 });
    expect(lean!.properties.backup).toEqual({ location: 'eu-central-3', retentionDays: 30 });
    expect(lean!.defaulted).not.toContain('/backup/retentionDays');
    expect([...lean!.inherited!.keys()]).toEqual(['/instances/count', '/backup/retentionDays']);
    expect(lean!.inherited!.get('/instances/count')).toEqual({
      defaults: 'production',
      at: { file: 'd/prod.yaml', line: 6, col: 23 },
    });
    // A plan-time refusal of an inherited value points at the Defaults line that wrote it.
    expect(lean!.positions.get('/instances/count')).toEqual({ file: 'd/prod.yaml', line: 6, col: 23 });
    expect(lean!.positions.get('/instances/cores')?.file).toBe('c/lean.yaml');
    expect(own!.properties.instances.count).toBe(2); // its own value wins
    expect(own!.inherited!.has('/instances/count')).toBe(false);
    expect(dev!.inherited).toBeUndefined(); // the selector does not match
    expect(dev!.properties.backup.retentionDays).toBe(7);
  });

  it('say where every value of the effective document came from', async () => {
    const result = await check({
      'd/prod.yaml': PROD,
      'c/lean.yaml': aCluster({ name: 'lean', labels: '{ env: prod }', spec: LEAN }),
    });
    const { sources, document } = describeEffective(result.clusters[0]!);
    expect(document.metadata.labels).toEqual({ env: 'prod' });
    expect(sources.get('/spec/instances/count')).toEqual({
      from: 'defaults',
      defaults: 'production',
      file: 'd/prod.yaml',
      line: 6,
      col: 23,
    });
    expect(sources.get('/spec/instances/cores')).toMatchObject({ from: 'cluster', file: 'c/lean.yaml', line: 9 });
    expect(sources.get('/spec/backup/location')).toMatchObject({ from: 'cluster', line: 11 }); // the flat spelling
    expect(sources.get('/spec/replicationMode')).toEqual({ from: 'built-in' });
    expect(sources.get('/policy/ensure')).toEqual({ from: 'built-in' });
    expect(sources.get('/metadata/labels/env')).toMatchObject({ from: 'cluster', line: 6 });
    expect(sources.get('/spec/credentials/password')).toMatchObject({ from: 'cluster' });
  });

  it('refuse two Defaults that set one field for one cluster, at both, naming the clusters (even one that sets it)', async () => {
    const result = await check({
      'd/a.yaml': PROD,
      'd/b.yaml': aDefaults('big', ['  instances: { count: 5, cores: 8 }']),
      'c/lean.yaml': aCluster({ name: 'lean', labels: '{ env: prod }', spec: LEAN }),
      'c/own.yaml': aCluster({ name: 'own', labels: '{ env: prod }' }),
    });
    expect(result.clusters).toEqual([]);
    expect(lines(result)).toEqual([
      'd/a.yaml:6:23 spec.instances.count: also set by Defaults "big" at d/b.yaml:5:23 for 2 clusters: de-fra/lean, de-fra/own: two Defaults may not set one field for one cluster (narrow their selectors so that at most one of them applies to each cluster)',
      'd/b.yaml:5:23 spec.instances.count: also set by Defaults "production" at d/a.yaml:6:23 for 2 clusters: de-fra/lean, de-fra/own: two Defaults may not set one field for one cluster (narrow their selectors so that at most one of them applies to each cluster)',
    ]);
  });

  it('are checked like a cluster spec, at their own lines; a restore cannot come from them', async () => {
    const result = await check({
      'd/bad.yaml': aDefaults('bad', [
        '  instances: { count: 9, cpus: 2 }',
        '  restoreFromBackup: { sourceBackupId: 0b6c1f0e-6a8e-4f31-9d7c-2a1e5d7c9b10 }',
        '  backupLocation: x',
        '  backup: { retentionDays: 3 }',
      ]),
      'c/app.yaml': aCluster(),
    });
    expect(lines(result)).toEqual([
      'd/bad.yaml:5:23 spec.instances.count: must be <= 5 (got 9)',
      'd/bad.yaml:5:26 spec.instances.cpus: unknown key "cpus"',
      'd/bad.yaml:6:3 spec.restoreFromBackup: restoreFromBackup cannot come from Defaults: a restore seeds one cluster, so set it in that cluster’s file',
      'd/bad.yaml:7:3 spec.backupLocation: use either backup or backupLocation, not both',
    ]);
  });

  it('leave the merged cluster to the full schema; its errors name the Defaults, or sit at the Defaults line', async () => {
    const sync = aDefaults('sync', ['  replicationMode: STRICTLY_SYNCHRONOUS'], '{ env: prod }');
    const missing = await check({
      'd/sync.yaml': sync,
      'c/app.yaml': aCluster({ labels: '{ env: prod }', spec: LEAN.filter((l) => !l.includes('credentials')) }),
    });
    expect(lines(missing)).toEqual([
      'c/app.yaml:7:1 spec.credentials: missing required key "credentials" (with Defaults "sync" at d/sync.yaml:2:1)',
      'c/app.yaml:9:3 spec.instances.count: missing required key "count" (with Defaults "sync" at d/sync.yaml:2:1)',
    ]);
    const small = await check({ 'd/sync.yaml': sync, 'c/app.yaml': aCluster({ labels: '{ env: prod }' }) });
    expect(lines(small)).toEqual([
      'd/sync.yaml:6:20 spec.replicationMode: STRICTLY_SYNCHRONOUS needs instances.count >= 3 (got 2) (from Defaults "sync", for de-fra/app (c/app.yaml:2:1))',
    ]);
  });

  it('read a password file relative to the Defaults file that names it', async () => {
    const result = await check({
      'shared/defaults.yaml': aDefaults('creds', [
        '  credentials: { username: app, database: app, password: { fromFile: secrets/pw } }',
      ]),
      'c/app.yaml': aCluster({
        spec: LEAN.filter((l) => !l.includes('credentials')).map((l) => l.replace('{ cores', '{ count: 1, cores')),
      }),
    });
    expect(lines(result)).toEqual([]);
    expect(result.clusters[0]!.properties.credentials.password).toEqual({ fromFile: 'shared/secrets/pw' });
  });
});

describe('labels', () => {
  it('follow the Kubernetes syntax, reported where they are written', async () => {
    const long = 'x'.repeat(64);
    const result = await check({
      'c/app.yaml': aCluster({ labels: `{ "Bad Key": a, example.com/team: ok, env: ${long}, tier: 1, -x: y }` }),
    });
    expect(lines(result)).toEqual([
      'c/app.yaml:6:13 metadata.labels.Bad Key: "Bad Key" must be a label key: a name of at most 63 letters, digits, "-", "_" and "." that begins and ends with a letter or digit, optionally after a lower-case DNS prefix and "/" (example.com/team)',
      `c/app.yaml:6:54 metadata.labels.env: must be at most 63 characters (got "${'x'.repeat(37)}...")`,
      'c/app.yaml:6:126 metadata.labels.tier: must be a string (got 1): quote it, "1"',
      'c/app.yaml:6:129 metadata.labels.-x: "-x" must be a label key: a name of at most 63 letters, digits, "-", "_" and "." that begins and ends with a letter or digit, optionally after a lower-case DNS prefix and "/" (example.com/team)',
    ]);
  });
});
