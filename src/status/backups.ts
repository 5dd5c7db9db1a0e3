import type { BackupRead } from '../api/types.js';
import type { BackupSummary, RecoveryWindow } from './types.js';

/** Every listed backup by the id of the cluster it belongs to (a backup without a clusterId belongs to none). */
export function groupBackups(backups: Iterable<BackupRead>): Map<string, BackupRead[]> {
  const byCluster = new Map<string, BackupRead[]>();
  for (const backup of backups) {
    const clusterId = backup.properties?.clusterId;
    if (typeof clusterId !== 'string') continue;
    const list = byCluster.get(clusterId);
    if (list) list.push(backup);
    else byCluster.set(clusterId, [backup]);
  }
  return byCluster;
}

/**
 * The backup a cluster is shown with: the active one (the newest if the API ever lists several), else the newest
 * inactive one, so a reader sees when the last chain ended. "Newest": the chain that began last.
 */
export function pickBackup(backups: readonly BackupRead[]): BackupRead | null {
  const active = backups.filter((backup) => backup.properties?.isActive === true);
  const pool = active.length > 0 ? active : backups;
  let newest: BackupRead | null = null;
  for (const backup of pool) if (newest === null || startOf(backup) > startOf(newest)) newest = backup;
  return newest;
}

/** When a backup's chain began, as epoch ms (createdDate, else its earliest recovery point; unknown sorts first). */
function startOf(backup: BackupRead): number {
  const created = backup.metadata?.createdDate;
  const ms = parseTime(typeof created === 'string' ? created : backup.properties?.earliestRecoveryTargetTime);
  return ms ?? Number.NEGATIVE_INFINITY;
}

/** A backup as the report shows it: the fields a reader needs, null where the API said nothing. */
export function summarizeBackup(backup: BackupRead): BackupSummary {
  const p = backup.properties ?? {};
  const created = backup.metadata?.createdDate;
  return {
    id: backup.id,
    isActive: p.isActive === true,
    location: p.location ?? null,
    postgresClusterVersion: p.postgresClusterVersion ?? null,
    createdDate: typeof created === 'string' ? created : null,
    earliestRecoveryTargetTime: p.earliestRecoveryTargetTime ?? null,
    latestRecoveryTargetTime: p.latestRecoveryTargetTime ?? null,
  };
}

/**
 * Earliest to latest recovery target time. The API documents a null latest time as "can be restored up to the
 * current time"; that holds for an active backup only, so there the latest point is `now`. An inactive backup
 * without a latest time, or a time that does not parse, has an unknown latest point (age null).
 */
export function describeWindow(backup: BackupSummary, nowMs: number): RecoveryWindow {
  const earliest = backup.earliestRecoveryTargetTime;
  if (backup.latestRecoveryTargetTime === null) {
    if (!backup.isActive) return { earliest, latest: null, latestIsNow: false, ageMs: null };
    return { earliest, latest: new Date(nowMs).toISOString(), latestIsNow: true, ageMs: 0 };
  }
  const latestMs = parseTime(backup.latestRecoveryTargetTime);
  // A clock ahead of ours makes a point in the future: it is as fresh as now, not negatively old.
  const ageMs = latestMs === undefined ? null : Math.max(0, nowMs - latestMs);
  return { earliest, latest: backup.latestRecoveryTargetTime, latestIsNow: false, ageMs };
}

/** An RFC 3339 time as epoch ms; undefined when absent or unreadable. */
export function parseTime(text: string | null | undefined): number | undefined {
  if (typeof text !== 'string') return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
