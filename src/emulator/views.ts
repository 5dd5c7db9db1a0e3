/** Wire views of stored data: ClusterRead, catalogue reads, backups, and paged list envelopes. */
import type {
  BackupLocationRead,
  BackupRead,
  ClusterRead,
  ClusterState,
  PostgresVersionRead,
  ReadList,
  Region,
} from '../api/types.js';
import type { RecoveryWindow } from './backups.js';
import type { CatalogLocation, CatalogVersion } from './catalog.js';
import type { Observation } from './lifecycle.js';
import { deriveUuid } from './random.js';
import type { StoredBackup, StoredCluster } from './types.js';

/** offset/limit of a list request: `limit` items are served, `echoedLimit` is what the envelope says. */
export interface Page {
  offset: number;
  limit: number;
  echoedLimit: number;
}

const userIds = new Map<string, string>();

/** A stable user id per identity name (cached: lists call this twice per item). */
function userIdOf(name: string): string {
  let id = userIds.get(name);
  if (id === undefined) {
    id = deriveUuid(`user:${name}`);
    userIds.set(name, id);
  }
  return id;
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The ClusterRead of a stored cluster. `properties` is shared, not copied: the HTTP layer serialises it at once,
 * and programmatic callers get a structuredClone. Credentials are stored apart, so they cannot leak here.
 */
export function viewCluster(cluster: StoredCluster, seen: Observation, regionUrl: string): ClusterRead {
  const metadata: ClusterRead['metadata'] = {
    createdDate: isoOf(cluster.createdAt),
    createdBy: cluster.createdBy,
    createdByUserId: userIdOf(cluster.createdBy),
    lastModifiedDate: isoOf(cluster.lastModifiedAt),
    lastModifiedBy: cluster.lastModifiedBy,
    lastModifiedByUserId: userIdOf(cluster.lastModifiedBy),
    resourceURN: `ionos:dbaas:psql:${cluster.region}:cluster:${cluster.id}`,
    // GONE is never shown: the table purges such clusters before anyone can see them. A held state may be any
    // string (e.g. MAINTENANCE): on the wire the state is a string, whatever the SDK's enum says.
    state: (seen.state === 'GONE' ? 'DESTROYING' : seen.state) as ClusterState,
  };
  if (seen.statusMessage !== undefined) metadata.statusMessage = seen.statusMessage;
  metadata.dnsName = cluster.dnsName;
  return {
    id: cluster.id,
    type: 'cluster',
    href: `${regionUrl}/clusters/${cluster.id}`,
    metadata,
    properties: cluster.properties,
  };
}

/** The PostgresVersionRead of a catalogue version. */
export function viewVersion(v: CatalogVersion, regionUrl: string): PostgresVersionRead {
  return {
    id: v.id,
    type: 'version',
    href: `${regionUrl}/versions/${v.id}`,
    metadata: {},
    properties: { version: v.version, status: v.status, comment: v.comment, canUpgradeTo: [...v.canUpgradeTo] },
  };
}

/** The BackupLocationRead of a catalogue location. */
export function viewLocation(l: CatalogLocation, regionUrl: string): BackupLocationRead {
  return {
    id: l.id,
    type: 'backupLocation',
    href: `${regionUrl}/backup-locations/${l.id}`,
    metadata: {},
    properties: { location: l.location },
  };
}

/** The BackupRead of a backup record, with its recovery window now. */
export function viewBackup(b: StoredBackup, regionUrl: string, window: RecoveryWindow): BackupRead {
  return {
    id: b.id,
    type: 'backup',
    href: `${regionUrl}/backups/${b.id}`,
    metadata: { createdDate: isoOf(b.createdAt) },
    properties: {
      clusterId: b.clusterId,
      postgresClusterVersion: b.version,
      isActive: b.isActive,
      earliestRecoveryTargetTime: isoOf(window.earliest),
      latestRecoveryTargetTime: window.latest === null ? null : isoOf(window.latest),
      location: b.location,
    },
  };
}

function linkTo(href: string, page: { offset: number; limit: number }, filters: Record<string, string>): string {
  const query = new URLSearchParams({ offset: String(page.offset), limit: String(page.limit), ...filters });
  return `${href}?${query.toString()}`;
}

/**
 * A list envelope. `_links.next` is ALWAYS present, even past the last page: this emulates the known server bug
 * (contract §2.12), so clients must stop on a short page.
 */
export function viewList<T>(
  listId: string,
  href: string,
  items: T[],
  page: Page,
  filters: Record<string, string>,
): ReadList<T> {
  // Links step by the served page size, but carry the echoed limit (with silentCap: the asked one) [choice].
  const limit = page.echoedLimit;
  const links: ReadList<T>['_links'] = { self: linkTo(href, { offset: page.offset, limit }, filters) };
  if (page.offset > 0) links.prev = linkTo(href, { offset: Math.max(0, page.offset - page.limit), limit }, filters);
  links.next = linkTo(href, { offset: page.offset + page.limit, limit }, filters);
  return { id: listId, type: 'collection', href, items, offset: page.offset, limit, _links: links };
}

/** The region part of an href: `${url}/${region}`. */
export function regionUrlOf(url: string, region: Region): string {
  return `${url}/${region}`;
}
