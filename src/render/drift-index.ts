import type { DriftReport } from '../drift/types.js';
import { renderDriftGithub } from './drift-github.js';
import { renderDriftJson } from './drift-json.js';
import { renderDriftMarkdown } from './drift-markdown.js';
import { renderDriftText } from './drift-text.js';
import type { RenderOptions } from './options.js';

export { renderDriftGithub } from './drift-github.js';
export { renderDriftJson } from './drift-json.js';
export { DRIFT_MARKDOWN_MARKER, renderDriftMarkdown } from './drift-markdown.js';
export { summarizeDrift } from './drift-summary.js';
export { renderDriftText } from './drift-text.js';

/** The values of `drift --format`: the plan formats plus `github` (workflow annotations at the spec lines). */
export type DriftFormat = 'text' | 'json' | 'markdown' | 'github';
export const DRIFT_FORMATS: readonly DriftFormat[] = ['text', 'json', 'markdown', 'github'];

/** The drift renderers keyed by the value of `--format`; each is pure and returns the whole output. */
export const driftRenderers: Record<DriftFormat, (report: DriftReport, options: RenderOptions) => string> = {
  text: renderDriftText,
  json: (report) => renderDriftJson(report),
  markdown: renderDriftMarkdown,
  github: (report) => renderDriftGithub(report),
};
