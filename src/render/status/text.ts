import type { ClusterStatus, StatusReport } from '../../status/index.js';
import { paint, type Style } from '../shared/ansi.js';
import type { RenderOptions } from '../shared/options.js';
import { sanitizeInline } from '../shared/text.js';
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
import { type Column, renderTable } from './table.js';

/**
 * The widest each column may be. A cluster address is at most 70 characters (region + 63); 40 keeps a row of
 * 200 clusters on one line of a wide terminal, and the problem lines above the table always show it whole.
 */
const COLUMNS: readonly Column[] = [
  { header: 'HEALTH', max: 9, cut: 'end' },
  { header: 'CLUSTER', max: 40, cut: 'middle' },
  { header: 'STATE', max: 12, cut: 'end' },
  { header: 'VERSION', max: 7, cut: 'end' },
  { header: 'INSTANCES', max: 24, cut: 'end' },
  { header: 'BACKUP', max: 28, cut: 'middle' },
  { header: 'RECOVERY WINDOW (UTC)', max: 48, cut: 'end' },
  { header: 'DNS NAME', max: 64, cut: 'middle' },
];

const HEALTH_STYLES: Record<ClusterStatus['health'], Style | null> = {
  unhealthy: 'red',
  healthy: 'green',
  absent: null,
};

/** The terminal report: the problems with their reasons, one table row per cluster (problems first), a verdict. */
export function renderStatusText(report: StatusReport, options: RenderOptions): string {
  const { color } = options;
  const lines: string[] = [];
  const unhealthy = report.clusters.filter((cluster) => cluster.health === 'unhealthy');
  if (unhealthy.length > 0) lines.push('Problems:', ...renderProblems(unhealthy, color), '');
  if (report.clusters.length > 0) lines.push(...renderClusterTable(report.clusters, color), '');
  const absent = report.clusters.filter((cluster) => cluster.health === 'absent');
  if (absent.length > 0) lines.push('Not checked:', ...renderNotes(absent), '');
  lines.push(paint(color, 'bold', summarizeStatus(report)));
  return `${lines.join('\n')}\n`;
}

/**
 * `  ! de-fra/orders-prod  FAILED: "disk full"`: the whole address, every reason. Reasons line up up to the table's
 * address width; a longer address pushes only its own reason along.
 */
function renderProblems(clusters: readonly ClusterStatus[], color: boolean): string[] {
  const longest = Math.max(...clusters.map((cluster) => sanitizeInline(cluster.address).length));
  const width = Math.min(longest, COLUMNS[1]!.max);
  return clusters.map(
    (cluster) =>
      `  ${paint(color, 'red', '!')} ${sanitizeInline(cluster.address).padEnd(width)}  ${sanitizeInline(formatProblems(cluster))}`,
  );
}

function renderClusterTable(clusters: readonly ClusterStatus[], color: boolean): string[] {
  const rows = clusters.map((cluster) => [
    formatHealth(cluster),
    cluster.address,
    formatState(cluster),
    cluster.version ?? NONE,
    formatInstances(cluster),
    formatBackup(cluster),
    formatWindow(cluster),
    cluster.dnsName ?? NONE,
  ]);
  return renderTable(COLUMNS, rows, (row, column, padded) => {
    const style = column === 0 ? HEALTH_STYLES[clusters[row]!.health] : null;
    return style === null ? padded : paint(color, style, padded);
  });
}

function renderNotes(clusters: readonly ClusterStatus[]): string[] {
  return clusters.flatMap((cluster) =>
    cluster.notes.map((note) => `  - ${sanitizeInline(cluster.address)}: ${sanitizeInline(note)}`),
  );
}
