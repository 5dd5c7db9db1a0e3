import type { BackupLocationRead, ClusterRead, PostgresVersionRead, Region } from '../api/types.js';
import { ApiError } from '../errors.js';

const HINT =
  "the server answered a list that is not the v2 API's: check --endpoint / PGENSURE_ENDPOINT (a proxy or another service may answer)";
const METADATA_TEXTS = ['state', 'statusMessage', 'lastModifiedBy', 'lastModifiedDate'] as const;
type Kind = 'string' | 'number' | 'boolean' | 'object';
/** The cluster properties the planner reads, with their JSON type; `?` = optional (v2-contract.md §2.4–§2.10). */
const PROPERTY_KINDS: readonly (readonly [string, Kind])[] = [
  ['name', 'string'],
  ['description?', 'string'],
  ['version', 'string'],
  ['instances', 'object'],
  ['instances.count', 'number'],
  ['instances.cores', 'number'],
  ['instances.ram', 'number'],
  ['instances.storageSize', 'number'],
  ['connection', 'object'],
  ['connection.datacenterId', 'string'],
  ['connection.lanId', 'string'],
  ['connection.primaryInstanceAddress', 'string'],
  ['maintenanceWindow', 'object'],
  ['maintenanceWindow.dayOfTheWeek', 'string'],
  ['maintenanceWindow.time', 'string'],
  ['replicationMode', 'string'],
  ['connectionPooler?', 'string'],
  ['logsEnabled?', 'boolean'],
  ['metricsEnabled?', 'boolean'],
  ['backup', 'object'],
  ['backup.location', 'string'],
  ['backup.retentionDays?', 'number'],
];

/**
 * The parts of what the API listed that the planner reads without further checks (a hostile or broken server could
 * send anything JSON allows): every cluster has the properties the contract requires, of their JSON types (PROPERTY_KINDS),
 * and `metadata` whose texts are strings; every catalogue item has `properties`. Anything else is an ApiError naming the list and the item, never a
 * TypeError deep in the comparison. Values are not quoted (the server chose them). `checked`: clusters already found
 * well shaped (isWellShaped), skipped.
 */
export function checkLiveShape(
  region: Region,
  clusters: readonly ClusterRead[],
  versions: readonly PostgresVersionRead[],
  locations: readonly BackupLocationRead[],
  checked: (cluster: ClusterRead) => boolean = () => false,
): void {
  clusters.forEach((cluster, i) => {
    if (checked(cluster)) return;
    const problem = clusterProblem(cluster as unknown as Record<string, unknown>);
    if (problem !== undefined) throw shapeError(region, 'clusters', i, problem);
  });
  for (const [path, items] of [
    ['versions', versions],
    ['backup-locations', locations],
  ] as const) {
    const bad = items.findIndex((item) => !isRecord((item as unknown as Record<string, unknown>).properties));
    if (bad !== -1) throw shapeError(region, path, bad, '`properties` is not an object');
  }
}

/** Whether the catalogue lists have the shape checkLiveShape requires (every item has `properties`). */
export function isCatalogueWellShaped(
  versions: readonly PostgresVersionRead[],
  locations: readonly BackupLocationRead[],
): boolean {
  const ok = (item: object) => isRecord((item as Record<string, unknown>).properties);
  return versions.every(ok) && locations.every(ok);
}

/** Whether a listed cluster has the shape checkLiveShape requires. */
export function isWellShaped(cluster: ClusterRead): boolean {
  return clusterProblem(cluster as unknown as Record<string, unknown>) === undefined;
}

/** PROPERTY_KINDS split once: the check runs for every listed cluster (10,000s), so no split per cluster. */
const PROPERTY_CHECKS = PROPERTY_KINDS.map(([field, kind]) => {
  const optional = field.endsWith('?');
  const path = optional ? field.slice(0, -1) : field;
  return { path, keys: path.split('.'), optional, kind };
});

function clusterProblem(cluster: Record<string, unknown>): string | undefined {
  const { properties, metadata } = cluster;
  if (!isRecord(properties)) return '`properties` is not an object';
  for (const { path, keys, optional, kind } of PROPERTY_CHECKS) {
    const value = valueAt(properties, keys);
    if (value === undefined && optional) continue;
    if (!isKind(value, kind))
      return `\`properties.${path}\` is ${value === undefined ? 'missing' : `not ${kind === 'object' ? 'an' : 'a'} ${kind}`}`;
  }
  if (!isRecord(metadata)) return '`metadata` is not an object';
  const text = METADATA_TEXTS.find((key) => metadata[key] !== undefined && typeof metadata[key] !== 'string');
  return text === undefined ? undefined : `\`metadata.${text}\` is not a string`;
}

function shapeError(region: Region, path: string, index: number, problem: string): ApiError {
  return new ApiError(
    { method: 'GET', url: `${region} /${path}` },
    { status: 200, message: `item ${index + 1} of the list: ${problem}` },
    { hint: HINT },
  );
}

function valueAt(root: Record<string, unknown>, keys: readonly string[]): unknown {
  let node: unknown = root;
  for (let i = 0; i < keys.length && node !== undefined; i++) node = isRecord(node) ? node[keys[i]!] : undefined;
  return node;
}

function isKind(value: unknown, kind: Kind): boolean {
  if (kind === 'object') return isRecord(value);
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeof value === kind;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
