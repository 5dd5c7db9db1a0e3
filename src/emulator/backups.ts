/** Backups like the API's (docs/emulator.md §7): one active backup per cluster, inactive ones kept within retention. */
import type { StoredBackup, Timeline } from './types.js';

/** "Not yet": the createdAt of a first backup whose cluster has never become AVAILABLE. JSON-safe, unlike Infinity. */
export const NEVER_MS = Number.MAX_SAFE_INTEGER;
const DAY_MS = 86_400_000;
const DEFAULT_RETENTION_DAYS = 7;

/** A backup's recovery window at some instant; `latest` null means "up to now" (the SDK's wording). */
export interface RecoveryWindow {
  earliest: number;
  latest: number | null;
}

/** The backups of one region, in insertion order, indexed by id and by the cluster's active backup. */
export class BackupTable {
  private order: StoredBackup[] = [];
  private readonly byId = new Map<string, StoredBackup>();
  private readonly active = new Map<string, StoredBackup>();

  add(backup: StoredBackup): void {
    this.order.push(backup);
    this.byId.set(backup.id, backup);
    if (backup.isActive) this.active.set(backup.clusterId, backup);
  }

  /** A backup by id, visible or not (callers check `isVisible`). */
  get(id: string): StoredBackup | undefined {
    return this.byId.get(id);
  }

  /** The cluster's active backup (possibly not visible yet). */
  ofCluster(clusterId: string): StoredBackup | undefined {
    return this.active.get(clusterId);
  }

  /** Stops a backup at `at` (a delete, a major upgrade): inactive, restorable up to `at` (or its stall point). */
  deactivate(backup: StoredBackup, at: number): void {
    backup.isActive = false;
    backup.latestAt = Math.min(at, backup.stalledAt ?? at);
    delete backup.stalledAt;
    if (this.active.get(backup.clusterId) === backup) this.active.delete(backup.clusterId);
  }

  remove(backup: StoredBackup): void {
    this.byId.delete(backup.id);
    this.order = this.order.filter((b) => b !== backup);
    if (this.active.get(backup.clusterId) === backup) this.active.delete(backup.clusterId);
  }

  all(): readonly StoredBackup[] {
    return this.order;
  }
}

/** When a cluster with this timeline first has a backup: once it is AVAILABLE, plus `delayMs`; NEVER_MS if it fails. */
export function firstBackupAt(timeline: Timeline, delayMs: number): number {
  if (timeline.outcome === 'AVAILABLE') return timeline.busyUntil + delayMs;
  if (timeline.outcome === 'FAILED' && timeline.recoverAt !== undefined) return timeline.recoverAt + delayMs;
  return NEVER_MS;
}

function retentionMs(backup: StoredBackup): number {
  return (backup.retentionDays ?? DEFAULT_RETENTION_DAYS) * DAY_MS;
}

/** Whether GET /backups shows the backup now: after its base backup, and (inactive) until it leaves retention. */
export function isVisible(backup: StoredBackup, now: number): boolean {
  if (backup.createdAt > now) return false;
  return backup.isActive || now - retentionMs(backup) <= (backup.latestAt ?? now);
}

/**
 * The recovery window now. Earliest moves forward with the retention; latest is the stop time (inactive), the stall
 * point (stalled), now minus `lagMs` (when a lag is configured), else null = now.
 */
export function windowOf(backup: StoredBackup, now: number, lagMs: number | null): RecoveryWindow {
  const earliest = Math.max(backup.createdAt, now - retentionMs(backup));
  let latest: number | null = null;
  if (!backup.isActive) latest = backup.latestAt ?? now;
  else if (backup.stalledAt !== undefined) latest = backup.stalledAt;
  else if (lagMs !== null) latest = now - lagMs;
  if (latest === null) return { earliest, latest };
  latest = Math.max(latest, backup.createdAt);
  return { earliest: Math.min(earliest, latest), latest };
}
