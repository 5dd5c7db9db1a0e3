import type { ClusterStatus } from '../../status/index.js';
import { describeAge } from '../../status/index.js';

/** The words for a missing value in a table cell. */
export const NONE = '-';

/** `2030-12-24 18:00` (UTC, to the minute: a recovery window is read at a glance); unreadable text as it is. */
export function formatTime(iso: string | null): string {
  if (iso === null) return '?';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** `earliest → latest`: `now` for an active backup restorable up to now, the age of a latest point in the past. */
export function formatWindow(cluster: ClusterStatus): string {
  const window = cluster.recoveryWindow;
  if (window === null) return NONE;
  const latest = window.latestIsNow ? 'now' : formatTime(window.latest);
  const age = !window.latestIsNow && window.ageMs !== null ? ` (${describeAge(window.ageMs)} ago)` : '';
  return `${formatTime(window.earliest)} → ${latest}${age}`;
}

/** `3 × 4c/16GB/100GB`: instances × cores / RAM / storage. */
export function formatInstances(cluster: ClusterStatus): string {
  const i = cluster.instances;
  return i === null ? NONE : `${i.count} × ${i.cores}c/${i.ram}GB/${i.storageSize}GB`;
}

/** The cluster's backup location and whether its backup is active: `eu-central-3 active`, `eu-central-3 none`. */
export function formatBackup(cluster: ClusterStatus): string {
  const activity = cluster.backup === null ? 'none' : cluster.backup.isActive ? 'active' : 'inactive';
  if (cluster.backupLocation === null && cluster.backup === null) return NONE;
  return `${cluster.backupLocation ?? cluster.backup?.location ?? '?'} ${activity}`;
}

/** The live state; without a live cluster, `missing` (the files want one) or `gone` (a tombstone's, as wanted). */
export function formatState(cluster: ClusterStatus): string {
  if (!cluster.exists) return cluster.ensure === 'absent' ? 'gone' : 'missing';
  return cluster.state ?? '?';
}

/** The health column: `ok`, `UNHEALTHY`, `absent`. */
export function formatHealth(cluster: ClusterStatus): string {
  return cluster.health === 'healthy' ? 'ok' : cluster.health === 'unhealthy' ? 'UNHEALTHY' : 'absent';
}

/** Every problem of a cluster, in one line. */
export function formatProblems(cluster: ClusterStatus): string {
  return cluster.problems.map((problem) => problem.message).join('; ');
}
