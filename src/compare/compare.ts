import type { ClusterRead, Region } from '../api/types.js';
import type { DesiredCluster } from '../desired/types.js';
import { type ComparisonsAhead, compareBound } from './ahead.js';
import { bindDocument, bindTwice } from './bind.js';
import { indexLive, type LiveIndex } from './live-index.js';
import type { Comparison, UnmanagedCluster } from './types.js';
import { findUnmanaged } from './unmanaged.js';

/** Every document against the live state, and the live clusters no document binds to. */
export interface FleetComparison {
  comparisons: Comparison[];
  /** Live clusters of the scanned regions that no document names (empty unless asked for). */
  unmanaged: UnmanagedCluster[];
  /** The live clusters by id and by address, for callers that look up more (free ids, names taken). */
  index: LiveIndex;
}

/**
 * Binds each document once (two documents may not bind one cluster) and lists each bound cluster's readable
 * differences with their impact. Pure; plan, drift and status all start here. `ahead`: the index and the comparisons
 * made while the pages arrived (ComparisonsAhead), each comparison used only where this binding is the same.
 */
export function compareFleet(
  desired: readonly DesiredCluster[],
  live: ReadonlyMap<Region, readonly ClusterRead[]>,
  options: { listUnmanaged: boolean },
  ahead?: ComparisonsAhead,
): FleetComparison {
  const index = ahead?.indexFor(live) ?? indexLive(live);
  const boundBy = new Map<string, DesiredCluster>();
  const comparisons: Comparison[] = [];
  for (let position = 0; position < desired.length; position++) {
    const doc = desired[position]!;
    const settled = ahead?.settled(doc, position);
    let binding = settled?.binding ?? bindDocument(doc, index);
    if (binding.kind === 'bound') {
      const other = boundBy.get(binding.cluster.id);
      if (other) binding = bindTwice(doc, binding.cluster.id, other);
      else boundBy.set(binding.cluster.id, doc);
    }
    if (binding.kind !== 'bound') {
      comparisons.push({ doc, binding, live: null, kept: [], fields: [] });
      continue;
    }
    comparisons.push(settled ?? ahead?.take(doc, binding.cluster, position) ?? compareBound(doc, binding));
  }
  const unmanaged = options.listUnmanaged ? findUnmanaged(live, boundBy) : [];
  return { comparisons, unmanaged, index };
}
