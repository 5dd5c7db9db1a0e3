import type { ClusterRead, Region } from '../api/types.js';
import type { DesiredCluster } from '../desired/types.js';
import { diffFields } from './fields.js';
import { type LiveIndex, LiveIndexBuilder } from './live-index.js';
import { readLive } from './readable.js';
import type { Binding, Comparison } from './types.js';

/** A comparison made ahead, and what says whether its binding is the one the complete lists give. */
interface MadeAhead {
  comparison: Comparison;
  /** The cluster it is bound to. */
  cluster: ClusterRead;
  /** The clusters listed under the document's address (a document without metadata.id); grows as pages come. */
  named: readonly ClusterRead[] | undefined;
}

/**
 * Work made ahead, while a plan's later pages are still in flight (issue 13): each page is indexed (LiveIndexBuilder)
 * and each listed cluster compared with the documents that could bind it (the one pinning its id, and the one
 * without an id that has its name), so once the lists are complete little is left to do. compareFleet uses a
 * comparison from here only where its binding is the one the complete lists give (`settled`, else `take` after
 * binding again), so a guess that does not hold (two clusters of one name, a pinned id elsewhere) costs time, never
 * a different plan. Pure: no clock, no I/O; what to compare comes in as arguments.
 */
export class ComparisonsAhead {
  /** The documents, by position: compareFleet passes each document's position in the same array. */
  readonly #docs: readonly DesiredCluster[];
  readonly #byId = new Map<string, number>();
  readonly #byAddress = new Map<string, number>();
  /** By the document's position: an array read in order, where a Map keyed by 50,000 documents costs ~20 ms. */
  readonly #made: (MadeAhead | undefined)[];
  /** Positions by document, made only for a caller that does not pass them. */
  #positions: Map<DesiredCluster, number> | undefined;
  readonly #index = new LiveIndexBuilder();
  /** Whether the index compareFleet binds with is the one made here (indexFor), so `settled` may answer. */
  #indexUsed = false;

  constructor(desired: readonly DesiredCluster[]) {
    this.#docs = desired;
    this.#made = new Array<MadeAhead | undefined>(desired.length);
    desired.forEach((doc, position) => {
      if (doc.id !== undefined) this.#byId.set(doc.id.toLowerCase(), position);
      else this.#byAddress.set(doc.address, position);
    });
  }

  /**
   * Indexes the next page of `region`'s list and compares each of its clusters with the documents that would bind
   * it: by its id, and by its name. Every cluster must be well shaped (checkLiveShape). `made` is told each
   * comparison made, with its document's position.
   */
  addPage(
    region: Region,
    clusters: readonly ClusterRead[],
    made?: (comparison: Comparison, position: number) => void,
  ): void {
    this.#index.addPage(region, clusters, (cluster, id, named, address) => {
      if (named === undefined || address === undefined) return; // being destroyed: binds no document (bindDocument)
      this.#compareWith(this.#byId.get(id), region, cluster, undefined, made);
      this.#compareWith(this.#byAddress.get(address), region, cluster, named, made);
    });
  }

  #compareWith(
    position: number | undefined,
    region: Region,
    cluster: ClusterRead,
    named: readonly ClusterRead[] | undefined,
    made: ((comparison: Comparison, position: number) => void) | undefined,
  ): void {
    if (position === undefined) return;
    const doc = this.#docs[position]!;
    if (doc.region !== region) return;
    const comparison = compareBound(doc, { kind: 'bound', cluster });
    this.#made[position] = { comparison, cluster, named };
    made?.(comparison, position);
  }

  /**
   * The index of the complete lists (what indexLive(live) gives), made of the pages indexed here and what they
   * lack; undefined when the pages are not the lists' start (then `settled` answers nothing).
   */
  indexFor(live: ReadonlyMap<Region, readonly ClusterRead[]>): LiveIndex | undefined {
    const index = this.#index.finish(live);
    this.#indexUsed = index !== undefined;
    return index;
  }

  /**
   * The comparison made ahead of `doc`, when bindDocument on indexFor's index binds it to that very cluster: the
   * only cluster listed under its address, or the cluster its metadata.id names (ids are unique, else indexFor
   * declined; the region and the state were checked when it was compared). `position`: the document's place in
   * the documents this was made with, when the caller knows it.
   */
  settled(doc: DesiredCluster, position?: number): Comparison | undefined {
    if (!this.#indexUsed) return undefined;
    const made = this.#madeFor(doc, position);
    if (made === undefined) return undefined;
    const { comparison, cluster, named } = made;
    if (named === undefined) return comparison;
    return named.length === 1 && named[0] === cluster ? comparison : undefined;
  }

  /** The comparison made ahead of `doc` with `cluster`, if it is that one. */
  take(doc: DesiredCluster, cluster: ClusterRead, position?: number): Comparison | undefined {
    const made = this.#madeFor(doc, position);
    return made?.cluster === cluster ? made.comparison : undefined;
  }

  #madeFor(doc: DesiredCluster, position: number | undefined): MadeAhead | undefined {
    if (position !== undefined && this.#docs[position] === doc) return this.#made[position];
    this.#positions ??= new Map(this.#docs.map((d, i) => [d, i]));
    const at = this.#positions.get(doc);
    return at === undefined ? undefined : this.#made[at];
  }
}

/** A document bound to its live cluster: the cluster's readable properties and every readable difference. */
export function compareBound(doc: DesiredCluster, binding: Binding & { kind: 'bound' }): Comparison {
  const { readable, kept } = readLive(binding.cluster);
  const fields = doc.policy.ensure === 'present' ? diffFields(doc, readable) : [];
  return { doc, binding, live: readable, kept, fields };
}
