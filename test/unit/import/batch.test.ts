import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClusterProperties, ClusterRead, ClusterState, Region } from '../../../src/api/types.js';
import {
  buildImportBatch,
  type FoundCluster,
  PUBLISHED_SCHEMA_URL,
  passwordEnvName,
  specFileName,
} from '../../../src/import/index.js';
import { findSchemaRef } from '../../../src/import/schema-ref.js';
import { ROOT } from '../../helpers/run-cli.js';

const OPTIONS = { schemaRef: 'schemas/cluster.schema.json', username: 'change_me', database: 'change_me' };

function found(region: Region, name: string, id: string, state: ClusterState = 'AVAILABLE'): FoundCluster {
  const properties: ClusterProperties = {
    name,
    version: '16',
    instances: { count: 1, cores: 2, ram: 4, storageSize: 20 },
    connection: {
      datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
      lanId: '2',
      primaryInstanceAddress: '192.168.1.10/24',
    },
    maintenanceWindow: { dayOfTheWeek: 'Sunday', time: '03:00:00' },
    replicationMode: 'ASYNCHRONOUS',
    backup: { location: 'eu-central-3', retentionDays: 7 },
  };
  const cluster: ClusterRead = { id, type: 'cluster', href: '', metadata: { state }, properties };
  return { region, cluster };
}

const id = (n: number) => `${String(n).repeat(8)}-0000-4000-8000-000000000000`;

describe('names', () => {
  it('derives the password variable: upper case, anything but letters and digits as _', () => {
    expect(passwordEnvName('de-fra', 'orders-prod')).toBe('PGENSURE_DE_FRA_ORDERS_PROD_PASSWORD');
    expect(passwordEnvName('us-ewr', 'Legacy_PG.v1-migrated')).toBe('PGENSURE_US_EWR_LEGACY_PG_V1_MIGRATED_PASSWORD');
  });

  it('names files <region>-<name>.yaml, keeping only safe characters', () => {
    expect(specFileName('de-fra', 'orders-prod')).toBe('de-fra-orders-prod.yaml');
    expect(specFileName('es-vit', 'Legacy_PG.v1')).toBe('es-vit-Legacy_PG.v1.yaml');
    expect(specFileName('es-vit', 'PostgreSQL cluster/../x')).toBe('es-vit-PostgreSQL-cluster-..-x.yaml');
  });
});

describe('buildImportBatch', () => {
  it('writes one file per cluster, sorted by address', () => {
    const batch = buildImportBatch(
      [found('fr-par', 'b', id(1)), found('de-fra', 'z', id(2)), found('de-fra', 'a', id(3))],
      OPTIONS,
    );
    expect(batch.files.map((f) => [f.fileName, f.address, f.passwordEnv])).toEqual([
      ['de-fra-a.yaml', 'de-fra/a', 'PGENSURE_DE_FRA_A_PASSWORD'],
      ['de-fra-z.yaml', 'de-fra/z', 'PGENSURE_DE_FRA_Z_PASSWORD'],
      ['fr-par-b.yaml', 'fr-par/b', 'PGENSURE_FR_PAR_B_PASSWORD'],
    ]);
    expect(batch.skipped).toEqual([]);
  });

  it('skips clusters being deleted and clusters that share a name (one address, two clusters)', () => {
    const batch = buildImportBatch(
      [
        found('de-fra', 'dup', id(1)),
        found('de-fra', 'dup', id(2)),
        found('de-fra', 'going', id(3), 'DESTROYING'),
        found('de-fra', 'ok', id(4)),
      ],
      OPTIONS,
    );
    expect(batch.files.map((f) => f.address)).toEqual(['de-fra/ok']);
    expect(batch.skipped.map((s) => [s.address, s.id])).toEqual([
      ['de-fra/dup', id(1)],
      ['de-fra/dup', id(2)],
      ['de-fra/going', id(3)],
    ]);
    expect(batch.skipped[0]!.reason).toContain('share this name');
    expect(batch.skipped[2]!.reason).toContain('DESTROYING');
  });

  it('never lets two clusters share a password variable or a file name', () => {
    const batch = buildImportBatch(
      [found('de-fra', 'a-b', id(1)), found('de-fra', 'a_b', id(2)), found('de-fra', 'a.b', id(3))],
      OPTIONS,
    );
    const envs = batch.files.map((f) => f.passwordEnv);
    expect(new Set(envs).size).toBe(3);
    expect(envs).toContain('PGENSURE_DE_FRA_A_B_11111111_PASSWORD');
    expect(new Set(batch.files.map((f) => f.fileName)).size).toBe(3);
    for (const file of batch.files) expect(file.text).toContain(`fromEnv: ${file.passwordEnv} }`);
  });
});

describe('findSchemaRef', () => {
  const base = mkdtempSync(join(tmpdir(), 'pgensure-schema-ref-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const ours = JSON.stringify({ title: 'pgensure PostgresCluster' });

  it('points at the repository schema found walking up, as a relative path', async () => {
    const repo = join(base, 'repo');
    mkdirSync(join(repo, 'schemas'), { recursive: true });
    writeFileSync(join(repo, 'schemas', 'cluster.schema.json'), ours);
    expect(await findSchemaRef(join(repo, 'clusters', 'imported'))).toBe('../../schemas/cluster.schema.json');
    expect(await findSchemaRef(repo)).toBe('schemas/cluster.schema.json');
  });

  it("ignores another project's schemas/cluster.schema.json and finds a project-local install of pgensure", async () => {
    const repo = join(base, 'other');
    mkdirSync(join(repo, 'schemas'), { recursive: true });
    writeFileSync(join(repo, 'schemas', 'cluster.schema.json'), JSON.stringify({ title: 'Kubernetes Cluster' }));
    expect(await findSchemaRef(join(repo, 'clusters'))).toBe(PUBLISHED_SCHEMA_URL);
    mkdirSync(join(repo, 'node_modules', 'pgensure', 'schemas'), { recursive: true });
    writeFileSync(join(repo, 'node_modules', 'pgensure', 'schemas', 'cluster.schema.json'), ours);
    expect(await findSchemaRef(join(repo, 'clusters'))).toBe('../node_modules/pgensure/schemas/cluster.schema.json');
  });

  it('recognises the schema this repository ships', async () => {
    expect(await findSchemaRef(join(ROOT, 'examples'))).toBe('../schemas/cluster.schema.json');
  });
});
