/**
 * The scratch cluster: its name (the only thing the suite ever deletes by), its spec file, and the clean-up that
 * deletes it (or leftovers of earlier interrupted runs) through the API.
 */
import { type Answer, describeAnswer, itemsOf, type RawApi } from './api.js';

export const SCRATCH_PREFIX = 'pgensure-live-';
/** `pgensure-live-<UTC yyyymmddhhmmss>-<4 hex>`: nothing else matches, so nothing else is ever deleted. */
const SCRATCH_NAME = /^pgensure-live-\d{14}-[0-9a-f]{4}$/;

/** A fresh scratch name for a run started at `now`. */
export function scratchName(now: Date, random4hex: string): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${SCRATCH_PREFIX}${stamp}-${random4hex}`;
}

/** Whether `name` is a scratch cluster's: the exact shape, not just the prefix. */
export function isScratchName(name: unknown): name is string {
  return typeof name === 'string' && SCRATCH_NAME.test(name);
}

/** The scratch cluster's spec, as pgensure reads it. */
export interface ScratchSpec {
  name: string;
  region: string;
  description: string;
  version: string;
  datacenterId: string;
  lanId: string;
  cidr: string;
  backupLocation: string;
  retentionDays: number;
  absent?: boolean;
}

/** The env var the spec takes the password from; the suite sets it for the CLI only. */
export const PASSWORD_ENV = 'PGENSURE_LIVE_PASSWORD';

/** The YAML document for `pgensure plan/apply`: the smallest cluster the API allows. */
export function renderSpec(spec: ScratchSpec): string {
  return `apiVersion: pgensure/v1
kind: PostgresCluster
metadata:
  name: ${spec.name}
  region: ${spec.region}
spec:
  description: ${JSON.stringify(spec.description)}
  version: ${JSON.stringify(spec.version)}
  instances: { count: 1, cores: 1, ram: 4, storageSize: 10 }
  connection:
    datacenterId: ${spec.datacenterId}
    lanId: ${JSON.stringify(spec.lanId)}
    primaryInstanceAddress: ${spec.cidr}
  backup: { location: ${spec.backupLocation}, retentionDays: ${spec.retentionDays} }
  credentials:
    username: pgensure_live
    database: pgensure_live
    password: { fromEnv: ${PASSWORD_ENV} }
${spec.absent ? 'policy: { ensure: absent }\n' : ''}`;
}

/** A cluster as listed: id, name and state. */
export interface ListedCluster {
  id: string;
  name: string;
  state: string;
  raw: Record<string, unknown>;
}

/**
 * Clusters of the region that `keep` accepts. With `filter`, the server narrows by `filter.name` (the watcher's
 * frequent look); without it, every cluster is read, so the clean-up does not depend on how the server implements
 * the filter. Pages until an EMPTY page, not a short one, so a server that caps pages silently cannot hide any.
 */
export async function listClusters(
  api: RawApi,
  filter: string | undefined,
  keep: (name: string) => boolean,
): Promise<ListedCluster[]> {
  const found: ListedCluster[] = [];
  const seen = new Set<string>();
  const query = filter === undefined ? '' : `filter.name=${encodeURIComponent(filter)}&`;
  for (let offset = 0, page = 0; page < 1000; page++) {
    const items = itemsOf(await api.read(`/clusters?${query}offset=${offset}&limit=100`));
    const fresh = items.map(toListed).filter((c): c is ListedCluster => c !== undefined && !seen.has(c.id));
    if (fresh.length === 0) break; // the end, or a server that ignores offset
    for (const cluster of fresh) {
      seen.add(cluster.id);
      if (keep(cluster.name)) found.push(cluster);
    }
    offset += items.length;
  }
  return found;
}

/** id, name and state of a ClusterRead. */
export function toListed(item: Record<string, unknown>): ListedCluster | undefined {
  const properties = item.properties as { name?: unknown } | undefined;
  const metadata = item.metadata as { state?: unknown } | undefined;
  if (typeof item.id !== 'string' || typeof properties?.name !== 'string') return undefined;
  return { id: item.id, name: properties.name, state: String(metadata?.state ?? ''), raw: item };
}

/** What a clean-up did. */
export interface CleanupResult {
  deleted: string[];
  alreadyGoing: string[];
  failed: string[];
}

/**
 * Sends a DELETE to every cluster `keep` accepts (by exact name), waiting out 409 (busy) until `deadline`. It does
 * not wait for them to be gone: an accepted DELETE is enough to stop the bill.
 */
export async function deleteClusters(
  api: RawApi,
  keep: (name: string) => boolean,
  options: { deadline: number; pollMs: number; log: (line: string) => void },
): Promise<CleanupResult> {
  const result: CleanupResult = { deleted: [], alreadyGoing: [], failed: [] };
  const done = new Set<string>();
  for (;;) {
    const pending = (await listClusters(api, undefined, keep)).filter((c) => !done.has(c.id));
    for (const cluster of pending) {
      const outcome = await deleteOne(api, cluster);
      if (outcome === 'busy') continue;
      done.add(cluster.id);
      if (outcome === 'deleted') result.deleted.push(cluster.name);
      else if (outcome === 'going') result.alreadyGoing.push(cluster.name);
      else {
        result.failed.push(cluster.name);
        options.log(`could not delete ${cluster.name} (${cluster.id}): ${outcome}`);
      }
    }
    const busy = pending.filter((c) => !done.has(c.id));
    if (busy.length === 0) return result;
    if (Date.now() > options.deadline) {
      result.failed.push(...busy.map((c) => c.name));
      return result;
    }
    options.log(`waiting for ${busy.map((c) => `${c.name} (${c.state})`).join(', ')} to accept a DELETE`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}

async function deleteOne(api: RawApi, cluster: ListedCluster): Promise<'deleted' | 'going' | 'busy' | string> {
  if (cluster.state === 'DESTROYING') return 'going';
  const answer: Answer = await api.call('DELETE', `/clusters/${cluster.id}`, { tolerateNetworkError: true });
  if (answer.status >= 200 && answer.status < 300) return 'deleted';
  if (answer.status === 404) return 'going';
  if (answer.status === 409 || answer.status === 0 || answer.status >= 500) return 'busy';
  return describeAnswer(answer);
}
