import type { DriftReport } from '../drift/types.js';
import { renderDriftDetails, renderDriftRow, renderUnmanagedDriftItem } from './drift-markdown-item.js';
import { summarizeDrift } from './drift-summary.js';
import { fillSections, listSection, type Section } from './markdown-budget.js';
import { escapeMarkdown } from './markdown-escape.js';
import { DEFAULT_MARKDOWN_MAX_CHARS, type RenderOptions } from './options.js';
import { countNoun } from './summary.js';

/** First line of every drift report: a scheduled workflow finds the open issue by it and edits it in place. */
export const DRIFT_MARKDOWN_MARKER = '<!-- pgensure-drift -->';

/** Details (and unmanaged clusters) are shown open up to this many; more are collapsed. */
const OPEN_MAX = 10;

/** Where the whole report is when this one had to be cut. */
const FULL_REPORT = 'The full report: `pgensure drift --format json`.';

/**
 * The drift report for a GitHub issue body: marker, verdict, a table with who changed what and when, details per
 * cluster, unmanaged clusters collapsed. Never longer than `maxChars`: detail is dropped from the end, visibly.
 */
export function renderDriftMarkdown(report: DriftReport, options: RenderOptions): string {
  const max = options.maxChars ?? DEFAULT_MARKDOWN_MAX_CHARS;
  const head = renderHead(report);
  const footer = renderFooter(report);
  const sections = buildSections(report);
  const whole = fillSections(sections, max - head.length - footer.length);
  if (!whole.cut) return fitWithin(head + whole.pieces.join('') + footer, max);
  const notice = `> **This report was truncated** to stay under ${max} characters: sections at the end are left out. ${FULL_REPORT}\n\n`;
  const reserve = Math.max(...sections.map((s) => renderCutLine(s.count, s.noun).length));
  const fitted = fillSections(sections, max - head.length - footer.length - notice.length - reserve);
  const cut = fitted.cut ? renderCutLine(fitted.cut.omitted, fitted.cut.noun) : '';
  return fitWithin(head + notice + fitted.pieces.join('') + cut + footer, max);
}

/** Last resort for a cap smaller than the head itself: cut hard, never inside a surrogate pair. */
function fitWithin(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = Math.max(0, max);
  const code = text.charCodeAt(end - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}

function renderHead(report: DriftReport): string {
  const lines = [DRIFT_MARKDOWN_MARKER, `### ${escapeMarkdown(summarizeDrift(report))}`, ''];
  if (report.drifted.length > 0) {
    lines.push(
      'Someone changed these clusters outside pgensure (or their files changed and were not applied). Each field shows its value in the files and live. `pgensure apply` sets them back; to keep a live value, write it in the file instead.',
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

function buildSections(report: DriftReport): Section[] {
  const drifted = report.drifted;
  const unmanaged = report.unmanaged;
  const openDetails = drifted.length <= OPEN_MAX;
  const openUnmanaged = unmanaged.length <= OPEN_MAX ? ' open' : '';
  return [
    listSection(
      '| Cluster | Drift | Last modified by | Last modified |\n|---|---|---|---|\n',
      '\n',
      ['drifted cluster in the table', 'drifted clusters in the table'],
      drifted,
      renderDriftRow,
    ),
    listSection('#### Details\n\n', '', ['cluster detail', 'cluster details'], drifted, (item) =>
      renderDriftDetails(item, openDetails),
    ),
    listSection(
      `<details${openUnmanaged}><summary>${countNoun(unmanaged.length, 'cluster')} not managed by any file</summary>\n\n`,
      '\n</details>\n\n',
      ['unmanaged cluster', 'unmanaged clusters'],
      unmanaged,
      renderUnmanagedDriftItem,
    ),
  ];
}

function renderCutLine(omitted: number, noun: readonly [string, string]): string {
  const what = `${omitted} more ${omitted === 1 ? `${noun[0]} is` : `${noun[1]} are`}`;
  return `_Truncated here: ${what} not shown, nor is anything after this point. ${FULL_REPORT}_\n\n`;
}

function renderFooter(report: DriftReport): string {
  const regions = report.regions.length > 0 ? report.regions.join(', ') : 'none';
  return `<sub>pgensure drift format ${report.formatVersion} · regions read: ${escapeMarkdown(regions)} · ${escapeMarkdown(report.createdAt)}</sub>\n`;
}
