import type { ClusterRead, Region } from '../api/types.js';
import { compareText } from '../model/order.js';
import type { UnmanagedCluster } from './types.js';

/** Live clusters of the scanned regions that no document binds to (keyed by live id), sorted by address then id. */
export function findUnmanaged(
  live: ReadonlyMap<Region, readonly ClusterRead[]>,
  bound: ReadonlyMap<string, unknown>,
): UnmanagedCluster[] {
  const result: UnmanagedCluster[] = [];
  // Every id bound is a listed cluster's: as many as are listed means none is left (a fleet all in files).
  let listed = 0;
  for (const clusters of live.values()) listed += clusters.length;
  if (bound.size === listed) return result;
  for (const [region, clusters] of live) {
    for (const cluster of clusters) {
      if (bound.has(cluster.id)) continue;
      result.push({
        address: `${region}/${cluster.properties.name}`,
        region,
        name: cluster.properties.name,
        id: cluster.id,
        state: cluster.metadata.state ?? null,
        lastModifiedBy: cluster.metadata.lastModifiedBy ?? null,
        lastModifiedDate: cluster.metadata.lastModifiedDate ?? null,
      });
    }
  }
  return result.sort((a, b) => compareText(a.address, b.address) || compareText(a.id, b.id));
}
