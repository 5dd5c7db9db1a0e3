import { type ClusterStatus, describeAge, type StatusReport } from '../../status/index.js';
import { renderCapped } from '../shared/capped.js';
import { listSection, type Section } from '../shared/markdown-budget.js';
import { escapeMarkdown } from '../shared/markdown-escape.js';
import { DEFAULT_MARKDOWN_MAX_CHARS, type RenderOptions } from '../shared/options.js';
import {
  formatBackup,
  formatHealth,
  formatInstances,
  formatProblems,
  formatState,
  formatWindow,
  NONE,
} from './cells.js';
import { summarizeStatus } from './summary.js';

/** First line of every status report: a scheduled workflow finds the open issue by it and edits it in place. */
export const STATUS_MARKDOWN_MARKER = '<!-- pgensure-status -->';

/** Where the whole report is when this one had to be cut. */
const FULL_REPORT = 'The full report: `pgensure status --format json`.';

const TABLE_HEADER =
  '| Health | Cluster | State | Version | Instances | Backup | Recovery window (UTC) | DNS name |\n|---|---|---|---|---|---|---|---|\n';

/**
 * The status report for a GitHub issue body: marker, verdict, the problems with their reasons, a table of every
 * cluster (problems first), tombstones noted. Never longer than `maxChars`: detail is dropped from the end, visibly.
 */
export function renderStatusMarkdown(report: StatusReport, options: RenderOptions): string {
  return renderCapped({
    head: `${STATUS_MARKDOWN_MARKER}\n### ${escapeMarkdown(summarizeStatus(report))}\n\n`,
    sections: buildSections(report),
    footer: renderFooter(report),
    max: options.maxChars ?? DEFAULT_MARKDOWN_MAX_CHARS,
    what: 'report',
    whereIsAll: FULL_REPORT,
  });
}

function buildSections(report: StatusReport): Section[] {
  const unhealthy = report.clusters.filter((cluster) => cluster.health === 'unhealthy');
  const absent = report.clusters.filter((cluster) => cluster.health === 'absent');
  return [
    listSection('#### Problems\n\n', '\n', ['problem', 'problems'], unhealthy, renderProblem),
    listSection(`#### Clusters\n\n${TABLE_HEADER}`, '\n', ['cluster row', 'cluster rows'], report.clusters, renderRow),
    listSection('#### Not checked (ensure: absent)\n\n', '\n', ['note', 'notes'], absent, renderNote),
  ];
}

function renderProblem(cluster: ClusterStatus): string {
  return `- **${escapeMarkdown(cluster.address)}**: ${escapeMarkdown(formatProblems(cluster))}\n`;
}

function renderRow(cluster: ClusterStatus): string {
  const health = cluster.health === 'unhealthy' ? `**${formatHealth(cluster)}**` : formatHealth(cluster);
  const cells = [
    escapeMarkdown(cluster.address),
    escapeMarkdown(formatState(cluster)),
    escapeMarkdown(cluster.version ?? NONE),
    escapeMarkdown(formatInstances(cluster)),
    escapeMarkdown(formatBackup(cluster)),
    escapeMarkdown(formatWindow(cluster)),
    escapeMarkdown(cluster.dnsName ?? NONE),
  ];
  return `| ${health} | ${cells.join(' | ')} |\n`;
}

function renderNote(cluster: ClusterStatus): string {
  return cluster.notes.map((note) => `- ${escapeMarkdown(cluster.address)}: ${escapeMarkdown(note)}\n`).join('');
}

function renderFooter(report: StatusReport): string {
  const regions = report.regions.length > 0 ? report.regions.join(', ') : 'none';
  const maxAge = describeAge(report.maxRecoveryAgeMs);
  return `<sub>pgensure status format ${report.formatVersion} · regions read: ${escapeMarkdown(regions)} · max recovery age ${escapeMarkdown(maxAge)} · ${escapeMarkdown(report.createdAt)}</sub>\n`;
}
