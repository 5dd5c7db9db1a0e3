import type { ClusterRead, Region } from '../api/types.js';
import { ApplyError } from '../errors.js';
import type { ClusterApi } from './cluster-api.js';

/** What a waiter waits for: the cluster AVAILABLE, or the cluster gone (404 / absent from the list). */
/**
 * What a waiter waits for: the cluster AVAILABLE, the cluster gone (404 / absent from the list), or — before a
 * write — `settled`: AVAILABLE, or gone or DESTROYING (another writer deleted it; the next read says so), and for a
 * delete `deletable`: the same or FAILED (a broken cluster may be deleted at once).
 */
export type WaitGoal = 'available' | 'gone' | 'settled' | 'deletable';

const SETTLED = new Set(['AVAILABLE', 'DESTROYING']);

export interface WatchOptions {
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  failedGraceMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  /** Called with each state seen while waiting, for progress output. */
  onState?: (id: string, cluster: ClusterRead | null) => void;
}

/** One read of a cluster (null: not found) and when its answer arrived. */
interface Observation {
  cluster: ClusterRead | null;
  at: number;
}

interface Waiter {
  id: string;
  goal: WaitGoal;
  deadline: number;
  failedSince: number | null;
  resolve: (cluster: ClusterRead | null) => void;
  reject: (error: unknown) => void;
}

/** Above this many waiters a region is polled with one list call instead of one GET per cluster. */
const LIST_THRESHOLD = 3;

/**
 * Polls one region for every cluster apply is waiting on: one list request per tick serves all of them, so waiting
 * on 500 clusters costs the same as waiting on five. The interval backs off (×1.5) up to maxPollIntervalMs.
 */
export class RegionWatcher {
  readonly #waiters = new Set<Waiter>();
  #running = false;
  #interval: number;
  readonly #region: Region;
  readonly #api: ClusterApi;
  readonly #options: WatchOptions;
  readonly #signal: AbortSignal;

  constructor(region: Region, api: ClusterApi, options: WatchOptions, signal: AbortSignal) {
    this.#region = region;
    this.#api = api;
    this.#options = options;
    this.#signal = signal;
    this.#interval = options.pollIntervalMs;
  }

  /** Resolves with the cluster (or null when gone) once the goal holds; rejects on FAILED past grace or timeout. */
  waitFor(id: string, goal: WaitGoal, timeoutMs: number): Promise<ClusterRead | null> {
    return new Promise((resolve, reject) => {
      const now = this.#options.now();
      this.#waiters.add({ id, goal, deadline: now + timeoutMs, failedSince: null, resolve, reject });
      this.#interval = this.#options.pollIntervalMs;
      if (!this.#running) {
        this.#running = true;
        void this.#run();
      }
    });
  }

  /** Polls until no waiter is left. Never rejects: failures are handed to the waiters. */
  async #run(): Promise<void> {
    try {
      while (this.#waiters.size > 0) await this.#pollOnce();
    } finally {
      // Cleared in the same tick the loop sees no waiter (no await in between), so a waiter added by the last
      // waiter's continuation starts a new loop instead of joining one that is ending.
      this.#running = false;
    }
  }

  async #pollOnce(): Promise<void> {
    try {
      await this.#options.sleep(this.#interval, this.#signal);
      // Judge only the waiters this fetch was made for: it started after their write was answered, so it is fresh.
      // A waiter added while the fetch is in flight waits for the next one (its cluster may not be in this answer).
      const watched = [...this.#waiters];
      const seen = await this.#fetch(watched);
      for (const waiter of watched) if (this.#waiters.has(waiter)) this.#judge(waiter, seen);
    } catch (error) {
      for (const waiter of this.#waiters) waiter.reject(error);
      this.#waiters.clear();
      return;
    }
    this.#interval = Math.min(this.#options.maxPollIntervalMs, Math.round(this.#interval * 1.5));
  }

  async #fetch(watched: readonly Waiter[]): Promise<Map<string, Observation>> {
    const ids = new Set(watched.map((w) => w.id));
    const seen = new Map<string, Observation>();
    if (ids.size > LIST_THRESHOLD) {
      const clusters = await this.#api.listClusters(this.#region, { signal: this.#signal });
      const at = this.#options.now();
      for (const id of ids) seen.set(id, { cluster: null, at });
      for (const cluster of clusters) if (ids.has(cluster.id)) seen.set(cluster.id, { cluster, at });
      return seen;
    }
    // Each read keeps its own time: one GET slowed by a retry must not make another's answer look later than it was.
    await Promise.all(
      [...ids].map(async (id) => {
        const cluster = await this.#api.getCluster(this.#region, id, { signal: this.#signal });
        seen.set(id, { cluster, at: this.#options.now() });
      }),
    );
    return seen;
  }

  #judge(waiter: Waiter, seen: Map<string, Observation>): void {
    const observation = seen.get(waiter.id) ?? { cluster: null, at: this.#options.now() };
    this.#options.onState?.(waiter.id, observation.cluster);
    const outcome = judgeObservation(waiter, observation, this.#options);
    if (outcome === 'pending') return;
    this.#waiters.delete(waiter);
    if (outcome === 'done') waiter.resolve(observation.cluster);
    else waiter.reject(outcome);
  }
}

/**
 * Decides one observation: done, still pending, or a failure (FAILED past grace, vanished, timed out). The FAILED
 * grace is measured between the times the cluster was *seen* FAILED, not when the verdict is reached.
 */
function judgeObservation(
  waiter: Waiter,
  { cluster, at }: Observation,
  options: WatchOptions,
): 'done' | 'pending' | ApplyError {
  const state = cluster?.metadata.state ?? null;
  if (waiter.goal === 'gone' && cluster === null) return 'done';
  if (waiter.goal === 'settled' || waiter.goal === 'deletable') {
    if (cluster === null || SETTLED.has(state ?? '')) return 'done';
    if (waiter.goal === 'deletable' && state === 'FAILED') return 'done';
  }
  if (waiter.goal === 'available' && cluster === null)
    return new ApplyError(`cluster ${waiter.id} disappeared while waiting for it to become AVAILABLE`);
  if (waiter.goal === 'available' && state === 'AVAILABLE') return 'done';
  if (state === 'FAILED') {
    // IONOS reports transient FAILED states: give the cluster a grace period before giving up on it.
    waiter.failedSince ??= at;
    if (at - waiter.failedSince >= options.failedGraceMs) {
      const message = cluster?.metadata.statusMessage ?? 'no statusMessage';
      return new ApplyError(`cluster ${waiter.id} is FAILED: ${message}`, { hint: 'fix the cause, then re-run apply' });
    }
  } else {
    waiter.failedSince = null;
  }
  const now = options.now();
  if (now >= waiter.deadline) {
    const goal = waiter.goal === 'gone' ? 'to be deleted' : 'to become AVAILABLE';
    // A before-write wait that runs out is a busy cluster that never settled: name the state it stayed in.
    return new ApplyError(`timed out waiting for cluster ${waiter.id} ${goal} (last state ${state ?? 'unknown'})`, {
      hint: 're-run apply later: it resumes waiting instead of re-sending (or raise --wait-timeout)',
    });
  }
  return 'pending';
}
