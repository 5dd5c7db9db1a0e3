import type { StringCache } from '../model/string-cache.js';
import type { ClusterMetadata, ClusterRead } from './types.js';

/** Strings to share across a listing: thousands of clusters hold one "eu-central-3", one "AVAILABLE". */
export type StringShare = StringCache;

/** The metadata a plan, drift and apply's waits read; the rest of a listed cluster's metadata is dropped. */
const KEPT_METADATA = ['state', 'statusMessage', 'lastModifiedDate', 'lastModifiedBy'] as const;

/**
 * A listed cluster as a planner keeps it, made as its page arrives so the page itself is garbage at once (a 50,000
 * cluster fleet is 50 MB of JSON): id, type, href and properties as sent (their strings shared), and of the metadata
 * only what KEPT_METADATA names. A cluster whose metadata or properties are not objects is kept whole (it is not
 * ours to judge here). The item is not copied where it need not be: its properties object is reused.
 */
export function slimCluster(item: ClusterRead, share: StringShare): ClusterRead {
  const { metadata, properties } = item;
  if (!isRecord(metadata) || !isRecord(properties)) return item;
  const kept: ClusterMetadata = {};
  for (const key of KEPT_METADATA) {
    const value = metadata[key];
    if (value !== undefined) (kept as Record<string, unknown>)[key] = shareValue(value, share);
  }
  shareStrings(properties, share, 0);
  return { id: item.id, type: shareValue(item.type, share) as string, href: item.href, metadata: kept, properties };
}

/** Replaces the string values of a parsed object (and of its objects, two levels deep) by shared instances. */
function shareStrings(value: Record<string, unknown>, share: StringShare, depth: number): void {
  for (const key in value) {
    const child = value[key];
    if (typeof child === 'string') value[key] = shareValue(child, share);
    else if (depth < 2 && isRecord(child)) shareStrings(child, share, depth + 1);
  }
}

function shareValue(value: unknown, share: StringShare): unknown {
  return typeof value === 'string' ? share.share(value) : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
