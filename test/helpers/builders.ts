import type { BackupRead, ClusterProperties, ClusterRead, Region } from '../../src/api/types.js';
import { nameBasedClusterId } from '../../src/cli/ids.js';
import { compareFleet } from '../../src/compare/compare.js';
import type { DesiredCluster, DesiredProperties } from '../../src/desired/types.js';
import { assemblePlan, type PlanResult } from '../../src/plan/assemble.js';
import type { IdForAddress } from '../../src/plan/ids.js';
import type { PlanInputs, RegionCatalog } from '../../src/plan/types.js';

/** Desired properties with every default filled, as the normaliser produces them. */
export function aDesiredProperties(overrides: Partial<DesiredProperties> = {}): DesiredProperties {
  return {
    name: 'orders-prod',
    description: '',
    version: '16',
    instances: { count: 1, cores: 2, ram: 4, storageSize: 20 },
    connection: {
      datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
      lanId: '2',
      primaryInstanceAddress: '192.168.1.10/24',
    },
    maintenanceWindow: { dayOfTheWeek: 'Sunday', time: '03:00:00' },
    replicationMode: 'ASYNCHRONOUS',
    connectionPooler: 'DISABLED',
    logsEnabled: false,
    metricsEnabled: false,
    backup: { location: 'eu-central-3', retentionDays: 7 },
    credentials: { username: 'orders_admin', database: 'orders', password: { fromEnv: 'ORDERS_PG_PASSWORD' } },
    ...overrides,
  };
}

export function aDesired(
  overrides: Partial<Omit<DesiredCluster, 'properties'>> & { properties?: Partial<DesiredProperties> } = {},
): DesiredCluster {
  const region: Region = overrides.region ?? 'de-fra';
  const properties = aDesiredProperties({ ...overrides.properties });
  const name = overrides.name ?? properties.name;
  const source = { file: `specs/${name}.yaml`, line: 3, col: 1 };
  return {
    address: `${region}/${name}`,
    region,
    name,
    defaulted: [],
    policy: { ensure: 'present', preventDestroy: false, allowReplace: false },
    source,
    positions: new Map([
      ['/version', { file: source.file, line: 12, col: 12 }],
      ['/backup/location', { file: source.file, line: 20, col: 22 }],
      ['/instances/storageSize', { file: source.file, line: 13, col: 50 }],
    ]),
    ...overrides,
    properties: { ...properties, name },
  };
}

/** A live cluster as the API returns it (no credentials), matching `desired` unless overridden. */
export function aLive(
  desired: DesiredCluster,
  id: string,
  overrides: Partial<ClusterProperties> = {},
  state: ClusterRead['metadata']['state'] = 'AVAILABLE',
): ClusterRead {
  const { credentials: _c, restoreFromBackup: _r, ...readable } = desired.properties;
  return {
    id,
    type: 'cluster',
    href: `https://postgresql.${desired.region}.ionos.com/clusters/${id}`,
    metadata: {
      state,
      lastModifiedDate: '2026-11-01T10:00:00Z',
      lastModifiedBy: 'alice@example.com',
      createdDate: '2026-10-01T10:00:00Z',
    },
    properties: { ...structuredClone(readable), ...overrides },
  };
}

export const CATALOG: RegionCatalog = {
  versions: ['13', '14', '15', '16', '17'].map((version, i, all) => ({
    id: `v${version}`,
    type: 'version',
    href: '',
    metadata: {},
    properties: { version, status: 'SUPPORTED', canUpgradeTo: all.slice(i + 1) },
  })),
  backupLocations: ['eu-central-3', 'de'],
};

/** Deterministic ids for plans under test. */
export function sequentialIds(prefix = '00000000-0000-4000-8000-'): () => string {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(12, '0')}`;
}

/** The ids of the CLI (name-based UUIDs of the address), so tests see what a user would. */
export { nameBasedClusterId as testIdFor } from '../../src/cli/ids.js';

/** What the tests give the planner: the old flat input (documents and live lists) plus anything to override. */
export interface TestPlanInput {
  desired: readonly DesiredCluster[];
  live: ReadonlyMap<Region, readonly ClusterRead[]>;
  catalogs?: ReadonlyMap<Region, RegionCatalog>;
  backups?: ReadonlyMap<string, BackupRead>;
  idFor?: IdForAddress;
  now?: string;
  rotateCredentials?: ReadonlySet<string>;
  listUnmanaged?: boolean;
  inputs?: PlanInputs;
}

/** Test inputs of a plan (what a real plan records of its request). */
export const TEST_INPUTS: PlanInputs = {
  paths: ['specs'],
  endpoint: 'https://postgresql.{region}.ionos.com',
  regions: null,
  targets: null,
  rotateCredentials: [],
  files: [],
  specDigest: 'sha256:test',
};

/** compareFleet + assemblePlan, as the CLI runs them, with test defaults for everything not given. */
export function planFor(input: TestPlanInput): PlanResult {
  const regions = [...input.live.keys()];
  return assemblePlan({
    fleet: compareFleet(input.desired, input.live, { listUnmanaged: input.listUnmanaged ?? true }),
    regions,
    catalogs: input.catalogs ?? new Map(regions.map((r) => [r, CATALOG])),
    backups: input.backups ?? new Map(),
    idFor: input.idFor ?? nameBasedClusterId,
    now: input.now ?? '2026-11-24T12:00:00.000Z',
    rotateCredentials: input.rotateCredentials ?? new Set(),
    inputs: input.inputs ?? TEST_INPUTS,
  });
}
