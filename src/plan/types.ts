import type { ClusterState, PostgresVersionRead, Region } from '../api/types.js';
import type { FieldChange, KeptField, LiveProperties, UnmanagedCluster } from '../compare/types.js';
import type { DesiredProperties } from '../desired/types.js';
import type { SourcePos } from '../errors.js';
import type { Impact } from '../model/impact.js';
import type { PolicyReport } from '../policy/types.js';

export type { FieldChange, KeptField, LiveProperties, UnmanagedCluster } from '../compare/types.js';

/**
 * Bumped whenever a saved plan's meaning changes; `apply --plan` refuses other versions. 2: plans record their
 * inputs (paths, endpoint, spec digest) and are planned again before they are applied (product.md §6).
 */
export const PLAN_FORMAT_VERSION = 2;

export type Action = 'create' | 'update' | 'replace' | 'delete' | 'noop';
export const ACTIONS: readonly Action[] = ['delete', 'replace', 'create', 'update', 'noop'];

/** One RFC 6902 operation from `before` to `after` (readable fields only). */
export interface PatchOp {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: unknown;
}

/** What plan saw of the live cluster; apply compares it again before every write. */
export interface LiveInfo {
  lastModifiedDate: string | null;
  lastModifiedBy: string | null;
  state: ClusterState | null;
  statusMessage?: string;
  /** Hash of the readable properties (and kept fields) as listed at plan time. */
  fingerprint: string;
}

interface ChangeBase {
  address: string;
  region: Region;
  name: string;
  /** Where the document is (its `kind:` line). */
  source: SourcePos;
  /** JSON pointers into `after` that came from documented defaults. */
  defaulted: readonly string[];
  /** The worst impact of the change on the running database (product.md §8), and whether it can be undone. */
  impact: Impact;
  reversible: boolean;
  /** Every field change with its own impact (for a create: every field sent; for a delete: none). */
  fields: FieldChange[];
  /** Live fields pgensure does not know, carried unchanged in the PUT body (present only when there are some). */
  kept?: KeptField[];
  patch: PatchOp[];
  reasons: string[];
}

export interface CreateChange extends ChangeBase {
  action: 'create';
  /** A function of the address (product.md §3): every run, on every machine, creates this same id. */
  id: string;
  before: null;
  after: DesiredProperties;
  live: null;
}

export interface UpdateChange extends ChangeBase {
  action: 'update';
  id: string;
  before: LiveProperties;
  after: DesiredProperties;
  live: LiveInfo;
}

export interface ReplaceChange extends ChangeBase {
  action: 'replace';
  /** The live cluster that is deleted first. */
  id: string;
  /** The id of the cluster created in its place (also a function of the address). */
  replacementId: string;
  before: LiveProperties;
  after: DesiredProperties;
  live: LiveInfo;
}

export interface DeleteChange extends ChangeBase {
  action: 'delete';
  id: string;
  before: LiveProperties;
  after: null;
  live: LiveInfo;
}

export interface NoopChange extends ChangeBase {
  action: 'noop';
  /** null when `ensure: absent` and the cluster is already gone. */
  id: string | null;
  before: LiveProperties | null;
  after: DesiredProperties | null;
  live: LiveInfo | null;
}

/** The one plan model: every switch over `action` is exhaustive. */
export type Change = CreateChange | UpdateChange | ReplaceChange | DeleteChange | NoopChange;

export type PlanSummary = Record<Action, number>;

/** What a plan was made from, so `apply --plan` can make it again and compare (product.md §6). */
export interface PlanInputs {
  /** The PATHs given to plan (as given, relative to the working directory). */
  paths: string[];
  /** The endpoint template the live state was read from. */
  endpoint: string;
  /** `--region` / `--target` / `--rotate-credentials` as given (null: not given). */
  regions: Region[] | null;
  targets: string[] | null;
  /** `--selector` as given (absent: not given). */
  selector?: Record<string, string> | null;
  rotateCredentials: string[];
  /** sha256 of every spec file read, by path, and of all of them together. */
  files: { path: string; sha256: string }[];
  specDigest: string;
}

/** Plain, versioned, JSON-serialisable: exactly what `--format json` and `--out` write. */
export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  createdAt: string;
  /** Regions whose live state was read. */
  regions: Region[];
  inputs: PlanInputs;
  /** The worst impact of any change, and whether every change can be undone. */
  impact: Impact;
  reversible: boolean;
  changes: Change[];
  /** With --maintenance-window: changes held back because their cluster's window is closed now. */
  deferred?: DeferredChange[];
  unmanaged: UnmanagedCluster[];
  summary: PlanSummary;
  /** What the Policy documents' rules found (product.md §9); absent when the files hold no Policy. */
  policy?: PolicyReport;
}

/** A change held back until its cluster's maintenance window (product.md §8). */
export interface DeferredChange {
  address: string;
  id: string | null;
  action: Action;
  impact: Impact;
  window: { dayOfTheWeek: string; time: string };
  /** When the window opens next (ISO, UTC). */
  opensAt: string;
}

/** What the API's catalogue says for one region. */
export interface RegionCatalog {
  versions: PostgresVersionRead[];
  backupLocations: string[];
}
