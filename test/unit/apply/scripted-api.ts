import type { ClusterProperties, ClusterRead, Region } from '../../../src/api/types.js';
import type { ClusterApi } from '../../../src/apply/cluster-api.js';
import { ApiError } from '../../../src/errors.js';

/** A scripted in-memory ClusterApi (for the watcher): each cluster walks through `script` states, one per read. */
export class ScriptedClusterApi implements ClusterApi {
  readonly clusters = new Map<string, { read: ClusterRead; script: string[] }>();
  readonly calls: string[] = [];
  putScript: string[] = ['PROVISIONING', 'AVAILABLE'];
  failPutWith: ApiError | null = null;

  seed(read: ClusterRead, script: string[] = []): void {
    this.clusters.set(read.id, { read, script });
  }

  #advance(id: string): ClusterRead | null {
    const entry = this.clusters.get(id);
    if (!entry) return null;
    const next = entry.script.shift();
    if (next === 'GONE') {
      this.clusters.delete(id);
      return null;
    }
    if (next)
      entry.read = {
        ...entry.read,
        metadata: {
          ...entry.read.metadata,
          state: next as never,
          statusMessage: next === 'FAILED' ? 'disk full' : (undefined as never),
        },
      };
    return entry.read;
  }

  async listClusters(_region: Region): Promise<ClusterRead[]> {
    this.calls.push('LIST');
    return [...this.clusters.keys()].map((id) => this.#advance(id)).filter((c): c is ClusterRead => c !== null);
  }

  async getCluster(_region: Region, id: string): Promise<ClusterRead | null> {
    this.calls.push(`GET ${id}`);
    return this.#advance(id);
  }

  async putCluster(region: Region, id: string, properties: ClusterProperties): Promise<ClusterRead> {
    this.calls.push(`PUT ${id}`);
    if (this.failPutWith) {
      const error = this.failPutWith;
      this.failPutWith = null;
      throw error;
    }
    const read: ClusterRead = {
      id,
      type: 'cluster',
      href: `/${region}/clusters/${id}`,
      metadata: { state: 'UPDATING' },
      properties,
    };
    this.seed(read, [...this.putScript]);
    return read;
  }

  async deleteCluster(_region: Region, id: string): Promise<'deleted' | 'not-found'> {
    this.calls.push(`DELETE ${id}`);
    const entry = this.clusters.get(id);
    if (!entry) return 'not-found';
    entry.script = ['DESTROYING', 'GONE'];
    return 'deleted';
  }
}

export const busyError = () =>
  new ApiError({ method: 'PUT', url: '/x' }, { status: 409, errorCode: 'CLUSTER_BUSY', message: 'busy' });
