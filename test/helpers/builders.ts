import type { ClusterProperties, ClusterRead, Region } from '../../src/api/types.js';
import type { DesiredCluster, DesiredProperties } from '../../src/desired/types.js';
import type { RegionCatalog } from '../../src/plan/types.js';

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
