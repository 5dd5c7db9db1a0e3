import type { ClusterRead, Region } from '../api/types.js';
import type { DesiredCluster } from '../desired/types.js';
import type { SpecIssue } from '../errors.js';
import { bindDocument, indexLive, issueAt, type LiveIndex } from '../plan/bind.js';
import { describeLive, readableProperties } from '../plan/live.js';
import { compareText } from '../plan/order.js';
import { findUnmanaged } from '../plan/unmanaged.js';
import { describeFieldNotes, listDriftFields } from './fields.js';
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

/** Where a document stands against the live state: bound to a cluster, without one, or unbindable. */
type Match = { kind: 'bound'; cluster: ClusterRead } | { kind: 'none' } | { kind: 'error'; issue: SpecIssue };

/**
 * desired + live → drift report. Pure, read-only by construction, and independent of the planner's refusals: an
 * immutable field changed in the console is reported like any other (plan refuses it; drift only says so).
 */
export function assembleDrift(input: DriftInput): DriftResult {
  const index = indexLive(input.live);
  const issues: SpecIssue[] = [];
  const drifted: DriftedCluster[] = [];
  const bound = new Map<string, DesiredCluster>();
  for (const doc of input.desired) {
    const match = matchDocument(doc, index);
    if (match.kind === 'error') {
      issues.push(match.issue);
      continue;
    }
    if (match.kind === 'bound') {
      const other = bound.get(match.cluster.id);
      if (other) {
        issues.push(
          issueAt(
            doc,
            '/metadata/name',
            `binds to cluster ${match.cluster.id}, which ${other.address} (${other.source.file}:${other.source.line}) also binds to`,
          ),
        );
        continue;
      }
      bound.set(match.cluster.id, doc);
    }
    const item = compareDocument(doc, match.kind === 'bound' ? match.cluster : null);
    if (item) drifted.push(item);
  }
  drifted.sort((a, b) => compareText(a.address, b.address));
  const unmanaged = input.listUnmanaged ? findUnmanaged(input.live, bound) : [];
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

/**
 * The planner's identity rules, with one difference: a pinned metadata.id that no longer exists is drift (the
 * cluster was deleted elsewhere), not an error.
 */
function matchDocument(doc: DesiredCluster, index: LiveIndex): Match {
  if (doc.id !== undefined) {
    const found = index.byId.get(doc.id);
    if (!found || found.cluster.metadata.state === 'DESTROYING') return { kind: 'none' };
  }
  const binding = bindDocument(doc, index);
  if (binding.kind === 'absent') return { kind: 'none' };
  return binding;
}

function compareDocument(doc: DesiredCluster, cluster: ClusterRead | null): DriftedCluster | null {
  const base = { address: doc.address, region: doc.region, name: doc.name, source: doc.source };
  if (doc.policy.ensure === 'absent') {
    if (!cluster) return null;
    const notes = ['policy.ensure is absent, but the cluster exists: pgensure apply would delete it'];
    return { ...base, id: cluster.id, status: 'exists', fields: [], notes, live: describeLive(cluster) };
  }
  if (!cluster) {
    const notes = doc.id
      ? [`no live cluster has metadata.id ${doc.id}: it was deleted; remove metadata.id to let apply create a new one`]
      : [`no live cluster in ${doc.region} is named "${doc.name}": pgensure apply would create it`];
    return { ...base, id: doc.id ?? null, status: 'missing', fields: [], notes, live: null };
  }
  const fields = listDriftFields(doc, readableProperties(cluster));
  if (fields.length === 0) return null;
  const live = describeLive(cluster);
  const failed =
    live.state === 'FAILED' ? [`the cluster is FAILED${live.statusMessage ? `: ${live.statusMessage}` : ''}`] : [];
  return {
    ...base,
    id: cluster.id,
    status: 'changed',
    fields,
    notes: [...describeFieldNotes(fields), ...failed],
    live,
  };
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
