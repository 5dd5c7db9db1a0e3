import type { Action } from '../plan/types.js';

/** Progress of an apply, emitted as it happens; the CLI turns these into lines on stderr. */
export type ApplyEvent =
  | { type: 'started'; address: string; action: Action }
  | { type: 'waiting'; address: string; phase: 'before-write' | 'after-write'; state: string | null }
  | { type: 'write'; address: string; method: 'PUT' | 'DELETE' | 'POST'; id: string }
  /** A fresh read showed the write had already been made (a lost response, or another writer's identical change). */
  | { type: 'landed'; address: string; id: string; by: string | null; at: string | null }
  /** A fresh read showed someone else changed the cluster since the plan: nothing is sent to it. */
  | { type: 'stale'; address: string; action: Action; reason: string }
  | { type: 'succeeded'; address: string; action: Action; elapsedMs: number }
  | { type: 'failed'; address: string; action: Action; message: string };

/** How one change of the plan ended. */
export type OutcomeStatus = 'succeeded' | 'failed' | 'stale' | 'interrupted' | 'not-started' | 'unchanged';

export interface ApplyOutcome {
  address: string;
  action: Action;
  /** The cluster's id (for a create by POST: the id the server chose). */
  id: string | null;
  status: OutcomeStatus;
  /** Whether a write request was sent for this change (so an interrupted run can say what is in flight). */
  wrote: boolean;
  message?: string;
  /** Set when the desired state was found already in place (by another writer, or by our own lost response). */
  landedBy?: string | null;
}

export interface ApplyResult {
  outcomes: ApplyOutcome[];
  interrupted: boolean;
}
