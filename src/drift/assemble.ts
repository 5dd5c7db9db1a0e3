import type { ClusterRead, Region } from '../api/types.js';
import { compareFleet } from '../compare/compare.js';
import type { Comparison } from '../compare/types.js';
import type { DesiredCluster } from '../desired/types.js';
import type { SpecIssue } from '../errors.js';
import { compareText } from '../model/order.js';
import { describeLive } from '../plan/live.js';
import { describeFieldNotes, toDriftField } from './fields.js';
import { DRIFT_FORMAT_VERSION, type DriftedCluster, type DriftReport, type DriftSummary } from './types.js';

/** What drift compares: the documents and the live clusters of every scanned region. No catalogue is needed. */
export interface DriftInput {
  desired: readonly DesiredCluster[];
  /** Live clusters of every scanned region (a region missing here was not read). */
  live: ReadonlyMap<Region, readonly ClusterRead[]>;
  /** ISO timestamp of this report. */
  now: string;
  /** List live clusters no document names (off when --target narrows the report). */
  listUnmanaged: boolean;
}

/** The report, or the documents that could not be bound to one cluster (each at its file:line). */
export interface DriftResult {
  report: DriftReport;
  issues: SpecIssue[];
}

/**
 * desired + live → drift report, from the same comparison the planner uses. Pure, read-only by construction, and
 * independent of the planner's refusals: an immutable field changed in the console is reported like any other.
 */
export function assembleDrift(input: DriftInput): DriftResult {
  const { comparisons, unmanaged } = compareFleet(input.desired, input.live, { listUnmanaged: input.listUnmanaged });
  const issues: SpecIssue[] = [];
  const drifted: DriftedCluster[] = [];
  for (const comparison of comparisons) {
    if (comparison.binding.kind === 'error') issues.push(comparison.binding.issue);
    else {
      const item = describeDrift(comparison);
      if (item) drifted.push(item);
    }
  }
  drifted.sort((a, b) => compareText(a.address, b.address));
  const report: DriftReport = {
    formatVersion: DRIFT_FORMAT_VERSION,
    createdAt: input.now,
    regions: [...input.live.keys()].sort(),
    drifted,
    unmanaged,
    summary: summarize(input.desired.length - issues.length, drifted, unmanaged.length),
  };
  return { report, issues };
}

function describeDrift({ doc, binding, live, kept, fields }: Comparison): DriftedCluster | null {
  const base = { address: doc.address, region: doc.region, name: doc.name, source: doc.source };
  const cluster = binding.kind === 'bound' ? binding.cluster : null;
  if (doc.policy.ensure === 'absent') {
    if (!cluster || !live) return null;
    const notes = ['policy.ensure is absent, but the cluster exists: pgensure apply would delete it'];
    return { ...base, id: cluster.id, status: 'exists', fields: [], notes, live: describeLive(cluster, live, kept) };
  }
  if (!cluster || !live) {
    const notes =
      binding.kind === 'missing-id'
        ? [
            `no live cluster has metadata.id ${binding.id}: it was deleted; pgensure apply would create it again with this id (or remove metadata.id)`,
          ]
        : [`no live cluster in ${doc.region} is named "${doc.name}": pgensure apply would create it`];
    return { ...base, id: doc.id ?? null, status: 'missing', fields: [], notes, live: null };
  }
  if (fields.length === 0) return null;
  const driftFields = fields.map((field) => toDriftField(doc, field));
  const info = describeLive(cluster, live, kept);
  const failed =
    info.state === 'FAILED' ? [`the cluster is FAILED${info.statusMessage ? `: ${info.statusMessage}` : ''}`] : [];
  const notes = [...describeFieldNotes(driftFields), ...failed];
  return { ...base, id: cluster.id, status: 'changed', fields: driftFields, notes, live: info };
}

function summarize(checked: number, drifted: readonly DriftedCluster[], unmanaged: number): DriftSummary {
  const count = (status: DriftedCluster['status']) => drifted.filter((item) => item.status === status).length;
  const summary = { managed: checked, changed: count('changed'), missing: count('missing'), exists: count('exists') };
  return { ...summary, inSync: checked - drifted.length, unmanaged };
}

/** True when the report should make `drift` exit 2: a managed cluster differs (unmanaged ones are only listed). */
export function hasDrift(report: DriftReport): boolean {
  return report.drifted.length > 0;
}
