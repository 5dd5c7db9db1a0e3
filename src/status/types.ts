import type { ClusterState, InstanceConfiguration, Region } from '../api/types.js';
import type { SourcePos } from '../errors.js';

/** Bumped whenever the status report's meaning changes (schemas/status.schema.json describes version 1). */
export const STATUS_FORMAT_VERSION = 1;

/** What `status --format json` says it is, so a file of unknown origin can be recognised. */
export const STATUS_REPORT_KIND = 'pgensure-status';

/**
 * `healthy` and `unhealthy` for documents that want their cluster (`ensure: present`); `absent` for a tombstone
 * (`ensure: absent`), which is never checked and never makes status exit 2: its cluster is meant to go away.
 */
export type Health = 'healthy' | 'unhealthy' | 'absent';

/**
 * Why a cluster is unhealthy: `missing` (the files want it, no live cluster is there), `state` (not AVAILABLE),
 * `no-active-backup`, `stale-recovery-point` (the latest recovery point is older than --max-recovery-age).
 */
export type ProblemKind = 'missing' | 'state' | 'no-active-backup' | 'stale-recovery-point';

/** One reason a cluster is unhealthy, with the words every format shows. */
export interface Problem {
  kind: ProblemKind;
  message: string;
}

/** The backup a cluster is shown with: its active one, or when it has none the newest inactive one. */
export interface BackupSummary {
  id: string;
  isActive: boolean;
  location: string | null;
  postgresClusterVersion: string | null;
  /** When the backup chain began (the backup's metadata.createdDate), if the API says. */
  createdDate: string | null;
  earliestRecoveryTargetTime: string | null;
  /** As the API lists it: null on an active backup means "up to the current time". */
  latestRecoveryTargetTime: string | null;
}

/** The points in time the cluster can be restored to, from the backup shown. */
export interface RecoveryWindow {
  earliest: string | null;
  /** The latest recovery point; the report's time when the backup is active and the API gives none. */
  latest: string | null;
  /** The API gave no latest time for an active backup: it can restore up to now. */
  latestIsNow: boolean;
  /** How far the latest recovery point lies behind the report's time (never negative); null when unknown. */
  ageMs: number | null;
}

/** One document's cluster as status sees it. Live fields are null when there is no live cluster. */
export interface ClusterStatus {
  address: string;
  region: Region;
  name: string;
  /** The live cluster's id; without one, the document's metadata.id or null. */
  id: string | null;
  /** Where the document is (its `kind:` line). */
  source: SourcePos;
  ensure: 'present' | 'absent';
  /** Whether a live cluster is bound to the document (false: missing, or a tombstone's cluster is gone). */
  exists: boolean;
  health: Health;
  /** Empty unless `unhealthy`. */
  problems: Problem[];
  /** metadata.state as listed: one of the five v2 states, or whatever a newer API sends (shown, never trusted). */
  state: ClusterState | (string & {}) | null;
  statusMessage: string | null;
  dnsName: string | null;
  version: string | null;
  instances: InstanceConfiguration | null;
  /** The cluster's `backup.location` property. */
  backupLocation: string | null;
  /** How many backups the API lists for the cluster (active and inactive). */
  backups: number;
  backup: BackupSummary | null;
  recoveryWindow: RecoveryWindow | null;
  /** Anything else a reader should know (a tombstone's fate), in words. */
  notes: string[];
}

/** Counts over the checked documents. */
export interface StatusSummary {
  /** Documents checked (tombstones included). */
  managed: number;
  healthy: number;
  unhealthy: number;
  absent: number;
  /** Clusters with a problem of each kind (a cluster may count under several). */
  problems: Record<ProblemKindKey, number>;
}

/** The camel-case keys of the problem counts. */
export type ProblemKindKey = 'missing' | 'state' | 'noActiveBackup' | 'staleRecoveryPoint';

/** Plain, versioned, JSON-serialisable: exactly what `status --format json` writes. */
export interface StatusReport {
  formatVersion: typeof STATUS_FORMAT_VERSION;
  kind: typeof STATUS_REPORT_KIND;
  createdAt: string;
  /** --max-recovery-age, in milliseconds. */
  maxRecoveryAgeMs: number;
  /** Regions whose clusters and backups were read, sorted. */
  regions: Region[];
  /** True when no cluster is unhealthy (status exits 0), false otherwise (exit 2). */
  healthy: boolean;
  /** Unhealthy first, then healthy, then tombstones; each group by address. */
  clusters: ClusterStatus[];
  summary: StatusSummary;
}
