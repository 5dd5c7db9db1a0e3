import type { ApplyEvent, ApplyResult, LandedHow, OutcomeStatus } from '../apply/events.js';
import { assertNever } from '../errors.js';
import type { Action, DeferredChange } from '../plan/types.js';

const VERB: Record<Action, string> = {
  create: 'creating',
  update: 'updating',
  replace: 'replacing',
  delete: 'deleting',
  noop: 'waiting for an earlier change',
};

/** What each step is called while it runs ("still creating after 2m" before the first state is seen). */
export function verbOf(action: Action): string {
  return VERB[action];
}

/** What the lines may show: the requests themselves only when asked for (--log-level info, debug or trace). */
export interface DescribeOptions {
  verbose?: boolean;
}

/**
 * One human line (without its count) for a step of an apply, or null for steps a reader need not see. Requests
 * (`PUT /clusters/<id>`) are shown only when verbose: the state lines say what matters.
 */
export function describeEvent(event: ApplyEvent, options: DescribeOptions = {}): string | null {
  switch (event.type) {
    case 'started':
      return `${event.address}: ${VERB[event.action]}...`;
    case 'write':
      if (!options.verbose) return null;
      return `${event.address}: ${event.method === 'POST' ? 'POST /clusters' : `${event.method} /clusters/${event.id}`}`;
    case 'waiting':
      if (event.state === null)
        return event.phase === 'before-write' ? `${event.address}: busy, waiting for AVAILABLE before writing` : null;
      return `${event.address}: ${event.state === 'GONE' ? 'gone' : event.state}`;
    case 'landed':
      return `${event.address}: already in place (last modified by ${event.by ?? 'an unknown user'} at ${event.at ?? 'an unknown time'}); not sent again`;
    case 'stale':
      return `${event.address}: ${event.action} REFUSED: ${event.reason}`;
    case 'succeeded':
      return `${event.address}: ${describeSuccess(event.action)} after ${formatElapsed(event.elapsedMs)}`;
    case 'failed':
      return `${event.address}: ${event.action} FAILED: ${event.message}`;
    default:
      return assertNever(event, 'apply event');
  }
}

function describeSuccess(action: Action): string {
  if (action === 'delete') return 'deleted, gone';
  if (action === 'noop') return 'AVAILABLE';
  return `${PAST[action]}, AVAILABLE`;
}

/** `0.4s`, `12s`, `4m`, `4m05s`, `12m`, `1h02m`: precise while short, calm while long. */
export function formatElapsed(ms: number): string {
  if (ms < 10_000) return `${(Math.max(0, ms) / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${pad2(seconds % 60)}s`;
  if (minutes < 60) return `${minutes}m`;
  return `${Math.floor(minutes / 60)}h${pad2(minutes % 60)}m`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

const PAST: Record<Action, string> = {
  create: 'created',
  update: 'updated',
  replace: 'replaced',
  delete: 'deleted',
  noop: 'waited for',
};

const LANDED_WORDS: Record<LandedHow, string> = {
  found: 'already as planned: another writer made it; nothing was sent',
  'after-busy': "already as planned: another writer's identical change was in progress; this run's write was refused",
  'after-lost': "already as planned: this run's write, whose response was lost (or another writer's)",
  resent: "made by another writer just before this run's create, which sent the same body again",
};

/** The end-of-apply summary: what succeeded, what failed (with why), what was in flight or never started. */
export function summarizeApply(result: ApplyResult, deferred: readonly DeferredChange[] = []): string {
  const count = (status: OutcomeStatus) => result.outcomes.filter((o) => o.status === status);
  const unsettled = (['failed', 'stale', 'interrupted', 'not-started'] as const).reduce(
    (n, s) => n + count(s).length,
    0,
  );
  const lines = [describeTally(result, deferred, unsettled), ...describeOutcomes(result, deferred)];
  if (unsettled > 0)
    lines.push('Re-run `pgensure apply` to converge: it resumes waits and never creates a cluster twice.');
  return `${lines.join('\n')}\n`;
}

/** The first line: how it ended, and how many of each; a change found already in place is not counted as done. */
function describeTally(result: ApplyResult, deferred: readonly DeferredChange[], unsettled: number): string {
  const count = (status: OutcomeStatus) => result.outcomes.filter((o) => o.status === status);
  const succeeded = count('succeeded');
  const made = succeeded.filter((o) => o.landed === undefined);
  const tally = (['create', 'update', 'replace', 'delete'] as const).map(
    (action) => `${made.filter((o) => o.action === action).length} ${PAST[action]}`,
  );
  const landed = succeeded.length - made.length;
  if (landed > 0) tally.push(`${landed} already in place`);
  const head =
    unsettled === 0 ? 'Apply complete!' : result.interrupted ? 'Apply interrupted.' : 'Apply finished with errors.';
  const stale = count('stale').length;
  const refused = stale > 0 ? `, ${stale} refused (changed by someone else since the plan)` : '';
  const n = deferred.length;
  const held = n > 0 ? `, ${n} deferred to ${n === 1 ? 'its' : 'their'} maintenance window` : '';
  return `${head} ${tally.join(', ')}, ${count('failed').length} failed${refused}${held}.`;
}

/** One line per change that did not simply succeed, grouped by how it ended. */
function describeOutcomes(result: ApplyResult, deferred: readonly DeferredChange[]): string[] {
  const lines: string[] = [];
  const count = (status: OutcomeStatus) => result.outcomes.filter((o) => o.status === status);
  for (const o of count('failed')) {
    // Whether a write went out decides what the reader checks next: nothing changed, or the cluster may have.
    const sent = o.wrote ? '' : ' [nothing was sent]';
    lines.push(`  failed:      ${o.address} (${o.action}): ${o.message ?? 'unknown error'}${sent}`);
  }
  for (const o of count('succeeded').filter((o) => o.landed !== undefined)) {
    const by = o.landed?.by ?? 'an unknown user';
    lines.push(`  in place:    ${o.address} (${o.action}): ${LANDED_WORDS[o.landed?.how ?? 'found']} (by ${by})`);
  }
  for (const o of count('stale')) {
    const sent = o.wrote ? 'its one write met the change and was not sent again' : 'nothing was sent';
    lines.push(`  refused:     ${o.address} (${o.action}): ${o.message ?? ''} [${sent}]`);
  }
  for (const o of count('interrupted')) {
    const label = o.wrote ? 'in flight:  ' : 'stopped:    ';
    lines.push(`  ${label} ${o.address} (${o.action}): ${o.message ?? ''}`);
  }
  for (const o of count('not-started')) lines.push(`  not started: ${o.address} (${o.action})`);
  for (const d of deferred)
    lines.push(`  deferred:    ${d.address} (${d.action}, impact ${d.impact}): its window opens ${d.opensAt}`);
  return lines;
}
