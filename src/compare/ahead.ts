import type { ClusterRead, Region } from '../api/types.js';
import type { DesiredCluster } from '../desired/types.js';
import { diffFields } from './fields.js';
import { readLive } from './readable.js';
import type { Binding, Comparison } from './types.js';

/**
 * Comparisons made ahead, while a plan's later pages are still in flight (issue 13): each listed cluster is compared
 * with the documents that could bind it (the one pinning its id, and the one without an id that has its name), so
 * once the list is complete only the binding is left to do. compareFleet takes a comparison from here only when its own binding binds the same document to the
 * same cluster, so a guess that does not hold (two clusters of one name, a pinned id elsewhere) costs time, never a
 * different plan. Pure: no clock, no I/O; what to compare comes in as arguments.
 */
export class ComparisonsAhead {
  readonly #byId = new Map<string, DesiredCluster>();
  readonly #byAddress = new Map<string, DesiredCluster>();
  readonly #made = new Map<DesiredCluster, Comparison>();

  constructor(desired: readonly DesiredCluster[]) {
    for (const doc of desired) {
      if (doc.id !== undefined) this.#byId.set(doc.id.toLowerCase(), doc);
      else this.#byAddress.set(doc.address, doc);
    }
  }

  /**
   * Compares a listed cluster of `region` with the documents that would bind it: by its id, and by its name. `made`
   * is told each comparison made.
   */
  compare(region: Region, cluster: ClusterRead, made?: (comparison: Comparison) => void): void {
    if (cluster.metadata.state === 'DESTROYING') return; // binds no document (see bindDocument)
    this.#compareWith(this.#byId.get(cluster.id.toLowerCase()), region, cluster, made);
    this.#compareWith(this.#byAddress.get(`${region}/${cluster.properties.name}`), region, cluster, made);
  }

  #compareWith(
    doc: DesiredCluster | undefined,
    region: Region,
    cluster: ClusterRead,
    made: ((comparison: Comparison) => void) | undefined,
  ): void {
    if (doc === undefined || doc.region !== region) return;
    const comparison = compareBound(doc, { kind: 'bound', cluster });
    this.#made.set(doc, comparison);
    made?.(comparison);
  }

  /** The comparison made ahead of `doc` with `cluster`, if it is that one. */
  take(doc: DesiredCluster, cluster: ClusterRead): Comparison | undefined {
    const made = this.#made.get(doc);
    return made?.binding.kind === 'bound' && made.binding.cluster === cluster ? made : undefined;
  }
}

/** A document bound to its live cluster: the cluster's readable properties and every readable difference. */
export function compareBound(doc: DesiredCluster, binding: Binding & { kind: 'bound' }): Comparison {
  const { readable, kept } = readLive(binding.cluster);
  const fields = doc.policy.ensure === 'present' ? diffFields(doc, readable) : [];
  return { doc, binding, live: readable, kept, fields };
}
