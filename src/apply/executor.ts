import type { ClusterProperties, ClusterRead, ClusterState, Region } from '../api/types.js';
import { ApiError, assertNever, PgensureError } from '../errors.js';
import type { Change, Plan } from '../plan/types.js';
import type { ClusterApi } from './cluster-api.js';
import type { ApplyEvent, ApplyOutcome, ApplyResult } from './events.js';
import { runPool } from './pool.js';
import { RegionWatcher, type WaitGoal } from './watcher.js';

// No PUT while a cluster is not AVAILABLE (product.md §3). A DELETE may go to a FAILED cluster: removing a broken
// cluster is what `ensure: absent` (or a replace) asks for, and waiting for it to recover could take forever.
const DELETABLE: readonly ClusterState[] = ['AVAILABLE', 'FAILED'];

export interface ApplyOptions {
  parallelism: number;
  /** How long to wait for a cluster to become AVAILABLE (or gone) after a write. */
  waitTimeoutMs: number;
  /** How long to wait for a busy cluster to become AVAILABLE before writing to it. */
  busyTimeoutMs: number;
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  /** FAILED is tolerated this long (IONOS reports transient FAILED states). */
  failedGraceMs: number;
}

export interface ApplyDeps {
  api: ClusterApi;
  /** The full PUT body for a change: its `after` with the password resolved (resolved before apply starts). */
  bodyFor: (change: Change) => ClusterProperties;
  onEvent: (event: ApplyEvent) => void;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  /** Aborting stops new writes and all waits; writes already sent are reported as in flight. */
  signal: AbortSignal;
}

/** Executes a plan: bounded parallelism, never a PUT while busy, waits for AVAILABLE, one outcome per change. */
export async function applyPlan(plan: Plan, deps: ApplyDeps, options: ApplyOptions): Promise<ApplyResult> {
  const watchers = new Map<Region, RegionWatcher>();
  const onState = reportStates(plan, deps.onEvent);
  const watcherFor = (region: Region): RegionWatcher => {
    let watcher = watchers.get(region);
    if (!watcher) {
      watcher = new RegionWatcher(
        region,
        deps.api,
        { ...options, sleep: deps.sleep, now: deps.now, onState },
        deps.signal,
      );
      watchers.set(region, watcher);
    }
    return watcher;
  };
  const outcomes = await runPool(plan.changes, options.parallelism, deps.signal, async (change) => {
    const runner = new ChangeRunner(change, deps, options, watcherFor(change.region));
    return runner.run();
  });
  const result = outcomes.map((outcome, i) => outcome ?? notStarted(plan.changes[i]!));
  return { outcomes: result, interrupted: deps.signal.aborted };
}

/** Turns the watcher's observations into 'waiting' events, once per state change of each cluster. */
function reportStates(plan: Plan, onEvent: ApplyDeps['onEvent']): (id: string, cluster: ClusterRead | null) => void {
  const addressOf = new Map<string, string>();
  for (const change of plan.changes) {
    if (change.id) addressOf.set(change.id, change.address);
    if (change.action === 'replace') addressOf.set(change.replacementId, change.address);
  }
  const last = new Map<string, string>();
  return (id, cluster) => {
    const state = cluster?.metadata.state ?? 'GONE';
    const address = addressOf.get(id);
    if (!address || last.get(id) === state) return;
    last.set(id, state);
    onEvent({ type: 'waiting', address, phase: 'after-write', state });
  };
}

function notStarted(change: Change): ApplyOutcome {
  return { address: change.address, action: change.action, id: change.id, status: 'not-started', wrote: false };
}

/** Carries one change through its writes and waits, remembering whether anything was sent. */
class ChangeRunner {
  #wrote = false;
  readonly #change: Change;
  readonly #deps: ApplyDeps;
  readonly #options: ApplyOptions;
  readonly #watcher: RegionWatcher;

  constructor(change: Change, deps: ApplyDeps, options: ApplyOptions, watcher: RegionWatcher) {
    this.#change = change;
    this.#deps = deps;
    this.#options = options;
    this.#watcher = watcher;
  }

  async run(): Promise<ApplyOutcome> {
    const change = this.#change;
    const outcome = { address: change.address, action: change.action, id: change.id };
    const started = this.#deps.now();
    if (change.action === 'noop' && !isBusy(change)) return { ...outcome, status: 'unchanged', wrote: false };
    this.#deps.onEvent({ type: 'started', address: change.address, action: change.action });
    try {
      await this.#execute(change);
      this.#deps.onEvent({
        type: 'succeeded',
        address: change.address,
        action: change.action,
        elapsedMs: this.#deps.now() - started,
      });
      return { ...outcome, status: 'succeeded', wrote: this.#wrote };
    } catch (error) {
      if (this.#deps.signal.aborted) {
        const message = this.#wrote
          ? 'interrupted after the write was sent; re-run apply to wait for it'
          : 'interrupted before any write';
        return { ...outcome, status: 'interrupted', wrote: this.#wrote, message };
      }
      const message = describeFailure(error);
      this.#deps.onEvent({ type: 'failed', address: change.address, action: change.action, message });
      return { ...outcome, status: 'failed', wrote: this.#wrote, message };
    }
  }

  async #execute(change: Change): Promise<void> {
    switch (change.action) {
      case 'noop':
        // A previous run's write is still in progress: resume waiting instead of re-sending.
        if (change.id) await this.#wait(change.id, 'available', 'after-write');
        return;
      case 'create':
        await this.#put(change.id, { creating: true });
        return;
      case 'update':
        await this.#waitUntilWritable(change, ['AVAILABLE']);
        await this.#put(change.id, { creating: false });
        return;
      case 'delete':
        await this.#waitUntilWritable(change, DELETABLE);
        await this.#delete(change.id);
        return;
      case 'replace':
        await this.#waitUntilWritable(change, DELETABLE);
        await this.#delete(change.id);
        await this.#put(change.replacementId, { creating: true });
        return;
      default:
        assertNever(change, 'plan action');
    }
  }

  /**
   * Writes at once when the plan's (or the staleness check's) fresh observation is in `ready`; otherwise waits for
   * AVAILABLE first, so a FAILED cluster gets the FAILED grace and then fails with its statusMessage.
   */
  async #waitUntilWritable(change: Extract<Change, { live: object }>, ready: readonly ClusterState[]): Promise<void> {
    const state = change.live.state;
    if (state !== null && ready.includes(state)) return;
    await this.#wait(change.id, 'available', 'before-write', this.#options.busyTimeoutMs);
  }

  async #put(id: string, { creating }: { creating: boolean }): Promise<void> {
    const body = this.#deps.bodyFor(this.#change);
    // 409 on a create: our own earlier attempt (response lost) may already have made it. Never create twice.
    await this.#send(
      'PUT',
      id,
      () => this.#deps.api.putCluster(this.#change.region, id, body),
      (existing) => creating && existing !== null,
    );
    await this.#wait(id, 'available', 'after-write');
  }

  async #delete(id: string): Promise<void> {
    // 409 on a DELETE: our own earlier attempt (response lost, then retried by the client) is already destroying it.
    await this.#send(
      'DELETE',
      id,
      () => this.#deps.api.deleteCluster(this.#change.region, id),
      (existing) => existing === null || existing.metadata.state === 'DESTROYING',
    );
    await this.#wait(id, 'gone', 'after-write');
  }

  /**
   * Sends one write. A 409 (busy) is resolved by reading the cluster: if `landed` says our write already took effect
   * (a lost response whose retry met our own work) it is done; if the cluster is gone where it should exist, the 409
   * stands; otherwise it is busy with something else, so wait until AVAILABLE and send again (bounded).
   */
  async #send(
    method: 'PUT' | 'DELETE',
    id: string,
    write: () => Promise<unknown>,
    landed: (existing: ClusterRead | null) => boolean,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      this.#deps.signal.throwIfAborted();
      this.#deps.onEvent({ type: 'write', address: this.#change.address, method, id });
      this.#wrote = true;
      try {
        // No abort signal on the write itself: once sent, let it finish so we know whether it landed.
        await write();
        return;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 409 || attempt >= 3) throw error;
        const existing = await this.#deps.api.getCluster(this.#change.region, id);
        if (landed(existing)) return;
        if (!existing) throw error;
        await this.#wait(id, 'available', 'before-write', this.#options.busyTimeoutMs);
      }
    }
  }

  async #wait(
    id: string,
    goal: WaitGoal,
    phase: 'before-write' | 'after-write',
    timeoutMs = this.#options.waitTimeoutMs,
  ): Promise<ClusterRead | null> {
    this.#deps.onEvent({ type: 'waiting', address: this.#change.address, phase, state: null });
    return this.#watcher.waitFor(id, goal, timeoutMs);
  }
}

function isBusy(change: Change): boolean {
  const state = change.live?.state;
  return state === 'PROVISIONING' || state === 'UPDATING';
}

/** The error's message plus its one-line hint, so the summary says what to do, not only what went wrong. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const hint = error instanceof PgensureError ? error.hint : undefined;
  return hint ? `${error.message} (${hint})` : error.message;
}
