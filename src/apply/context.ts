import type { ClusterProperties, Region } from '../api/types.js';
import { ApplyError } from '../errors.js';
import type { IdForAddress } from '../plan/ids.js';
import type { Change } from '../plan/types.js';
import type { ClusterApi } from './cluster-api.js';
import type { ApplyEvent, LandedHow } from './events.js';
import type { WriteSlots } from './slots.js';
import type { RegionWatcher, WaitGoal } from './watcher.js';

export interface ApplyOptions {
  /** Writes in flight at once (the read before a write and the write itself); waits take no slot. */
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
  /** The create id of each generation of an address (the same function the planner used). */
  idFor: IdForAddress;
  onEvent: (event: ApplyEvent) => void;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  /** Aborting stops new writes and all waits; writes already sent are reported as in flight. */
  signal: AbortSignal;
}

/** How creates are sent in a region: by PUT until the API answers that it cannot create by PUT, then by POST. */
export type CreateMethods = Map<Region, 'put' | 'post'>;

/** What one change's run shares with the helpers that carry it out. */
export interface RunContext {
  change: Change;
  deps: ApplyDeps;
  options: ApplyOptions;
  watcher: RegionWatcher;
  slots: WriteSlots;
  createMethods: CreateMethods;
  /** Tells progress which address an id belongs to (a POST create learns its id late). */
  track: (id: string) => void;
  /** What has happened so far; read by the outcome. */
  progress: {
    began: boolean;
    wrote: boolean;
    id: string | null;
    /** What the last write attempt came to (a later 'landed' after 'unsure' may be our own lost response). */
    lastSend?: 'sent' | 'busy' | 'unsure' | 'refused';
    landed?: { by: string | null; how: LandedHow };
    /** Writes that came back maybe-applied (5xx, lost response), for the backoff. */
    unsure?: number;
  };
}

/**
 * Runs one read–judge–write round in a write slot. The first round marks the change as begun (a change still queued
 * for a slot when apply is interrupted never started) and tells progress.
 */
export function inSlot<T>(ctx: RunContext, task: () => Promise<T>): Promise<T> {
  return ctx.slots.run(() => {
    if (!ctx.progress.began) {
      ctx.progress.began = true;
      ctx.deps.onEvent({ type: 'started', address: ctx.change.address, action: ctx.change.action });
    }
    return task();
  }, ctx.deps.signal);
}

/** Someone else changed the cluster since the plan: this change is not applied (the others go on). */
export class StaleClusterError extends ApplyError {}

/** After this many read–judge–write rounds for one change, give up (each round waits up to --busy-timeout). */
export const MAX_ROUNDS = 12;

/** Waits for a goal, telling progress first. */
export function waitFor(
  ctx: RunContext,
  id: string,
  goal: WaitGoal,
  phase: 'before-write' | 'after-write',
  timeoutMs = ctx.options.waitTimeoutMs,
) {
  ctx.deps.onEvent({ type: 'waiting', address: ctx.change.address, phase, state: null });
  return ctx.watcher.waitFor(id, goal, timeoutMs);
}

/** A change that kept meeting a busy or moving cluster. */
export function gaveUp(ctx: RunContext): ApplyError {
  return new ApplyError(`${ctx.change.address}: gave up after ${MAX_ROUNDS} rounds of reading and writing`, {
    hint: 're-run apply later: it reads every cluster again before writing',
  });
}
