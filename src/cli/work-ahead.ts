import { performance } from 'node:perf_hooks';
import type { ClusterRead, Region } from '../api/types.js';
import type { ComparisonsAhead } from '../compare/ahead.js';
import type { Comparison } from '../compare/types.js';
import type { DecisionsAhead } from '../plan/ahead.js';
import type { RegionCatalog } from '../plan/types.js';
import { isWellShaped } from './live-shape.js';

/** The event loop's idle time so far, in ms (time spent waiting for I/O). */
export type IdleClock = () => number;

const loopIdleMs: IdleClock = () => performance.eventLoopUtilization().idle;

/**
 * What a plan does with listed clusters before the lists are complete, in time the event loop would spend waiting
 * for the server: their shape check, their index and comparison with the documents (ComparisonsAhead) and, once
 * their region's catalogue is read, the decision of their change (DecisionsAhead).
 *
 * Each page's clusters are queued as the page arrives. In a later turn of the loop (a timer: after the next page is
 * asked for and written), pages are taken from the queue only as far as the loop was idle since the last turn, and
 * for about SLICE_MS a turn, so the work fills waits and holds up a page that arrives meanwhile by a slice at most.
 * Against a slow server most of it is done by the time the last page comes (50,000 clusters at 50 ms: ~0.5 s less
 * after the fetch); against a server that keeps the loop busy none is, which costs nothing either. What is left is
 * done by the comparison and the planner themselves. Nothing here may throw into the event loop: a failure ends the
 * work ahead, and the comparison then does it, where its error belongs.
 */
export class WorkAhead {
  readonly #ahead: ComparisonsAhead;
  readonly #decisions: DecisionsAhead | undefined;
  readonly #catalogs = new Map<Region, RegionCatalog>();
  readonly #idleMs: IdleClock;
  readonly #pages: { region: Region; clusters: readonly ClusterRead[] }[] = [];
  readonly #shaped = new WeakSet<ClusterRead>();
  #next = 0;
  #scheduled = false;
  #stopped = false;
  /** Idle ms not yet spent on work ahead. */
  #credit = 0;
  #idleSeen: number;

  constructor(ahead: WorkToDo, idleMs: IdleClock = loopIdleMs) {
    this.#ahead = ahead.comparisons;
    this.#decisions = ahead.decisions;
    this.#idleMs = idleMs;
    this.#idleSeen = idleMs();
  }

  /** Queues a page's clusters (listClusters' onPage). */
  queue(region: Region, clusters: readonly ClusterRead[]): void {
    if (this.#stopped) return;
    this.#pages.push({ region, clusters });
    this.#schedule();
  }

  /**
   * A turn in the timers phase of a later iteration of the loop (setTimeout), not in a check phase: undici writes a
   * request on a kept-alive socket from an Immediate of its own (it first lets the socket show whether the server
   * closed it), and work queued among those Immediates would run before such a write and hold the next page back.
   */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setTimeout(() => {
      this.#scheduled = false;
      this.work();
    }, 0);
  }

  /** Takes queued pages while idle time is owed, for a slice at most; returns how many pages it did. */
  work(now: () => number = () => performance.now()): number {
    const idle = this.#idleMs();
    this.#credit = Math.min(this.#credit + idle - this.#idleSeen, MAX_CREDIT_MS);
    this.#idleSeen = idle;
    let done = 0;
    let spent = 0;
    while (this.#credit > 0 && this.#next < this.#pages.length && !this.#stopped) {
      if (spent >= SLICE_MS) {
        this.#schedule(); // the rest in a later turn, once the responses that came meanwhile are handled
        break;
      }
      const started = now();
      this.#doPage(this.#pages[this.#next]!);
      this.#pages[this.#next++] = EMPTY; // done: the page need not be held
      const took = now() - started;
      this.#credit -= took;
      spent += took;
      done++;
    }
    return done;
  }

  /** The region's catalogue, once read: the changes of the pages done from now on are decided too. */
  useCatalog(region: Region, catalog: RegionCatalog): void {
    this.#catalogs.set(region, catalog);
  }

  /** Ends the work ahead: the lists are complete and the comparison takes over. */
  stop(): void {
    this.#stopped = true;
    this.#pages.length = 0;
  }

  /** Whether the cluster's shape was checked here (checkLiveShape need not check it again). */
  readonly shaped = (cluster: ClusterRead): boolean => this.#shaped.has(cluster);

  #doPage(page: { region: Region; clusters: readonly ClusterRead[] }): void {
    const { region } = page;
    const catalog = this.#catalogs.get(region);
    const decisions = this.#decisions;
    const decide =
      catalog === undefined || decisions === undefined
        ? undefined
        : (comparison: Comparison, position: number) => decisions.decide(comparison, region, catalog, position);
    try {
      // A page with a cluster not well shaped ends the work ahead: checkLiveShape will say what is wrong with it.
      if (!page.clusters.every(isWellShaped)) {
        this.#stopped = true;
        return;
      }
      for (const cluster of page.clusters) this.#shaped.add(cluster);
      this.#ahead.addPage(region, page.clusters, decide);
    } catch {
      this.#stopped = true;
    }
  }
}

/** What to do ahead: the comparisons, and (optionally) the decisions. */
export interface WorkToDo {
  comparisons: ComparisonsAhead;
  decisions?: DecisionsAhead | undefined;
}

const EMPTY = { region: 'de-fra' as Region, clusters: [] as readonly ClusterRead[] };
/** Idle time saved up for later is capped: a long wait early on must not license a long stall later. */
const MAX_CREDIT_MS = 20;
/**
 * A turn stops once it has worked this long (about one page of 100 clusters), and the next is a timer: a response
 * that arrives meanwhile waits no longer. 10,000 clusters at 50 ms, the fetch and what follows it, medians of 8
 * alternating runs: 1,145 ms with this against 1,228 ms with 2 ms slices and 1,286 ms with no work ahead; in another
 * set, 1,186 ms with 2 ms slices against 1,258 ms with up to 20 ms a turn from setImmediate (docs/performance.md).
 */
const SLICE_MS = 0.5;
