/** The cluster state machine, evaluated lazily from timestamps (no timers, trivially persistable). */
import type { BusyState, Hold, Timeline } from './types.js';

/** What a client would see at a given instant: one of the five states, GONE, or any held state string. */
export interface Observation {
  state: string;
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

/** Whether a hold is in force at `now`. */
export function isHeld(hold: Hold | undefined, now: number): hold is Hold {
  return hold !== undefined && (hold.until === null || now < hold.until);
}

/** The state of a cluster at `now`: its hold while in force, else its timeline. */
export function observeCluster(cluster: { timeline: Timeline; hold?: Hold }, now: number): Observation {
  const { hold } = cluster;
  if (!isHeld(hold, now)) return observeTimeline(cluster.timeline, now);
  return hold.statusMessage === undefined
    ? { state: hold.state }
    : { state: hold.state, statusMessage: hold.statusMessage };
}

/** Whether a cluster in this state accepts a PUT or DELETE (AVAILABLE or FAILED; every other state is busy). */
export function isWritableState(state: string): boolean {
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

/** The timeline of a seeded cluster: FAILED, DESTROYING, PROVISIONING or UPDATING as asked, else AVAILABLE. */
export function seedTimeline(state: string, now: number, delayMs: number): Timeline {
  if (state === 'FAILED') return failNow(now, { message: 'the cluster failed (seeded in state FAILED)' });
  if (state === 'DESTROYING') return startDelete(now, delayMs);
  if (state === 'PROVISIONING' || state === 'UPDATING') return startWrite(state, now, delayMs);
  return availableTimeline(now);
}
