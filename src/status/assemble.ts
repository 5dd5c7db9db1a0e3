import type { BackupRead, ClusterRead, Region } from '../api/types.js';
import { compareFleet } from '../compare/compare.js';
import type { Comparison } from '../compare/types.js';
import type { DesiredCluster } from '../desired/types.js';
import type { SpecIssue } from '../errors.js';
import { compareText } from '../model/order.js';
import { describeMissing, findProblems } from './assess.js';
import { describeWindow, groupBackups, pickBackup, summarizeBackup } from './backups.js';
import { describeTombstone } from './tombstone.js';
import {
  type ClusterStatus,
  type Health,
  type ProblemKind,
  type ProblemKindKey,
  STATUS_FORMAT_VERSION,
  STATUS_REPORT_KIND,
  type StatusReport,
  type StatusSummary,
} from './types.js';

/** What status looks at: the documents, and the cluster and backup lists of every region read. */
export interface StatusInput {
  desired: readonly DesiredCluster[];
  /** Every cluster of each region read (a region missing here was not read). */
  live: ReadonlyMap<Region, readonly ClusterRead[]>;
  /** Every backup GET /backups lists in each region read. */
  backups: ReadonlyMap<Region, readonly BackupRead[]>;
  /** The report's clock, epoch ms: ages and an active backup's "now" are measured from it. */
  nowMs: number;
  /** --max-recovery-age in ms: a latest recovery point older than this is unhealthy. */
  maxRecoveryAgeMs: number;
}

/** The report, or the documents that could not be bound to one cluster (each at its file:line). */
export interface StatusResult {
  report: StatusReport;
  issues: SpecIssue[];
}

/**
 * documents + cluster lists + backup lists + a clock → the status report. Pure. Binding is the comparison core's
 * (compareFleet: each document bound once, by metadata.id or by name), so status, plan and drift agree on which
 * cluster a document means.
 */
export function assembleStatus(input: StatusInput): StatusResult {
  const { comparisons } = compareFleet(input.desired, input.live, { listUnmanaged: false });
  const backups = groupBackups([...input.backups.values()].flat());
  const issues: SpecIssue[] = [];
  const clusters: ClusterStatus[] = [];
  for (const comparison of comparisons) {
    if (comparison.binding.kind === 'error') issues.push(comparison.binding.issue);
    else clusters.push(describeCluster(comparison, backups, input));
  }
  clusters.sort(byHealthThenAddress);
  const summary = summarize(clusters);
  const report: StatusReport = {
    formatVersion: STATUS_FORMAT_VERSION,
    kind: STATUS_REPORT_KIND,
    createdAt: new Date(input.nowMs).toISOString(),
    maxRecoveryAgeMs: input.maxRecoveryAgeMs,
    regions: [...input.live.keys()].sort(),
    healthy: summary.unhealthy === 0,
    clusters,
    summary,
  };
  return { report, issues };
}

function describeCluster(
  { doc, binding }: Comparison,
  backups: ReadonlyMap<string, BackupRead[]>,
  input: StatusInput,
): ClusterStatus {
  const cluster = binding.kind === 'bound' ? binding.cluster : findDestroying(doc, input.live.get(doc.region) ?? []);
  const base = describeBase(doc, cluster);
  // A deleted cluster's backups stay listed (inactive) for a while: a tombstone pinned by metadata.id still shows
  // what it could be restored from.
  const found = describeBackups(backups.get(base.id ?? '') ?? [], input.nowMs);
  if (doc.policy.ensure === 'absent') return { ...base, ...found, notes: [describeTombstone(cluster)] };
  if (cluster === null) return { ...base, ...found, health: 'unhealthy', problems: [describeMissing(doc, binding)] };
  const problems = findProblems(cluster, found.backup, found.recoveryWindow, input.maxRecoveryAgeMs);
  const health: Health = problems.length > 0 ? 'unhealthy' : 'healthy';
  return { ...base, ...found, health, problems };
}

/**
 * The document's cluster while it is being deleted. Binding never picks a DESTROYING cluster (apply may not write
 * to it), but "missing" would hide what is happening: status shows it, with its state.
 */
function findDestroying(doc: DesiredCluster, clusters: readonly ClusterRead[]): ClusterRead | null {
  const id = doc.id?.toLowerCase();
  const isDoc = (c: ClusterRead) => (id === undefined ? c.properties?.name === doc.name : c.id.toLowerCase() === id);
  return clusters.find((c) => c.metadata?.state === 'DESTROYING' && isDoc(c)) ?? null;
}

/** The backup shown for a cluster and its window, from every backup listed for it. */
function describeBackups(
  listed: readonly BackupRead[],
  nowMs: number,
): Pick<ClusterStatus, 'backups' | 'backup' | 'recoveryWindow'> {
  const picked = pickBackup(listed);
  const backup = picked === null ? null : summarizeBackup(picked);
  const recoveryWindow = backup === null ? null : describeWindow(backup, nowMs);
  return { backups: listed.length, backup, recoveryWindow };
}

/** What every entry has: the document's identity and whatever the live cluster says (null without one). */
function describeBase(doc: DesiredCluster, cluster: ClusterRead | null): ClusterStatus {
  const metadata = cluster?.metadata ?? {};
  const properties = cluster?.properties;
  return {
    address: doc.address,
    region: doc.region,
    name: doc.name,
    id: cluster?.id ?? doc.id ?? null,
    source: doc.source,
    ensure: doc.policy.ensure,
    exists: cluster !== null,
    health: 'absent',
    problems: [],
    state: metadata.state ?? null,
    statusMessage: metadata.statusMessage ?? null,
    dnsName: metadata.dnsName ?? null,
    version: properties?.version ?? null,
    instances: properties?.instances ? { ...properties.instances } : null,
    backupLocation: properties?.backup?.location ?? null,
    backups: 0,
    backup: null,
    recoveryWindow: null,
    notes: [],
  };
}

const HEALTH_ORDER: Record<Health, number> = { unhealthy: 0, healthy: 1, absent: 2 };

function byHealthThenAddress(a: ClusterStatus, b: ClusterStatus): number {
  return HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health] || compareText(a.address, b.address);
}

const PROBLEM_KEYS: Record<ProblemKind, ProblemKindKey> = {
  missing: 'missing',
  state: 'state',
  'no-active-backup': 'noActiveBackup',
  'stale-recovery-point': 'staleRecoveryPoint',
};

function summarize(clusters: readonly ClusterStatus[]): StatusSummary {
  const count = (health: Health) => clusters.filter((c) => c.health === health).length;
  const problems: Record<ProblemKindKey, number> = { missing: 0, state: 0, noActiveBackup: 0, staleRecoveryPoint: 0 };
  for (const cluster of clusters) for (const problem of cluster.problems) problems[PROBLEM_KEYS[problem.kind]] += 1;
  return {
    managed: clusters.length,
    healthy: count('healthy'),
    unhealthy: count('unhealthy'),
    absent: count('absent'),
    problems,
  };
}

/** True when status should exit 2: a document that wants its cluster finds it unhealthy (or missing). */
export function isUnhealthy(report: StatusReport): boolean {
  return !report.healthy;
}
