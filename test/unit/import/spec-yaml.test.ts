import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterRead, Region } from '../../../src/api/types.js';
import { checkSpecSources } from '../../../src/desired/index.js';
import { buildSpecYaml, type SpecYamlOptions } from '../../../src/import/index.js';
import { planFor } from '../../helpers/builders.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const SCENARIOS = readdirSync(FIXTURES).sort();

interface Fixture {
  region: Region;
  cluster: ClusterRead;
  options: Omit<SpecYamlOptions, 'passwordEnv'>;
}

function readFixture(name: string): Fixture {
  return JSON.parse(readFileSync(join(FIXTURES, name, 'cluster.json'), 'utf8')) as Fixture;
}

function build(fixture: Fixture): string {
  return buildSpecYaml(fixture.region, fixture.cluster, { ...fixture.options, passwordEnv: 'PGENSURE_TEST_PASSWORD' });
}

/** Parses and validates like `pgensure validate`, then plans against the cluster it came from. */
async function planAgainstSource(region: Region, cluster: ClusterRead, text: string) {
  const { clusters, issues } = await checkSpecSources([{ file: 'imported.yaml', text }]);
  expect(issues).toEqual([]);
  const live = new Map([[region, [cluster]]]);
  return planFor({
    desired: clusters,
    live,
    catalogs: new Map(),
    backups: new Map(),
    now: '2030-01-01T00:00:00.000Z',
    rotateCredentials: new Set(),
    listUnmanaged: true,
  });
}

// Goldens: regenerate with `npx vitest run --project unit test/unit/import -u` and review the diff.
describe.each(SCENARIOS)('import scenario %s', (scenario) => {
  const fixture = readFixture(scenario);

  it('writes expected.yaml', async () => {
    await expect(build(fixture)).toMatchFileSnapshot(join(FIXTURES, scenario, 'expected.yaml'));
  });

  it('round-trips: the file validates and plans as a no-op against the cluster it came from', async () => {
    const { plan, issues } = await planAgainstSource(fixture.region, fixture.cluster, build(fixture));
    expect(issues).toEqual([]);
    expect(plan.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 0, noop: 1 });
    expect(plan.unmanaged).toEqual([]);
  });
});

describe('buildSpecYaml', () => {
  const fixture = readFixture('full');

  it('starts with the $schema comment and pins metadata.id', () => {
    const text = build(fixture);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/cluster.schema.json');
    expect(text).toContain('  id: 0b6c1f0e-6a8e-4f31-9d7c-2a1e5d7c9b10\n');
  });

  it('writes credentials as placeholders with a comment saying why, and the given username/database', () => {
    const text = build(fixture);
    expect(text).toMatch(/# The API never returns credentials/);
    expect(text).toMatch(/a PUT with another username creates that user/);
    expect(text).toMatch(/plan shows no change for them \(credentials are never diffed\)/);
    expect(text).toContain(
      '    username: orders_admin\n    database: orders\n    password: { fromEnv: PGENSURE_TEST_PASSWORD }\n',
    );
  });

  it('writes spec keys in the schema order, every default spelled out', () => {
    const text = build(readFixture('migrated-v1'));
    const keys = [...text.matchAll(/^ {2}([A-Za-z]+):/gm)].map((m) => m[1]);
    expect(keys).toEqual([
      'name',
      'region',
      'id',
      'description',
      'version',
      'instances',
      'connection',
      'maintenanceWindow',
      'replicationMode',
      'connectionPooler',
      'backup',
      'logsEnabled',
      'metricsEnabled',
      'credentials',
    ]);
    expect(text).toContain('connectionPooler: DISABLED');
    expect(text).toContain('description: ""');
  });

  it('quotes every string a YAML 1.1 reader would take for a number, time or boolean', () => {
    const text = build(readFixture('ambiguous-strings'));
    expect(text).toContain('name: "007"');
    expect(text).toContain('version: "17"');
    expect(text).toContain('lanId: "10"');
    expect(text).toContain('time: "23:59:59"');
  });

  it('never writes a password, whatever the API echoes', () => {
    const echoing = structuredClone(fixture.cluster);
    echoing.properties.credentials = { username: 'u', database: 'd', password: 'Leaked-Passw0rd!' };
    const text = buildSpecYaml(fixture.region, echoing, { ...fixture.options, passwordEnv: 'X_PASSWORD' });
    expect(text).not.toContain('Leaked-Passw0rd!');
    expect(text).not.toContain('username: u\n');
  });

  it('round-trips any description and any valid name exactly (property)', async () => {
    const names = fc.stringMatching(/^[A-Za-z0-9]([-_.A-Za-z0-9]{0,20}[A-Za-z0-9])?$/);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), names, async (description, name) => {
        const cluster = structuredClone(fixture.cluster);
        cluster.properties.description = description;
        cluster.properties.name = name;
        const { plan, issues } = await planAgainstSource(
          fixture.region,
          cluster,
          buildSpecYaml(fixture.region, cluster, { ...fixture.options, passwordEnv: 'P' }),
        );
        expect(issues).toEqual([]);
        expect(plan.summary.noop).toBe(1);
      }),
      { numRuns: 150 },
    );
  });
});
