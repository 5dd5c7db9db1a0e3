import type { Action } from '../plan/types.js';

/** Progress of an apply, emitted as it happens; the CLI turns these into lines on stderr. */
export type ApplyEvent =
  | { type: 'started'; address: string; action: Action }
  | { type: 'waiting'; address: string; phase: 'before-write' | 'after-write'; state: string | null }
  | { type: 'write'; address: string; method: 'PUT' | 'DELETE'; id: string }
  | { type: 'succeeded'; address: string; action: Action; elapsedMs: number }
  | { type: 'failed'; address: string; action: Action; message: string };

/** How one change of the plan ended. */
export type OutcomeStatus = 'succeeded' | 'failed' | 'interrupted' | 'not-started' | 'unchanged';

export interface ApplyOutcome {
  address: string;
  action: Action;
  id: string | null;
  status: OutcomeStatus;
  /** Whether a write request was sent for this change (so an interrupted run can say what is in flight). */
  wrote: boolean;
  message?: string;
}

export interface ApplyResult {
  outcomes: ApplyOutcome[];
  interrupted: boolean;
}
