import type { Plan } from '../plan/types.js';
import { renderPlanJson } from './json.js';
import { renderPlanMarkdown } from './markdown.js';
import type { PlanFormat, RenderOptions } from './options.js';
import { renderPlanText } from './text.js';

export { hasChanges } from '../plan/order.js';
export { renderPlanJson } from './json.js';
export { MARKDOWN_MARKER, renderPlanMarkdown } from './markdown.js';
export {
  DEFAULT_MARKDOWN_MAX_CHARS,
  isPlanFormat,
  PLAN_FORMATS,
  type PlanFormat,
  type RenderOptions,
} from './options.js';
export { type Risk, type RiskLevel, rateRisk } from './risk.js';
export { summarizePlan } from './summary.js';
export { renderPlanText } from './text.js';

/** A plan renderer: pure, Plan in, the whole output (ending in a newline) out. */
export type PlanRenderer = (plan: Plan, options: RenderOptions) => string;

/** The renderers keyed by the value of `--format`. */
export const planRenderers: Record<PlanFormat, PlanRenderer> = {
  text: renderPlanText,
  json: (plan) => renderPlanJson(plan),
  markdown: renderPlanMarkdown,
};
