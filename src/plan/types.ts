import type { ClusterProperties, ClusterState, PostgresVersionRead, Region } from '../api/types.js';
import type { DesiredProperties } from '../desired/types.js';
import type { SourcePos } from '../errors.js';

/** Bumped whenever a saved plan's meaning changes; `apply --plan` refuses other versions. */
export const PLAN_FORMAT_VERSION = 1;

export type Action = 'create' | 'update' | 'replace' | 'delete' | 'noop';
export const ACTIONS: readonly Action[] = ['delete', 'replace', 'create', 'update', 'noop'];

/** One RFC 6902 operation from `before` to `after` (readable fields only). */
export interface PatchOp {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: unknown;
}

/** What plan saw of the live cluster; `apply --plan` compares it again before any write. */
export interface LiveInfo {
  lastModifiedDate: string | null;
  lastModifiedBy: string | null;
  state: ClusterState | null;
  statusMessage?: string;
  /** Hash of the readable properties as listed at plan time. */
  fingerprint: string;
}

/** The readable v2 properties of a live cluster (write-only and server-set fields stripped). */
export type LiveProperties = Omit<ClusterProperties, 'credentials' | 'restoreFromBackup'>;

interface ChangeBase {
  address: string;
  region: Region;
  name: string;
  /** Where the document is; null for nothing (never for a change). */
  source: SourcePos;
  /** JSON pointers into `after` that came from documented defaults. */
  defaulted: string[];
}

export interface CreateChange extends ChangeBase {
  action: 'create';
  /** The UUID chosen at plan time: create is `PUT /clusters/{id}`, so a retry can never duplicate. */
  id: string;
  before: null;
  after: DesiredProperties;
  patch: PatchOp[];
  reasons: string[];
  live: null;
}

export interface UpdateChange extends ChangeBase {
  action: 'update';
  id: string;
  before: LiveProperties;
  after: DesiredProperties;
  patch: PatchOp[];
  reasons: string[];
  live: LiveInfo;
}

export interface ReplaceChange extends ChangeBase {
  action: 'replace';
  /** The live cluster that is deleted first. */
  id: string;
  /** The UUID of the cluster created in its place. */
  replacementId: string;
  before: LiveProperties;
  after: DesiredProperties;
  patch: PatchOp[];
  reasons: string[];
  live: LiveInfo;
}

export interface DeleteChange extends ChangeBase {
  action: 'delete';
  id: string;
  before: LiveProperties;
  after: null;
  patch: PatchOp[];
  reasons: string[];
  live: LiveInfo;
}

export interface NoopChange extends ChangeBase {
  action: 'noop';
  /** null when `ensure: absent` and the cluster is already gone. */
  id: string | null;
  before: LiveProperties | null;
  after: DesiredProperties | null;
  patch: PatchOp[];
  reasons: string[];
  live: LiveInfo | null;
}

/** The one plan model: every switch over `action` is exhaustive. */
export type Change = CreateChange | UpdateChange | ReplaceChange | DeleteChange | NoopChange;

/** A live cluster in a scanned region that no document names. pgensure never touches it. */
export interface UnmanagedCluster {
  address: string;
  region: Region;
  name: string;
  id: string;
  state: ClusterState | null;
  lastModifiedBy: string | null;
  lastModifiedDate: string | null;
}

export type PlanSummary = Record<Action, number>;

/** Plain, versioned, JSON-serialisable: exactly what `--format json` and `--out` write. */
export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  createdAt: string;
  /** Regions whose live state was read. */
  regions: Region[];
  changes: Change[];
  unmanaged: UnmanagedCluster[];
  summary: PlanSummary;
}

/** What the API's catalogue says for one region. */
export interface RegionCatalog {
  versions: PostgresVersionRead[];
  backupLocations: string[];
}
