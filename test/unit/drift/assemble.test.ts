import { describe, expect, it } from 'vitest';
import type { ClusterProperties, ClusterRead, Region } from '../../../src/api/types.js';
import { checkSpecSources } from '../../../src/desired/index.js';
import type { DesiredCluster } from '../../../src/desired/types.js';
import { assembleDrift, hasDrift } from '../../../src/drift/index.js';
import { planFor } from '../../helpers/builders.js';
import { aClusterRead, loadScenario, NOW } from './scenario.js';

const ID = '0b6c1f0e-6a8e-4f31-9d7c-2a1e5d7c9b10';
const OTHER_ID = '1c7d2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const SPEC = `apiVersion: pgensure/v1
kind: PostgresCluster
metadata:
  name: web
  region: de-fra
spec:
  version: "16"
  instances: { count: 1, cores: 2, ram: 4, storageSize: 20 }
  connection: { datacenterId: 5a029f4a-72e5-11ec-90d6-0242ac120003, lanId: "2", primaryInstanceAddress: 192.168.1.40/24 }
  backup: { location: eu-central-3 }
  credentials: { username: web, database: web, password: { fromEnv: WEB_PG_PASSWORD } }
`;

/** What the API lists for a cluster that matches SPEC exactly. */
function webProperties(overrides: Partial<ClusterProperties> = {}): ClusterProperties {
  return {
    name: 'web',
    description: '',
    version: '16',
    instances: { count: 1, cores: 2, ram: 4, storageSize: 20 },
    connection: {
      datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
      lanId: '2',
      primaryInstanceAddress: '192.168.1.40/24',
    },
    maintenanceWindow: { dayOfTheWeek: 'Sunday', time: '03:00:00' },
    replicationMode: 'ASYNCHRONOUS',
    connectionPooler: 'DISABLED',
    logsEnabled: false,
    metricsEnabled: false,
    backup: { location: 'eu-central-3', retentionDays: 7 },
    ...overrides,
  };
}

async function docsFrom(text: string): Promise<DesiredCluster[]> {
  const { clusters, issues } = await checkSpecSources([{ file: 'inline.yaml', text }]);
  expect(issues).toEqual([]);
  return clusters;
}

function liveOf(...clusters: ClusterRead[]): Map<Region, ClusterRead[]> {
  return new Map([['de-fra', clusters]]);
}

function drift(desired: DesiredCluster[], live: Map<Region, ClusterRead[]>, listUnmanaged = true) {
  return assembleDrift({ desired, live, now: NOW, listUnmanaged });
}

describe('assembleDrift', () => {
  it('names each field changed in the console, with who changed it and when, and where the file sets it', async () => {
    const { report, issues } = assembleDrift(await loadScenario('console-edit'));
    expect(issues).toEqual([]);
    expect(hasDrift(report)).toBe(true);
    const orders = report.drifted.find((item) => item.address === 'de-fra/orders')!;
    expect(orders.status).toBe('changed');
    expect(orders.live).toMatchObject({
      lastModifiedBy: 'alice@example.com',
      lastModifiedDate: '2030-03-04T05:06:07.000Z',
    });
    expect(orders.fields.map((f) => [f.path, f.desired, f.live])).toEqual([
      ['description', 'Orders service', 'Orders service (scaled up for the sale)'],
      ['instances.cores', 4, 8],
      ['maintenanceWindow.time', '02:00:00', '04:00:00'],
      ['connectionPooler', 'DISABLED', 'TRANSACTION'],
    ]);
    const cores = orders.fields.find((f) => f.path === 'instances.cores')!;
    expect(cores.source).toEqual({ file: 'specs/orders.yaml', line: 11, col: 12 });
    const pooler = orders.fields.find((f) => f.path === 'connectionPooler')!;
    expect(pooler.defaulted).toBe(true);
    expect(pooler.source).toEqual(orders.source); // not in the file: the document itself
  });

  it('finds a cluster pinned by metadata.id even when it was renamed in the console', async () => {
    const { report } = assembleDrift(await loadScenario('console-edit'));
    const payments = report.drifted.find((item) => item.address === 'de-fra/payments')!;
    expect(payments.fields.map((f) => f.path)).toEqual(['name']);
    expect(report.unmanaged).toEqual([]);
  });

  it('reports in-sync clusters as no drift, fills API defaults the list omits, and lists unmanaged clusters', async () => {
    const { report } = assembleDrift(await loadScenario('in-sync'));
    expect(hasDrift(report)).toBe(false);
    expect(report.drifted).toEqual([]);
    expect(report.summary).toEqual({ managed: 2, inSync: 2, changed: 0, missing: 0, exists: 0, unmanaged: 1 });
    expect(report.unmanaged.map((u) => u.address)).toEqual(['de-fra/legacy-crm']);
  });

  it('reports immutable and irreversible drift instead of refusing it, and says what apply cannot undo', async () => {
    const input = await loadScenario('immutable-and-irreversible');
    const { report, issues } = assembleDrift(input);
    expect(issues).toEqual([]);
    const [billing] = report.drifted;
    expect(billing!.fields.filter((f) => f.immutable).map((f) => f.path)).toEqual(['backup.location']);
    expect(billing!.notes.join('\n')).toMatch(/backup\.location is immutable/);
    expect(billing!.notes.join('\n')).toMatch(/cannot shrink/);
    expect(billing!.notes.join('\n')).toMatch(/cannot downgrade/);
    expect(billing!.notes.join('\n')).toMatch(/FAILED: storage resize failed/);
    // The planner refuses the same situation: drift must not depend on the planner's refusals.
    const plan = planFor({
      ...input,
      catalogs: new Map(),
      backups: new Map(),
      rotateCredentials: new Set(),
    });
    expect(plan.issues.length).toBeGreaterThan(0);
  });

  it('reports missing clusters (by name and by a pinned id) and clusters that should be absent', async () => {
    const { report, issues } = assembleDrift(await loadScenario('missing-and-exists'));
    expect(issues).toEqual([]);
    expect(report.drifted.map((item) => [item.address, item.status, item.id])).toEqual([
      ['de-fra/analytics', 'missing', null],
      ['de-fra/reports', 'missing', '5ab16e7f-8c93-4eaf-a0b1-3c4d5e6f7081'],
      ['fr-par/old-reports', 'exists', '7cd38091-aeb5-4fc1-82d3-5e6f708192a3'],
    ]);
    expect(report.summary).toEqual({ managed: 4, inSync: 1, changed: 0, missing: 2, exists: 1, unmanaged: 1 });
    // A cluster being destroyed never matches by name; it is listed as unmanaged.
    expect(report.unmanaged).toEqual([expect.objectContaining({ address: 'de-fra/analytics', state: 'DESTROYING' })]);
  });

  it('agrees with the planner: the drifted fields are exactly the fields the plan would change', async () => {
    for (const scenario of ['console-edit', 'in-sync', 'missing-and-exists']) {
      const input = await loadScenario(scenario);
      const { report } = assembleDrift(input);
      const { plan } = planFor({
        ...input,
        catalogs: new Map(),
        backups: new Map(),
        rotateCredentials: new Set(),
      });
      for (const change of plan.changes) {
        const item = report.drifted.find((d) => d.address === change.address);
        expect(change.action === 'noop', `${scenario} ${change.address}`).toBe(item === undefined);
        if (change.action === 'update')
          expect(item!.fields.map((f) => f.pointer).sort()).toEqual(change.patch.map((op) => op.path).sort());
      }
    }
  });

  it('never compares credentials or restoreFromBackup (write-only, create-only)', async () => {
    const withRestore = SPEC.replace(
      'credentials:',
      'restoreFromBackup: { sourceBackupId: 2d8e3b4c-5f60-4b7c-9d8e-0f1a2b3c4d5e }\n  credentials:',
    );
    const docs = await docsFrom(withRestore);
    const echoed = webProperties({
      credentials: { username: 'other', database: 'other', password: 'Secret-Passw0rd!' },
    });
    const { report } = drift(docs, liveOf(aClusterRead('de-fra', ID, echoed)));
    expect(report.drifted).toEqual([]);
  });

  it('never reports a field only the live cluster has (a newer API): apply carries it unchanged', async () => {
    const docs = await docsFrom(SPEC);
    const extra = { ...webProperties(), tier: 'gold' } as ClusterProperties;
    const { report } = drift(docs, liveOf(aClusterRead('de-fra', ID, extra)));
    expect(report.drifted).toEqual([]);
    expect(report.summary.inSync).toBe(1);
  });

  it('refuses (as issues) documents that match two live clusters, or two documents matching one cluster', async () => {
    const docs = await docsFrom(SPEC);
    const twins = liveOf(
      aClusterRead('de-fra', ID, webProperties()),
      aClusterRead('de-fra', OTHER_ID, webProperties()),
    );
    const { issues } = drift(docs, twins);
    expect(issues).toEqual([
      expect.objectContaining({
        file: 'inline.yaml',
        path: 'metadata.name',
        message: expect.stringContaining('2 live clusters are named "web"'),
      }),
    ]);

    const pinned = SPEC.replace('region: de-fra', `region: de-fra\n  id: ${ID}`).replace(
      'name: web',
      'name: web-alias',
    );
    const both = await docsFrom(`${SPEC}---\n${pinned}`);
    const result = drift(both, liveOf(aClusterRead('de-fra', ID, webProperties())));
    expect(result.issues.map((i) => i.message)).toEqual([expect.stringContaining(`binds to cluster ${ID}`)]);
  });

  it('lists no unmanaged clusters when asked not to (--target)', async () => {
    const docs = await docsFrom(SPEC);
    const live = liveOf(
      aClusterRead('de-fra', ID, webProperties()),
      aClusterRead('de-fra', OTHER_ID, webProperties({ name: 'other' })),
    );
    expect(drift(docs, live, true).report.unmanaged.map((u) => u.name)).toEqual(['other']);
    expect(drift(docs, live, false).report.unmanaged).toEqual([]);
    expect(drift(docs, live, false).report.summary.unmanaged).toBe(0);
  });

  it('is deterministic: drifted clusters sorted by address whatever the document order', async () => {
    const input = await loadScenario('missing-and-exists');
    const reversed = { ...input, desired: [...input.desired].reverse() };
    expect(assembleDrift(reversed).report).toEqual(assembleDrift(input).report);
  });
});
