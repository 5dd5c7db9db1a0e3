import type { StatusReport } from '../../status/index.js';
import { orderKeys } from '../shared/json.js';

// The published order (schemas/status.schema.json); keys a newer version adds keep their place after these.
const REPORT_KEYS = [
  'formatVersion',
  'kind',
  'createdAt',
  'maxRecoveryAgeMs',
  'regions',
  'healthy',
  'clusters',
  'summary',
];
const CLUSTER_KEYS = [
  'address',
  'region',
  'name',
  'id',
  'source',
  'ensure',
  'exists',
  'health',
  'problems',
  'state',
  'statusMessage',
  'dnsName',
  'version',
  'instances',
  'backupLocation',
  'backups',
  'backup',
  'recoveryWindow',
  'notes',
];
const SUMMARY_KEYS = ['managed', 'healthy', 'unhealthy', 'absent', 'problems'];

/** The JSON status report: the report object itself, keys in a stable order, 2-space indent, trailing newline. */
export function renderStatusJson(report: StatusReport): string {
  const ordered = {
    ...orderKeys(report, REPORT_KEYS),
    clusters: report.clusters.map((cluster) => orderKeys(cluster, CLUSTER_KEYS)),
    summary: orderKeys(report.summary, SUMMARY_KEYS),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
