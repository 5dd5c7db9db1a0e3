/** What a change does to a running database (product.md §8), from least to most, and how to combine them. */

/** `none` < `online` < `switchover` < `downtime` < `destructive`. */
export const IMPACTS = ['none', 'online', 'switchover', 'downtime', 'destructive'] as const;
export type Impact = (typeof IMPACTS)[number];

/** One impact verdict: the level, whether it can be undone, and whether the provider's documentation is silent. */
export interface ImpactVerdict {
  impact: Impact;
  reversible: boolean;
  /** The documentation does not say: the higher plausible level was taken (the plan says so). */
  estimate: boolean;
  /** A few words on why, for reviewers (e.g. "a single instance has no standby to switch to"). */
  why: string;
}

export function isImpact(value: unknown): value is Impact {
  return typeof value === 'string' && (IMPACTS as readonly string[]).includes(value);
}

/** The rank of a level: 0 for `none` … 4 for `destructive`. */
export function rankImpact(impact: Impact): number {
  return IMPACTS.indexOf(impact);
}

/** Whether `impact` is above `limit` (e.g. `--max-impact online` refuses a `switchover`). */
export function exceedsImpact(impact: Impact, limit: Impact): boolean {
  return rankImpact(impact) > rankImpact(limit);
}

/** The worst of several impacts (`none` for none at all). */
export function worstImpact(impacts: Iterable<Impact>): Impact {
  let worst: Impact = 'none';
  for (const impact of impacts) if (rankImpact(impact) > rankImpact(worst)) worst = impact;
  return worst;
}

/** A verdict for a change with nothing to do to the database. */
export const NO_IMPACT: ImpactVerdict = { impact: 'none', reversible: true, estimate: false, why: '' };
