import type { LiveIndex } from '../compare/live-index.js';

/**
 * The id of generation `n` of an address (n = 0 first); injected by the shell (a name-based UUID), so every run on
 * every machine computes the same ids and concurrent creates meet on one cluster (product.md §3).
 */
export type IdForAddress = (address: string, generation: number) => string;

/** After this many generations something is wrong (ids are only skipped when another cluster holds them). */
export const MAX_GENERATIONS = 100;

/**
 * The id a new cluster of `address` gets: the first generation no live cluster holds. A cluster being destroyed
 * (DESTROYING) still holds its id for a replace (its old cluster is deleted first), but not for a plain create:
 * apply waits until it is gone and then takes the id, so two runs planning either side of the purge agree.
 * Undefined when every generation is held (the caller refuses the document).
 */
export function chooseNewId(
  address: string,
  index: LiveIndex,
  idFor: IdForAddress,
  options: { forReplace: boolean },
): string | undefined {
  for (let generation = 0; generation < MAX_GENERATIONS; generation++) {
    const id = idFor(address, generation);
    const holder = index.byId.get(id.toLowerCase());
    if (holder === undefined) return id;
    if (!options.forReplace && holder.cluster.metadata.state === 'DESTROYING') return id;
  }
  return undefined;
}
