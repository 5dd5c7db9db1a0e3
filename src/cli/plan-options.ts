import { PlanRefusedError } from '../errors.js';
import { IMPACTS, type Impact } from '../model/impact.js';
import { deferOutsideWindows, refuseAboveImpact } from '../plan/limits.js';
import type { Plan } from '../plan/types.js';
import { parseChoice } from './args.js';

/** --max-impact and --maintenance-window, shared by plan and apply (product.md §8). */
export const IMPACT_OPTIONS = {
  'max-impact': { type: 'string' },
  'maintenance-window': { type: 'boolean' },
} as const;

/** The help lines of IMPACT_OPTIONS. */
export const IMPACT_HELP = `  --max-impact LEVEL            refuse (exit 1, nothing written) when a change's impact is above LEVEL:
                                none, online, switchover, downtime or destructive
  --maintenance-window          changes of impact switchover or worse only for clusters whose weekly maintenance
                                window (4 hours from maintenanceWindow.time, UTC) is open now; the rest are deferred
`;

/** The impact limit asked for, if any. */
export function parseMaxImpact(value: string | undefined): Impact | undefined {
  return value === undefined ? undefined : parseChoice('max-impact', value, IMPACTS, 'destructive');
}

/**
 * The plan as the flags narrow it: with --maintenance-window, disruptive changes outside their window are deferred
 * (judged at `nowMs`, from the shell's clock); with --max-impact, any change left above the limit refuses the plan.
 */
export function narrowPlan(
  plan: Plan,
  options: { maxImpact: Impact | undefined; window: boolean; nowMs: number },
): Plan {
  const narrowed = options.window ? deferOutsideWindows(plan, options.nowMs) : plan;
  if (options.maxImpact === undefined) return narrowed;
  const issues = refuseAboveImpact(narrowed, options.maxImpact);
  if (issues.length > 0) {
    throw new PlanRefusedError(issues, {
      hint: `nothing was written; review these changes and apply them without --max-impact ${options.maxImpact} (or in their maintenance window)`,
    });
  }
  return narrowed;
}
