import type { ClusterRead, Region } from '../api/types.js';

/** Live clusters indexed once, so binding N documents is O(N). */
export interface LiveIndex {
  /** By lower-cased id (UUIDs compare case-insensitively). */
  byId: Map<string, { region: Region; cluster: ClusterRead }>;
  /** By address `REGION/NAME`; clusters being destroyed are left out (their name is free again). */
  byName: Map<string, ClusterRead[]>;
}

export function indexLive(live: ReadonlyMap<Region, readonly ClusterRead[]>): LiveIndex {
  const byId = new Map<string, { region: Region; cluster: ClusterRead }>();
  const byName = new Map<string, ClusterRead[]>();
  for (const [region, clusters] of live) {
    for (const cluster of clusters) {
      byId.set(cluster.id.toLowerCase(), { region, cluster });
      // A cluster being destroyed is on its way out: a document with its name means a new cluster, not this one.
      if (cluster.metadata.state === 'DESTROYING') continue;
      const key = `${region}/${cluster.properties.name}`;
      const list = byName.get(key);
      if (list) list.push(cluster);
      else byName.set(key, [cluster]);
    }
  }
  return { byId, byName };
}
