import { performance } from 'node:perf_hooks';
import type { ClusterRead, Region } from '../api/types.js';
import type { ComparisonsAhead } from '../compare/ahead.js';
import { isWellShaped } from './live-shape.js';

/** The event loop's idle time so far, in ms (time spent waiting for I/O). */
export type IdleClock = () => number;

const loopIdleMs: IdleClock = () => performance.eventLoopUtilization().idle;

/**
 * What a plan does with listed clusters before the lists are complete, in time the event loop would spend waiting
 * for the server: their shape check and their comparison with the documents (ComparisonsAhead). Each page's clusters
 * are queued as the page arrives; in the check phase that follows (setImmediate, so after the next page is asked
 * for) pages are taken from the queue only as far as the loop was idle since the last turn, so the work fills waits
 * and never delays a page: against a slow server most of it is done by the time the last page comes (50,000
 * clusters at 50 ms: ~0.4 s less), and against a server that keeps the loop busy none is, which costs nothing
 * either. What is left is done by the comparison itself. Nothing here may throw into the event loop: a failure ends
 * the work ahead, and the comparison then does it, where its error belongs.
 */
export class WorkAhead {
  readonly #ahead: ComparisonsAhead;
  readonly #idleMs: IdleClock;
  readonly #pages: { region: Region; clusters: readonly ClusterRead[] }[] = [];
  readonly #shaped = new WeakSet<ClusterRead>();
  #next = 0;
  #scheduled = false;
  #stopped = false;
  /** Idle ms not yet spent on work ahead. */
  #credit = 0;
  #idleSeen: number;

  constructor(ahead: ComparisonsAhead, idleMs: IdleClock = loopIdleMs) {
    this.#ahead = ahead;
    this.#idleMs = idleMs;
    this.#idleSeen = idleMs();
  }

  /** Queues a page's clusters (listClusters' onPage). */
  queue(region: Region, clusters: readonly ClusterRead[]): void {
    if (this.#stopped) return;
    this.#pages.push({ region, clusters });
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.work();
    });
  }

  /** Takes queued pages while the idle time since the last turn lasts; returns how many pages it did. */
  work(now: () => number = () => performance.now()): number {
    const idle = this.#idleMs();
    this.#credit = Math.min(this.#credit + idle - this.#idleSeen, MAX_CREDIT_MS);
    this.#idleSeen = idle;
    let done = 0;
    while (this.#credit > 0 && this.#next < this.#pages.length && !this.#stopped) {
      const started = now();
      this.#doPage(this.#pages[this.#next]!);
      this.#pages[this.#next++] = EMPTY; // done: the page need not be held
      this.#credit -= now() - started;
      done++;
    }
    return done;
  }

  /** Ends the work ahead: the lists are complete and the comparison takes over. */
  stop(): void {
    this.#stopped = true;
    this.#pages.length = 0;
  }

  /** Whether the cluster's shape was checked here (checkLiveShape need not check it again). */
  readonly shaped = (cluster: ClusterRead): boolean => this.#shaped.has(cluster);

  #doPage(page: { region: Region; clusters: readonly ClusterRead[] }): void {
    try {
      for (const cluster of page.clusters) {
        if (!isWellShaped(cluster)) continue; // checkLiveShape will say what is wrong with it
        this.#shaped.add(cluster);
        this.#ahead.compare(page.region, cluster);
      }
    } catch {
      this.#stopped = true;
    }
  }
}

const EMPTY = { region: 'de-fra' as Region, clusters: [] as readonly ClusterRead[] };
/** Idle time saved up for later is capped: a long wait early on must not license a long stall later. */
const MAX_CREDIT_MS = 20;
