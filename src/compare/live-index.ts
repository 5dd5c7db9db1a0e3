import type { ClusterRead, Region } from '../api/types.js';

/** Live clusters indexed once, so binding N documents is O(N). */
export interface LiveIndex {
  /** By lower-cased id (UUIDs compare case-insensitively). */
  byId: Map<string, { region: Region; cluster: ClusterRead }>;
  /** By address `REGION/NAME`; clusters being destroyed are left out (their name is free again). */
  byName: Map<string, ClusterRead[]>;
}

export function indexLive(live: ReadonlyMap<Region, readonly ClusterRead[]>): LiveIndex {
  const builder = new LiveIndexBuilder();
  for (const [region, clusters] of live) builder.addPage(region, clusters);
  return builder.index;
}

/**
 * Told of each cluster a page adds to the index: its id in lower case, and the byName list it joined with that
 * list's address (both undefined: it is being destroyed).
 */
export type OnIndexed = (
  cluster: ClusterRead,
  id: string,
  named: readonly ClusterRead[] | undefined,
  address: string | undefined,
) => void;

/**
 * A LiveIndex made a page at a time, as a plan's pages arrive (the work ahead), so that once the lists are complete
 * only what was not indexed yet is left. Pure. `finish` gives exactly indexLive's index of the complete lists, or
 * says it cannot (then the caller indexes them afresh).
 */
export class LiveIndexBuilder {
  readonly index: LiveIndex = { byId: new Map(), byName: new Map() };
  /** The pages added, per region, in the order added. */
  readonly #pages = new Map<Region, (readonly ClusterRead[])[]>();
  /** An id was added twice: indexLive keeps the last in region order, which the order of arrival need not be. */
  #repeatedId = false;
  /** A page is being added, or its adding was cut short (by a throw from onIndexed): its rest is not indexed. */
  #adding = false;

  /** Adds the next page of `region`'s list (pages of a region in list order; regions in any order). */
  addPage(region: Region, clusters: readonly ClusterRead[], onIndexed?: OnIndexed): void {
    if (this.#adding) return; // an earlier page was cut short: finish will decline
    this.#adding = true;
    const pages = this.#pages.get(region);
    if (pages === undefined) this.#pages.set(region, [clusters]);
    else pages.push(clusters);
    const { byId, byName } = this.index;
    for (const cluster of clusters) {
      const indexed = byId.size;
      const id = cluster.id.toLowerCase();
      byId.set(id, { region, cluster });
      if (byId.size === indexed) this.#repeatedId = true; // the id was there: replaced, as indexLive's last wins
      // A cluster being destroyed is on its way out: a document with its name means a new cluster, not this one.
      let named: ClusterRead[] | undefined;
      let key: string | undefined;
      if (cluster.metadata.state !== 'DESTROYING') {
        key = `${region}/${cluster.properties.name}`;
        named = byName.get(key);
        if (named) named.push(cluster);
        else {
          named = [cluster];
          byName.set(key, named);
        }
      }
      onIndexed?.(cluster, id, named, key);
    }
    this.#adding = false;
  }

  /**
   * The index of `live` (the complete lists), by adding what is missing: undefined unless every page was added
   * whole, the pages added are, per region, the start of its list (the very same objects, in the same order), and no
   * id was added twice.
   */
  finish(live: ReadonlyMap<Region, readonly ClusterRead[]>): LiveIndex | undefined {
    if (this.#adding) return undefined;
    for (const region of this.#pages.keys()) if (!live.has(region)) return undefined;
    for (const [region, clusters] of live) {
      const added = countAddedPrefix(this.#pages.get(region) ?? [], clusters);
      if (added === undefined) return undefined;
      if (added < clusters.length) this.addPage(region, clusters.slice(added));
    }
    return this.#repeatedId ? undefined : this.index;
  }
}

/** How many of `clusters` the pages are, when they are its start; undefined when they are not. */
function countAddedPrefix(
  pages: readonly (readonly ClusterRead[])[],
  clusters: readonly ClusterRead[],
): number | undefined {
  let i = 0;
  for (const page of pages) {
    for (const cluster of page) {
      if (clusters[i] !== cluster) return undefined;
      i++;
    }
  }
  return i;
}
