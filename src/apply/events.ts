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

/**
 * How a change came to be found in place: `found` (the read before any write showed it done: another writer's),
 * `after-busy` (this run's write was refused while another writer's identical change was in progress), `after-lost`
 * (this run's write whose response was lost — or another writer's), `resent` (this run's create met an identical
 * cluster another writer had just made, and sent the same body again).
 */
export type LandedHow = 'found' | 'after-busy' | 'after-lost' | 'resent';

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
  /** Set when the desired state was found already in place: by whom (for a create: who created it), and how. */
  landed?: { by: string | null; how: LandedHow };
}

export interface ApplyResult {
  outcomes: ApplyOutcome[];
  interrupted: boolean;
}
