import type { Plan } from '../plan/types.js';
import { type PlanFormat, planRenderers } from '../render/index.js';

/** Picks the renderer from the registry by the --format value. */
export function renderPlanFor(
  plan: Plan,
  format: PlanFormat,
  options: { color: boolean; planArtifact?: string | undefined },
): string {
  const renderOptions =
    options.planArtifact === undefined
      ? { color: options.color }
      : { color: options.color, planArtifact: options.planArtifact };
  return planRenderers[format](plan, renderOptions);
}
