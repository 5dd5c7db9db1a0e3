/**
 * What a command found or did, in words; `main` turns it into the process exit code (product.md §1), and nothing
 * else does. A thrown error is always exit 1.
 */
export type Outcome =
  /** Everything asked for was done (plan: no changes, or changes without --detailed-exitcode). */
  | 'done'
  /** `plan --detailed-exitcode` found changes. */
  | 'changes'
  /** `drift` found a managed cluster that differs from its file. */
  | 'drift'
  /** `status` found a cluster that is not healthy. */
  | 'unhealthy'
  /** The user declined at the prompt: nothing was written. */
  | 'cancelled'
  /** The command ran, reported what it did, and part of it failed (an apply error, a skipped import). */
  | 'incomplete';

const EXIT_CODES: Record<Outcome, number> = {
  done: 0,
  changes: 2,
  drift: 2,
  unhealthy: 2,
  cancelled: 1,
  incomplete: 1,
};

/** The exit code of an outcome; an error thrown by a command is 1 (see main.ts). */
export function exitCodeOf(outcome: Outcome): number {
  return EXIT_CODES[outcome];
}
