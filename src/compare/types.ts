/** The comparison core's model: how one document stands against the live state, field by field. */
import type { ClusterProperties, ClusterRead, ClusterState, Region } from '../api/types.js';
import type { DesiredCluster } from '../desired/types.js';
import type { SpecIssue } from '../errors.js';
import type { Impact } from '../model/impact.js';

/** The readable v2 properties of a live cluster (write-only and create-only fields stripped, API defaults filled). */
export type LiveProperties = Omit<ClusterProperties, 'credentials' | 'restoreFromBackup'>;

/** One leaf field that differs between the live cluster (`before`) and the files (`after`). */
export interface FieldChange {
  /** JSON pointer into the v2 properties: `/instances/cores`. */
  pointer: string;
  /** Dotted, as in the spec file: `instances.cores`. */
  path: string;
  kind: 'add' | 'remove' | 'replace';
  /** The live value; absent when the live cluster lacks the field (or there is no live cluster). */
  before?: unknown;
  /** The value in the files; absent when only the live cluster has the field. */
  after?: unknown;
  impact: Impact;
  reversible: boolean;
  /** The provider's documentation is silent: the impact is the higher plausible level. */
  estimate: boolean;
  /** Why the impact is what it is, in a few words. */
  why: string;
  /** The files do not set it: the value is the documented default. */
  defaulted: boolean;
  /** The value in the files came from a Defaults document (product.md §9): its name and where it writes the value. */
  from?: { defaults: string; file: string; line: number; col: number };
}

/** A live property pgensure's field table does not know: carried unchanged into every PUT, never diffed. */
export interface KeptField {
  pointer: string;
  path: string;
  value: unknown;
}

/** The live cluster a document is bound to, or why it is not bound to one. */
export type Binding =
  | { kind: 'bound'; cluster: ClusterRead }
  | { kind: 'absent' }
  /** metadata.id names no live cluster in the region (plan refuses; drift reports the cluster missing). */
  | { kind: 'missing-id'; id: string; issue: SpecIssue }
  | { kind: 'error'; issue: SpecIssue };

/** One document against the live state: the binding and, for a bound cluster, every readable difference. */
export interface Comparison {
  doc: DesiredCluster;
  binding: Binding;
  /** The bound cluster's readable properties (null when not bound). */
  live: LiveProperties | null;
  /** Live properties the field table does not know (kept as live). */
  kept: KeptField[];
  /** Readable differences, in field-table order; empty when not bound or `ensure: absent`. */
  fields: FieldChange[];
}

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
