import type { ClusterRead, Region } from '../api/types.js';
import { describeLive } from './live.js';
import type { Change, Plan } from './types.js';

/** One way the world moved since the plan was made. */
export interface StaleChange {
  address: string;
  reason: string;
}

/**
 * Compares a saved plan with a fresh read of the same regions (product.md §3 "Stale plans"). Pure: returns what
 * moved, and a copy of the plan whose live states are the fresh ones (a busy cluster may have settled since).
 */
export function checkStaleness(
  plan: Plan,
  fresh: ReadonlyMap<Region, readonly ClusterRead[]>,
): { stale: StaleChange[]; refreshed: Plan } {
  const byId = new Map<string, ClusterRead>();
  const byAddress = new Map<string, ClusterRead>();
  for (const [region, clusters] of fresh) {
    for (const cluster of clusters) {
      byId.set(cluster.id, cluster);
      if (cluster.metadata.state !== 'DESTROYING') byAddress.set(`${region}/${cluster.properties.name}`, cluster);
    }
  }
  const stale: StaleChange[] = [];
  const changes = plan.changes.map((change) => {
    const reason = staleReason(change, byId, byAddress);
    if (reason) stale.push({ address: change.address, reason });
    return refreshLive(change, byId);
  });
  return { stale, refreshed: { ...plan, changes } };
}

function staleReason(
  change: Change,
  byId: Map<string, ClusterRead>,
  byAddress: Map<string, ClusterRead>,
): string | null {
  if (change.live === null) {
    if (change.action !== 'create') return null;
    if (byId.has(change.id)) return `cluster ${change.id} now exists (this plan was already applied?)`;
    const other = byAddress.get(change.address);
    return other ? `a cluster named ${change.name} was created since the plan (${other.id})` : null;
  }
  const cluster = change.id ? byId.get(change.id) : undefined;
  if (!cluster) return `cluster ${change.id} no longer exists`;
  const now = describeLive(cluster);
  if (now.lastModifiedDate !== change.live.lastModifiedDate) {
    return `modified at ${now.lastModifiedDate ?? '?'} by ${now.lastModifiedBy ?? 'unknown'} (the plan saw ${change.live.lastModifiedDate ?? '?'})`;
  }
  if (now.fingerprint !== change.live.fingerprint) return 'its properties changed since the plan';
  return null;
}

function refreshLive(change: Change, byId: Map<string, ClusterRead>): Change {
  if (change.live === null || !change.id) return change;
  const cluster = byId.get(change.id);
  if (!cluster) return change;
  return { ...change, live: describeLive(cluster) } as Change;
}
