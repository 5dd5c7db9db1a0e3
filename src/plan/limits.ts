/** Narrowing a plan by impact: --max-impact refusals and maintenance-window deferral (product.md §8). Pure. */
import type { SpecIssue } from '../errors.js';
import { exceedsImpact, type Impact, rankImpact } from '../model/impact.js';
import { isWindowOpen, nextWindowStart } from '../model/maintenance-window.js';
import { judgePlan } from './impact.js';
import { summarizeChanges } from './order.js';
import type { Change, DeferredChange, Plan } from './types.js';

/** One refusal per change above `limit`, at the document, naming the fields that make it so. */
export function refuseAboveImpact(plan: Plan, limit: Impact): SpecIssue[] {
  return plan.changes
    .filter((change) => exceedsImpact(change.impact, limit))
    .map((change) => {
      const fields = change.fields.filter((f) => exceedsImpact(f.impact, limit)).map((f) => `${f.path} (${f.impact})`);
      const why = fields.length > 0 ? fields.join(', ') : `a ${change.action}`;
      const message = `${change.address}: impact ${change.impact} is above --max-impact ${limit}: ${why}`;
      return { ...change.source, path: '', message };
    });
}

/**
 * Changes of impact `switchover` or worse go only to clusters whose weekly window is open at `nowMs`; the others are
 * taken out of the plan and listed in its `deferred`. The window is the live cluster's (the one in force now).
 */
export function deferOutsideWindows(plan: Plan, nowMs: number): Plan {
  const kept: Change[] = [];
  const deferred: DeferredChange[] = [];
  for (const change of plan.changes) {
    const window = change.before?.maintenanceWindow;
    const disruptive = rankImpact(change.impact) >= rankImpact('switchover');
    if (!disruptive || window === undefined || isWindowOpen(window, nowMs)) kept.push(change);
    else {
      const { address, id, action, impact } = change;
      const at = { dayOfTheWeek: window.dayOfTheWeek, time: window.time };
      deferred.push({ address, id, action, impact, window: at, opensAt: nextWindowStart(window, nowMs) });
    }
  }
  return { ...plan, ...judgePlan(kept), changes: kept, deferred, summary: summarizeChanges(kept) };
}
