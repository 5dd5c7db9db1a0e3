import { hasChanges } from '../../plan/order.js';
import type { Plan } from '../../plan/types.js';
import { IMPACT_MEANING } from '../shared/impact.js';

/** The one-line summary every format ends (or starts) with, e.g. `Plan: 1 to create, 0 to update, ...`. */
export function summarizePlan(plan: Plan): string {
  if (!hasChanges(plan.summary)) return summarizeCounts(plan);
  return `${summarizeCounts(plan)} Worst impact: ${plan.impact} (${describeImpactMeaning(plan)}).`;
}

/** The counts alone: `Plan: 1 to create, ... 3 unchanged.` or `No changes. 3 unchanged.` */
export function summarizeCounts(plan: Plan): string {
  const s = plan.summary;
  if (!hasChanges(s)) return `No changes. ${s.noop} unchanged.`;
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete, ${s.noop} unchanged.`;
}

/** `open connections are dropped once`, plus `; some of it cannot be undone` when that applies. */
export function describeImpactMeaning(plan: Pick<Plan, 'impact' | 'reversible'>): string {
  return `${IMPACT_MEANING[plan.impact]}${plan.reversible ? '' : '; some of it cannot be undone'}`;
}
