import type { ClusterRead } from '../api/types.js';
import type { Binding } from '../compare/types.js';
import type { DesiredCluster } from '../desired/types.js';
import { describeAge } from './age.js';
import type { BackupSummary, Problem, RecoveryWindow } from './types.js';

/** Why a document's cluster is not there (bindings `absent` and `missing-id`). */
export function describeMissing(doc: DesiredCluster, binding: Binding): Problem {
  const message =
    binding.kind === 'missing-id'
      ? `missing: no live cluster in ${doc.region} has metadata.id ${binding.id} (deleted?); pgensure apply would create it again`
      : `missing: no live cluster in ${doc.region} is named "${doc.name}"; pgensure apply would create it`;
  return { kind: 'missing', message };
}

/** What the live cluster and its backup say is wrong, in the order a reader should fix it: state, backup, age. */
export function findProblems(
  cluster: ClusterRead,
  backup: BackupSummary | null,
  window: RecoveryWindow | null,
  maxRecoveryAgeMs: number,
): Problem[] {
  const problems: Problem[] = [];
  const state = cluster.metadata?.state;
  if (state !== 'AVAILABLE') problems.push({ kind: 'state', message: describeState(cluster) });
  if (backup === null || !backup.isActive) {
    problems.push({ kind: 'no-active-backup', message: describeNoActiveBackup(backup) });
  } else if (window !== null && (window.ageMs === null || window.ageMs > maxRecoveryAgeMs)) {
    problems.push({ kind: 'stale-recovery-point', message: describeStale(window, maxRecoveryAgeMs) });
  }
  return problems;
}

/** `FAILED: "disk full"` (the API's statusMessage quoted, so a reader sees where its words begin and end). */
function describeState(cluster: ClusterRead): string {
  const state = cluster.metadata?.state;
  if (state === undefined) return 'the API gives no state for the cluster';
  const message = cluster.metadata.statusMessage;
  return message ? `${state}: ${JSON.stringify(message)}` : `${state}, not AVAILABLE`;
}

function describeNoActiveBackup(backup: BackupSummary | null): string {
  if (backup === null) return 'no active backup: the API lists no backup for the cluster';
  const ended = backup.latestRecoveryTargetTime;
  return `no active backup: the newest backup (${backup.id}) is inactive${ended ? `, restorable up to ${ended}` : ''}`;
}

function describeStale(window: RecoveryWindow, maxRecoveryAgeMs: number): string {
  if (window.ageMs === null) return `latest recovery point unreadable (${JSON.stringify(window.latest)})`;
  return `latest recovery point ${window.latest} is ${describeAge(window.ageMs)} old, older than --max-recovery-age ${describeAge(maxRecoveryAgeMs)}`;
}
