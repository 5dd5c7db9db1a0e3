import { compareText } from '../model/order.js';
import { ACTIONS, type Action, type Change, type PlanSummary } from './types.js';

const RANK: Record<Action, number> = Object.fromEntries(ACTIONS.map((action, i) => [action, i])) as Record<
  Action,
  number
>;

/** Deterministic order: deletes, replaces, creates, updates, no-ops; then by address. Returns a new array. */
export function orderChanges(changes: readonly Change[]): Change[] {
  return [...changes].sort((a, b) => RANK[a.action] - RANK[b.action] || compareText(a.address, b.address));
}

export function summarizeChanges(changes: readonly Change[]): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, replace: 0, delete: 0, noop: 0 };
  for (const change of changes) summary[change.action] += 1;
  return summary;
}

export function hasChanges(summary: PlanSummary): boolean {
  return summary.create + summary.update + summary.replace + summary.delete > 0;
}

export { compareText } from '../model/order.js';
