/** The one renderer registry: per report kind, the renderers keyed by the value of `--format`. */
import type { DriftReport } from '../drift/types.js';
import type { Plan } from '../plan/types.js';
import type { StatusReport } from '../status/types.js';
import { renderDriftGithub } from './drift/github.js';
import { renderDriftJson } from './drift/json.js';
import { renderDriftMarkdown } from './drift/markdown.js';
import { renderDriftText } from './drift/text.js';
import { renderPlanJson } from './plan/json.js';
import { renderPlanMarkdown } from './plan/markdown.js';
import { renderPlanText } from './plan/text.js';
import type { RenderOptions } from './shared/options.js';
import { renderShowJson } from './show/json.js';
import type { ShowReport } from './show/types.js';
import { renderShowYaml } from './show/yaml.js';
import { renderStatusJson } from './status/json.js';
import { renderStatusMarkdown } from './status/markdown.js';
import { renderStatusText } from './status/text.js';

export { DRIFT_MARKDOWN_MARKER } from './drift/markdown.js';
export { summarizeDrift } from './drift/summary.js';
export { MARKDOWN_MARKER } from './plan/markdown.js';
export { summarizePlan } from './plan/summary.js';
export { formatAnnotation } from './shared/annotations.js';
export { DEFAULT_MARKDOWN_MAX_CHARS, type RenderOptions } from './shared/options.js';
export type { ShowReport } from './show/types.js';
export { STATUS_MARKDOWN_MARKER } from './status/markdown.js';
export { summarizeStatus } from './status/summary.js';

/** A renderer: pure, the value in, the whole output (ending in a newline) out. */
export type Renderer<T> = (value: T, options: RenderOptions) => string;

/** What each kind of report is rendered from. */
interface Reports {
  plan: Plan;
  drift: DriftReport;
  show: ShowReport;
  status: StatusReport;
}

/** Every renderer, by report kind and format. */
export const RENDERERS = {
  plan: { text: renderPlanText, json: (plan) => renderPlanJson(plan), markdown: renderPlanMarkdown },
  drift: {
    text: renderDriftText,
    json: (report) => renderDriftJson(report),
    markdown: renderDriftMarkdown,
    github: (report) => renderDriftGithub(report),
  },
  show: { yaml: renderShowYaml, json: renderShowJson },
  status: { text: renderStatusText, json: (report) => renderStatusJson(report), markdown: renderStatusMarkdown },
} as const satisfies { [K in keyof Reports]: Record<string, Renderer<Reports[K]>> };

export type ReportKind = keyof typeof RENDERERS;
/** The `--format` values of a report kind. */
export type FormatOf<K extends ReportKind> = keyof (typeof RENDERERS)[K] & string;

/** The formats of a report kind, in the order `--help` lists them. */
export function formatsOf<K extends ReportKind>(kind: K): FormatOf<K>[] {
  return Object.keys(RENDERERS[kind]) as FormatOf<K>[];
}

/** Renders a report in a format (the format comes from parseChoice over formatsOf(kind)). */
export function renderReport<K extends ReportKind>(
  kind: K,
  format: FormatOf<K>,
  value: Reports[K],
  options: RenderOptions,
): string {
  const renderer = RENDERERS[kind][format] as Renderer<Reports[K]>;
  return renderer(value, options);
}

export {
  renderDriftGithub,
  renderDriftJson,
  renderDriftMarkdown,
  renderDriftText,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanText,
  renderShowJson,
  renderShowYaml,
  renderStatusJson,
  renderStatusMarkdown,
  renderStatusText,
};
