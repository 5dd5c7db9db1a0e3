import type { ClusterRead } from '../api/types.js';
import { readLive } from '../compare/readable.js';
import type { KeptField, LiveProperties } from '../compare/types.js';
import { fingerprintOf } from './fingerprint.js';
import type { LiveInfo } from './types.js';

/**
 * What the plan records about a live cluster, so apply can tell whether it moved since: who changed it last and
 * when, its state, and a hash of everything readable (kept fields included: they are sent back unchanged).
 */
export function describeLive(cluster: ClusterRead, readable: LiveProperties, kept: readonly KeptField[]): LiveInfo {
  const content = kept.length === 0 ? readable : { readable, kept };
  const info: LiveInfo = {
    lastModifiedDate: cluster.metadata.lastModifiedDate ?? null,
    lastModifiedBy: cluster.metadata.lastModifiedBy ?? null,
    state: cluster.metadata.state ?? null,
    fingerprint: fingerprintOf(content),
  };
  if (cluster.metadata.statusMessage) info.statusMessage = cluster.metadata.statusMessage;
  return info;
}

/** describeLive for a cluster read afresh (its readable part and kept fields worked out here). */
export function describeCluster(cluster: ClusterRead): LiveInfo {
  const { readable, kept } = readLive(cluster);
  return describeLive(cluster, readable, kept);
}
