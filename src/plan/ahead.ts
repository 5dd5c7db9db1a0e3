import type { BackupRead, ClusterRead, Region } from '../api/types.js';
import type { LiveIndex } from '../compare/live-index.js';
import type { Comparison } from '../compare/types.js';
import { type DecideContext, type Decision, decideDocument } from './assemble.js';
import type { RegionCatalog } from './types.js';

/**
 * Decisions made ahead, while a plan's later pages are still in flight (issue 13): the change of a bound document,
 * decided from its comparison made ahead (ComparisonsAhead) and its region's catalogue, with the same function the
 * planner uses. What the whole live state alone can answer (a free id for a replace, the backups of a restore, the
 * clock) is not available here, and a decision that asks for it throws and is left to the planner. assemblePlan takes
 * a decision from here only for the very comparison it was made from, with the same catalogue and the same
 * --rotate-credentials set. Pure: no clock, no I/O.
 */
export class DecisionsAhead {
  readonly #rotateCredentials: ReadonlySet<string>;
  /** By the document's position (ComparisonsAhead's): read in order by assemblePlan, where a Map costs ~20 ms. */
  readonly #made: (MadeAhead | undefined)[] = [];
  /** The same by comparison, made only for a caller of `take` that passes no position. */
  #byComparison: Map<Comparison, MadeAhead> | undefined;
  /** One context per catalogue, not per decision. */
  readonly #contexts = new Map<RegionCatalog, DecideContext>();

  constructor(rotateCredentials: ReadonlySet<string>) {
    this.#rotateCredentials = rotateCredentials;
  }

  /**
   * Decides a comparison of `region`, if the catalogue alone can decide it. `position`: its document's position in
   * ComparisonsAhead's documents (what it tells), so `take` finds it without a lookup by comparison.
   */
  decide(comparison: Comparison, region: Region, catalog: RegionCatalog, position: number): void {
    if (comparison.binding.kind !== 'bound' || comparison.doc.region !== region) return;
    try {
      let ctx = this.#contexts.get(catalog);
      if (ctx === undefined) {
        ctx = contextFor(region, catalog, this.#rotateCredentials);
        this.#contexts.set(catalog, ctx);
      }
      const decision = decideDocument(comparison, ctx);
      this.#made[position] = { comparison, catalog, decision };
      this.#byComparison = undefined;
    } catch (error) {
      if (!(error instanceof NotAheadError)) throw error;
    }
  }

  /**
   * The decision made ahead for this comparison in this context, if there is one. `position`: its document's
   * position, when the caller knows it (assemblePlan: the comparison's own, as compareFleet keeps the order).
   */
  take(comparison: Comparison, ctx: DecideContext, position?: number): Decision | undefined {
    const made = this.#madeFor(comparison, position);
    if (made === undefined || ctx.rotateCredentials !== this.#rotateCredentials) return undefined;
    return made.catalog === ctx.catalogs.get(comparison.doc.region) ? made.decision : undefined;
  }

  #madeFor(comparison: Comparison, position: number | undefined): MadeAhead | undefined {
    if (position !== undefined) {
      // A decision is kept where decide was told: a caller in another order finds none here, and decides afresh.
      const at = this.#made[position];
      return at?.comparison === comparison ? at : undefined;
    }
    this.#byComparison ??= new Map(this.#made.flatMap((made) => (made ? [[made.comparison, made] as const] : [])));
    return this.#byComparison.get(comparison);
  }
}

/** A decision made ahead, and what it was made from. */
interface MadeAhead {
  comparison: Comparison;
  catalog: RegionCatalog;
  decision: Decision;
}

/** Thrown where a decision asks for what only the whole live state can answer. */
class NotAheadError extends Error {}

/** A map that cannot be read yet. */
class NotYet<K, V> extends Map<K, V> {
  override get(_key: K): V | undefined {
    throw new NotAheadError('not available ahead');
  }
  override has(_key: K): boolean {
    throw new NotAheadError('not available ahead');
  }
}

function contextFor(region: Region, catalog: RegionCatalog, rotateCredentials: ReadonlySet<string>): DecideContext {
  const index: LiveIndex = {
    byId: new NotYet<string, { region: Region; cluster: ClusterRead }>(),
    byName: new NotYet<string, ClusterRead[]>(),
  };
  return {
    catalogs: new Map([[region, catalog]]),
    backups: new NotYet<string, BackupRead>(),
    idFor: () => {
      throw new NotAheadError('no id is chosen ahead');
    },
    rotateCredentials,
    index,
    nowMs: Number.NaN,
  };
}
