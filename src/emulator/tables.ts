/** Per-region tables in insertion order, so a page is a slice (O(page)) and nothing is deep-cloned per request. */
import { observeCluster, observeTimeline } from './lifecycle.js';
import type { StoredCluster } from './types.js';

/** The clusters of one region. Clusters whose DESTROYING ended are purged lazily on access. */
export class ClusterTable {
  private order: StoredCluster[] = [];
  private readonly byId = new Map<string, StoredCluster>();
  /** Ids being destroyed: the only ones a purge needs to look at. */
  private readonly destroying = new Set<string>();

  get(id: string, now: number): StoredCluster | undefined {
    this.purge(now);
    return this.byId.get(id);
  }

  /** Every live cluster in insertion order; the array must not be mutated by callers. */
  all(now: number): readonly StoredCluster[] {
    this.purge(now);
    return this.order;
  }

  add(cluster: StoredCluster): void {
    this.byId.set(cluster.id, cluster);
    this.order.push(cluster);
    if (cluster.timeline.outcome === 'GONE') this.destroying.add(cluster.id);
  }

  markDestroying(id: string): void {
    this.destroying.add(id);
  }

  private purge(now: number): void {
    if (this.destroying.size === 0) return;
    let removed = false;
    for (const id of this.destroying) {
      const cluster = this.byId.get(id);
      const state = cluster === undefined ? 'GONE' : observeCluster(cluster, now).state;
      if (state === 'GONE') {
        this.byId.delete(id);
        removed = true;
      }
      // A failCluster() during DESTROYING leaves the cluster FAILED: it stays, and stops being watched.
      // A held cluster (holdCluster) is still being destroyed underneath: keep watching it.
      const underneath = cluster === undefined ? 'GONE' : observeTimeline(cluster.timeline, now).state;
      if (underneath !== 'DESTROYING' && underneath !== 'GONE') this.destroying.delete(id);
    }
    if (removed) this.order = this.order.filter((c) => this.byId.get(c.id) === c);
  }
}
