import type { DriftReport } from '../../drift/types.js';
import { renderCapped } from '../shared/capped.js';
import { listSection, type Section } from '../shared/markdown-budget.js';
import { escapeMarkdown } from '../shared/markdown-escape.js';
import { DEFAULT_MARKDOWN_MAX_CHARS, type RenderOptions } from '../shared/options.js';
import { countNoun } from '../shared/text.js';
import { renderDriftDetails, renderDriftRow, renderUnmanagedDriftItem } from './markdown-item.js';
import { summarizeDrift } from './summary.js';

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
  return renderCapped({
    head: renderHead(report),
    sections: buildSections(report),
    footer: renderFooter(report),
    max: options.maxChars ?? DEFAULT_MARKDOWN_MAX_CHARS,
    what: 'report',
    whereIsAll: FULL_REPORT,
  });
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

function renderFooter(report: DriftReport): string {
  const regions = report.regions.length > 0 ? report.regions.join(', ') : 'none';
  return `<sub>pgensure drift format ${report.formatVersion} · regions read: ${escapeMarkdown(regions)} · ${escapeMarkdown(report.createdAt)}</sub>\n`;
}
