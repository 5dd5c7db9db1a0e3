import { hasChanges } from '../plan/order.js';
import type { Plan, PlanSummary } from '../plan/types.js';

/** Deletes plus replaces: every change after which an existing cluster (and its data) is gone. */
export function countDestructive(summary: PlanSummary): number {
  return summary.delete + summary.replace;
}

/** The one-line summary every format ends (or starts) with, e.g. `Plan: 1 to create, 0 to update, ...`. */
export function summarizePlan(plan: Plan): string {
  const s = plan.summary;
  if (!hasChanges(s)) return `No changes. ${s.noop} unchanged.`;
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete, ${s.noop} unchanged.`;
}

/** `1 cluster`, `2 clusters`. */
export function countNoun(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
