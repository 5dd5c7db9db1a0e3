import type { ClusterProperties, ClusterRead, Region } from '../api/types.js';

/** The part of the v2 client apply needs (the real one is src/api; tests may pass a fake). */
export interface ClusterApi {
  listClusters(
    region: Region,
    opts?: { signal?: AbortSignal; nameContains?: string | undefined },
  ): Promise<ClusterRead[]>;
  getCluster(region: Region, id: string, opts?: { signal?: AbortSignal }): Promise<ClusterRead | null>;
  putCluster(
    region: Region,
    id: string,
    properties: ClusterProperties,
    opts?: { signal?: AbortSignal },
  ): Promise<ClusterRead>;
  /** POST /clusters: the server picks the id; never retried blindly. Optional: a client without it cannot fall back. */
  postCluster?(region: Region, properties: ClusterProperties, opts?: { signal?: AbortSignal }): Promise<ClusterRead>;
  deleteCluster(region: Region, id: string, opts?: { signal?: AbortSignal }): Promise<'deleted' | 'not-found'>;
}
