import type { Impact } from '../../model/impact.js';

/** What each level means for a reviewer, in a few words (product.md §8). */
export const IMPACT_MEANING: Record<Impact, string> = {
  none: 'no effect on the running database',
  online: 'applied while the database serves',
  switchover: 'open connections are dropped once',
  downtime: 'the database is unavailable for a while',
  destructive: 'the cluster and its data are deleted',
};

/** `switchover`, `downtime, irreversible`, `switchover (estimate)`: the tag text for one verdict. */
export function describeImpactTag(verdict: { impact: Impact; reversible: boolean; estimate?: boolean }): string {
  const parts: string[] = [verdict.impact];
  if (!verdict.reversible) parts.push('irreversible');
  const text = parts.join(', ');
  return verdict.estimate ? `${text} (estimate)` : text;
}
