/** The cluster state machine, evaluated lazily from timestamps (no timers, trivially persistable). */
import type { ClusterState } from '../api/types.js';
import type { BusyState, Timeline } from './types.js';

/** What a client would see at a given instant. */
export interface Observation {
  state: ClusterState | 'GONE';
  statusMessage?: string;
}

/** How a write ends when it is made to fail (failWrites / failCluster). */
export interface Failure {
  message: string;
  recoverAfterMs?: number;
}

/** The state of a timeline at `now`. */
export function observeTimeline(timeline: Timeline, now: number): Observation {
  if (timeline.busy !== null && now < timeline.busyUntil) return { state: timeline.busy };
  if (timeline.outcome === 'FAILED') {
    if (timeline.recoverAt !== undefined && now >= timeline.recoverAt) return { state: 'AVAILABLE' };
    return { state: 'FAILED', statusMessage: timeline.failMessage ?? 'the cluster failed' };
  }
  return { state: timeline.outcome };
}

/** Whether the cluster accepts a PUT or DELETE now (AVAILABLE or FAILED). */
export function isWritable(timeline: Timeline, now: number): boolean {
  const { state } = observeTimeline(timeline, now);
  return state === 'AVAILABLE' || state === 'FAILED';
}

/** A write (create/replace) that is busy for `delayMs`, then AVAILABLE, or FAILED if `failure` is given. */
export function startWrite(busy: BusyState, now: number, delayMs: number, failure?: Failure): Timeline {
  const busyUntil = now + delayMs;
  if (failure === undefined) return { busy, busyUntil, outcome: 'AVAILABLE' };
  return failedTimeline(busy, busyUntil, failure);
}

/** A delete: DESTROYING for `delayMs`, then gone. */
export function startDelete(now: number, delayMs: number): Timeline {
  return { busy: 'DESTROYING', busyUntil: now + delayMs, outcome: 'GONE' };
}

/** FAILED right now (out-of-band failure), transient if `recoverAfterMs` is given. */
export function failNow(now: number, failure: Failure): Timeline {
  return failedTimeline(null, now, failure);
}

/** Steady AVAILABLE. */
export function availableTimeline(now: number): Timeline {
  return { busy: null, busyUntil: now, outcome: 'AVAILABLE' };
}

function failedTimeline(busy: BusyState | null, busyUntil: number, failure: Failure): Timeline {
  const timeline: Timeline = { busy, busyUntil, outcome: 'FAILED', failMessage: failure.message };
  if (failure.recoverAfterMs !== undefined) timeline.recoverAt = busyUntil + failure.recoverAfterMs;
  return timeline;
}
