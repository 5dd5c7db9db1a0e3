/** Per-region tables in insertion order, so a page is a slice (O(page)) and nothing is deep-cloned per request. */
import { observeTimeline } from './lifecycle.js';
import type { StoredBackup, StoredCluster } from './types.js';

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
      const state = cluster === undefined ? 'GONE' : observeTimeline(cluster.timeline, now).state;
      if (state === 'GONE') {
        this.byId.delete(id);
        removed = true;
      }
      // A failCluster() during DESTROYING leaves the cluster FAILED: it stays, and stops being watched.
      if (state !== 'DESTROYING') this.destroying.delete(id);
    }
    if (removed) this.order = this.order.filter((c) => this.byId.get(c.id) === c);
  }
}

/** The backups of one region, in insertion order, indexed by id and by cluster. */
export class BackupTable {
  private readonly order: StoredBackup[] = [];
  private readonly byId = new Map<string, StoredBackup>();
  private readonly byCluster = new Map<string, StoredBackup>();

  add(backup: StoredBackup): void {
    this.order.push(backup);
    this.byId.set(backup.id, backup);
    this.byCluster.set(backup.clusterId, backup);
  }

  get(id: string): StoredBackup | undefined {
    return this.byId.get(id);
  }

  ofCluster(clusterId: string): StoredBackup | undefined {
    return this.byCluster.get(clusterId);
  }

  all(): readonly StoredBackup[] {
    return this.order;
  }
}
