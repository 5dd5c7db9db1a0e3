/** Console actions at a chosen moment: after N ms, or just before/after the Nth matching API request is handled. */
import { matchesRequest, type RequestInfo } from './matcher.js';
import type { ScheduledAction, ScheduleSpec } from './types.js';

/** Runs one action; returns why it failed (e.g. the cluster is gone), or undefined. `at` is its moment. */
export type ActionRunner = (entry: ScheduledAction, at: number) => string | undefined;

/** A copy safe to hand out (an edit's `change` function is kept by reference: functions cannot be cloned). */
function copyOf(entry: ScheduledAction): ScheduledAction {
  return { ...entry, action: { ...entry.action }, trigger: structuredClone(entry.trigger) };
}

/**
 * The scheduled actions. Time triggers run lazily: at the first API request, admin call or inspection at or after
 * their due time, attributed to the due time, so a fake clock drives them deterministically.
 */
export class Scheduler {
  private readonly entries: ScheduledAction[] = [];
  private serial = 0;
  private running = false;

  private readonly now: () => number;
  private readonly run: ActionRunner;

  constructor(now: () => number, run: ActionRunner) {
    this.now = now;
    this.run = run;
  }

  add(spec: ScheduleSpec): ScheduledAction {
    const entry: ScheduledAction = { scheduleId: `s${++this.serial}`, ...spec, status: 'pending', seen: 0 };
    if ('afterMs' in spec.trigger) entry.dueAt = this.now() + spec.trigger.afterMs;
    this.entries.push(entry);
    return copyOf(entry);
  }

  list(): ScheduledAction[] {
    return this.entries.map(copyOf);
  }

  /** Cancels one pending action (true if it was pending) or, without an id, every pending one. */
  cancel(scheduleId?: string): boolean {
    let found = false;
    for (const entry of this.entries) {
      if (entry.status !== 'pending' || (scheduleId !== undefined && entry.scheduleId !== scheduleId)) continue;
      entry.status = 'cancelled';
      found = true;
    }
    return found;
  }

  /** Runs every pending time-triggered action that is due, in due order. */
  runDue(): void {
    if (this.running) return;
    const now = this.now();
    const due = this.entries
      .filter((e) => e.status === 'pending' && e.dueAt !== undefined && e.dueAt <= now)
      .sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0));
    for (const entry of due) this.execute(entry, entry.dueAt ?? now);
  }

  /**
   * Counts a request that passed the gates and is about to be handled: runs the `before` actions it completes, and
   * returns the `after` ones for `runAfter` once the handler has run.
   */
  beforeHandling(request: RequestInfo): ScheduledAction[] {
    const after: ScheduledAction[] = [];
    for (const entry of this.entries) {
      const { trigger } = entry;
      if (entry.status !== 'pending' || !('request' in trigger) || !matchesRequest(trigger.request, request)) continue;
      entry.seen++;
      if (entry.seen < (trigger.nth ?? 1)) continue;
      if (trigger.when === 'after') after.push(entry);
      else this.execute(entry, this.now());
    }
    return after;
  }

  runAfter(entries: ScheduledAction[]): void {
    for (const entry of entries) if (entry.status === 'pending') this.execute(entry, this.now());
  }

  private execute(entry: ScheduledAction, at: number): void {
    this.running = true;
    try {
      const problem = this.run(entry, at);
      entry.status = problem === undefined ? 'done' : 'failed';
      entry.ranAt = at;
      if (problem !== undefined) entry.problem = problem;
    } finally {
      this.running = false;
    }
  }
}
