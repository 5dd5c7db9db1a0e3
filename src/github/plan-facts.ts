import { UsageError } from '../errors.js';

/** The impact levels of product.md §8, from least to most. */
export const IMPACTS = ['none', 'online', 'switchover', 'downtime', 'destructive'] as const;
export type Impact = (typeof IMPACTS)[number];

/** What the labels and the action's outputs need to know about a plan. */
export interface PlanFacts {
  /** The worst impact; undefined only for a plan file written before plans carried impacts. */
  impact: Impact | undefined;
  reversible: boolean;
  /** The plan deletes or replaces a cluster. */
  destructive: boolean;
  /** Creates + updates + replaces + deletes. */
  changes: number;
}

interface PlanJson {
  impact?: unknown;
  reversible?: unknown;
  summary?: Record<string, unknown>;
  changes?: Array<{ action?: unknown; impact?: unknown; reversible?: unknown }>;
}

/** Reads the facts from a JSON plan (`plan --out`); `file` names it in the error when it is not a plan. */
export function readPlanFacts(plan: unknown, file: string): PlanFacts {
  const json = plan as PlanJson;
  const summary = json?.summary;
  if (typeof json !== 'object' || json === null || typeof summary !== 'object' || summary === null) {
    throw new UsageError(`${file} is not a pgensure plan (no "summary")`, {
      hint: 'the plan-file input must name the file `pgensure plan --out` wrote',
    });
  }
  const counts = (key: string) => (typeof summary[key] === 'number' ? (summary[key] as number) : 0);
  const changes = json.changes ?? [];
  return {
    impact: isImpact(json.impact) ? json.impact : worstOf(changes.map((change) => change.impact)),
    reversible:
      typeof json.reversible === 'boolean' ? json.reversible : changes.every((change) => change.reversible !== false),
    destructive: counts('delete') + counts('replace') > 0,
    changes: counts('create') + counts('update') + counts('replace') + counts('delete'),
  };
}

export function isImpact(value: unknown): value is Impact {
  return typeof value === 'string' && (IMPACTS as readonly string[]).includes(value);
}

/** The worst of the known impacts; `none` for no values at all, undefined when some are not impacts. */
function worstOf(values: readonly unknown[]): Impact | undefined {
  if (!values.every(isImpact)) return undefined;
  return values.reduce<Impact>(
    (worst, value) => (IMPACTS.indexOf(value) > IMPACTS.indexOf(worst) ? value : worst),
    'none',
  );
}
