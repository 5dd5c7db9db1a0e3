import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { ClusterProperties } from '../../src/api/types.js';
import type { Plan } from '../../src/plan/types.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { ROOT } from '../helpers/run-cli.js';

const TOKEN = 'e2e-import-token-9a4d2f';
const OUT = 'imported';
const world = useE2eWorld(TOKEN, { provisioningDelayMs: 50 });

function properties(name: string, overrides: Partial<ClusterProperties> = {}): ClusterProperties {
  return {
    name,
    description: `${name}, made in the console`,
    version: '16',
    instances: { count: 1, cores: 2, ram: 4, storageSize: 20 },
    connection: {
      datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
      lanId: '2',
      primaryInstanceAddress: '192.168.1.50/24',
    },
    maintenanceWindow: { dayOfTheWeek: 'Sunday', time: '03:00:00' },
    replicationMode: 'ASYNCHRONOUS',
    backup: { location: 'eu-central-3', retentionDays: 7 },
    ...overrides,
  };
}

/** Clusters "created elsewhere": seeded straight into the emulator, never through pgensure. */
function seedEstate() {
  const orders = world.emulator.seedCluster(
    'de-fra',
    properties('orders-prod', {
      instances: { count: 3, cores: 4, ram: 16, storageSize: 100 },
      replicationMode: 'STRICTLY_SYNCHRONOUS',
      connectionPooler: 'TRANSACTION',
      logsEnabled: true,
      metricsEnabled: true,
      backup: { location: 'eu-central-4', retentionDays: 14 },
    }),
  );
  // Named and shaped like a cluster the v1 API made and IONOS migrated: v1 display-name style, PostgreSQL 13,
  // v1's Monday 16:30:59 window, optional v2 fields never set (the API fills their defaults), credentials unknown.
  const { description: _d, ...bare } = properties('Legacy_PG.v1-migrated', {
    version: '13',
    maintenanceWindow: { dayOfTheWeek: 'Monday', time: '16:30:59' },
    backup: { location: 'de', retentionDays: 7 },
  });
  const migrated = world.emulator.seedCluster('de-fra', bare, { by: 'v1-migration@ionos.com' });
  const reports = world.emulator.seedCluster(
    'de-fra',
    properties('reports', {
      description: 'yes',
      connection: {
        datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
        lanId: '3',
        primaryInstanceAddress: '10.1.2.3/16',
      },
    }),
  );
  world.emulator.seedCluster('es-vit', properties('elsewhere'));
  return { orders, migrated, reports };
}

function compilePlanSchema() {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats.default(ajv, ['date-time']);
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas/plan.schema.json'), 'utf8')));
}

describe('pgensure import against the emulator', () => {
  it('imports clusters created elsewhere (a migrated v1 one too); validate passes and plan is all no-op', async () => {
    const { orders, migrated, reports } = seedEstate();
    world.emulator.clearRequests();
    const run = await world.cli(['import', '--region', 'de-fra', '--out', OUT]);
    expect(run.code, run.stderr).toBe(0);
    expect(world.emulator.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    const files = readdirSync(join(world.ws.dir, OUT)).sort();
    expect(files).toEqual(['de-fra-Legacy_PG.v1-migrated.yaml', 'de-fra-orders-prod.yaml', 'de-fra-reports.yaml']);
    expect(run.stdout).toContain(
      `Wrote ${OUT}/de-fra-Legacy_PG.v1-migrated.yaml (de-fra/Legacy_PG.v1-migrated, id ${migrated.id}; password from $PGENSURE_DE_FRA_LEGACY_PG_V1_MIGRATED_PASSWORD)`,
    );

    const text = readFileSync(join(world.ws.dir, OUT, 'de-fra-Legacy_PG.v1-migrated.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/cluster.schema.json');
    expect(text).toContain(`  id: ${migrated.id}\n`);
    expect(text).toContain('password: { fromEnv: PGENSURE_DE_FRA_LEGACY_PG_V1_MIGRATED_PASSWORD }');
    expect(text).toMatch(/# The API never returns credentials/);
    expect(readFileSync(join(world.ws.dir, OUT, 'de-fra-orders-prod.yaml'), 'utf8')).toContain(`id: ${orders.id}`);

    const validate = await world.cli(['validate', OUT]);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('Valid: 3 clusters in 3 files.');

    const plan = await world.cli(['plan', OUT, '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes. 3 unchanged.');

    const json = await world.cli(['plan', OUT, '--format', 'json']);
    const parsed = JSON.parse(json.stdout) as Plan;
    expect(parsed.changes.map((c) => [c.address, c.action, c.id]).sort()).toEqual(
      [
        ['de-fra/Legacy_PG.v1-migrated', 'noop', migrated.id],
        ['de-fra/orders-prod', 'noop', orders.id],
        ['de-fra/reports', 'noop', reports.id],
      ].sort(),
    );
    expect(parsed.unmanaged).toEqual([]); // every cluster of the region now has a file
    const validatePlan = compilePlanSchema();
    expect(validatePlan(parsed), JSON.stringify(validatePlan.errors)).toBe(true);

    const drift = await world.cli(['drift', OUT]);
    expect(drift.code, drift.stdout).toBe(0);
  });

  it('refuses to overwrite without --force (writing nothing), and filters by --name', async () => {
    seedEstate();
    expect((await world.cli(['import', '--region', 'de-fra', '--out', OUT])).code).toBe(0);
    const edited = join(world.ws.dir, OUT, 'de-fra-reports.yaml');
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}# my notes\n`);

    const again = await world.cli(['import', '--region', 'de-fra', '--out', OUT]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('refusing to overwrite');
    expect(again.stderr).toContain('--force');
    expect(readFileSync(edited, 'utf8')).toContain('# my notes');

    const filtered = await world.cli([
      'import',
      '--region',
      'de-fra',
      '--name',
      'REPORT',
      '--out',
      OUT,
      '--force',
      '--username',
      'reporter',
      '--database',
      'reports',
    ]);
    expect(filtered.code, filtered.stderr).toBe(0);
    expect(filtered.stdout.match(/^Wrote /gm)).toHaveLength(1);
    const text = readFileSync(edited, 'utf8');
    expect(text).not.toContain('# my notes');
    expect(text).toContain('username: reporter\n    database: reports\n');
    expect(text).toContain('description: "yes"');

    const none = await world.cli(['import', '--region', 'de-fra', '--name', 'no-such-cluster', '--out', 'empty']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No clusters in de-fra with "no-such-cluster" in the name; nothing was written.');
  });

  it('adopts a cluster: after filling in credentials, a change applies with them', async () => {
    const { reports } = seedEstate();
    expect(
      (
        await world.cli([
          'import',
          '--region',
          'de-fra',
          '--name',
          'reports',
          '--out',
          OUT,
          '--username',
          'reporter',
          '--database',
          'reports',
        ])
      ).code,
    ).toBe(0);
    const file = join(world.ws.dir, OUT, 'de-fra-reports.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('cores: 2', 'cores: 4'));
    world.emulator.clearRequests();
    const apply = await world.cli(['apply', OUT, '--auto-approve', '--poll-interval', '50ms'], {
      PGENSURE_DE_FRA_REPORTS_PASSWORD: 'Reports-Passw0rd!',
    });
    expect(apply.code, apply.stderr).toBe(0);
    const puts = world.emulator.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.path)).toEqual([`/de-fra/clusters/${reports.id}`]);
    expect(world.emulator.credentialsOf('de-fra', reports.id)).toMatchObject({
      username: 'reporter',
      database: 'reports',
    });
  });

  it('says plainly when --out cannot be a folder, and never hangs on one the kernel refuses', async () => {
    seedEstate();
    writeFileSync(join(world.ws.dir, 'notes.txt'), 'a file, not a folder\n');
    const cases: Array<[string, RegExp]> = [
      ['notes.txt', /--out must be a folder .*not a file/],
      ['notes.txt/sub', /--out must be a folder .*not a file/],
    ];
    // Under /proc, Node 20's mkdir({recursive: true}) never returns (ENOENT with an existing parent).
    if (existsSync('/proc/self')) cases.push(['/proc/pgensure-import', /that folder cannot be made here/]);
    for (const [out, hint] of cases) {
      const run = await world.cli(['import', '--region', 'de-fra', '--out', out]);
      expect(run.code, `${out}: ${run.stderr}`).toBe(1);
      expect(run.stderr).toMatch(/cannot write the imported files to .*; nothing was written/);
      expect(run.stderr).toMatch(hint);
      expect(run.stderr).not.toMatch(/internal|please report/i);
    }
  });

  it('needs --region and refuses placeholders the schema would refuse', async () => {
    const noRegion = await world.cli(['import']);
    expect(noRegion.code).toBe(1);
    expect(noRegion.stderr).toContain('import needs --region');
    const badUser = await world.cli(['import', '--region', 'de-fra', '--username', 'not-valid!']);
    expect(badUser.code).toBe(1);
    expect(badUser.stderr).toContain('--username');
    expect(world.emulator.requests).toEqual([]);
  });
});
