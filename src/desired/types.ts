import type { ClusterProperties, Region } from '../api/types.js';
import type { SourcePos } from '../errors.js';

/** Where a password comes from: it is resolved at apply time, never stored or printed. */
export type PasswordRef = { fromEnv: string } | { fromFile: string };

/** Credentials as the user wrote them: the password is a reference, never a literal. */
export interface DesiredCredentials {
  username: string;
  database: string;
  password: PasswordRef;
}

/** The desired v2 properties with every default filled in; credentials carry a password reference. */
export type DesiredProperties = Omit<ClusterProperties, 'credentials'> & {
  description: string;
  connectionPooler: NonNullable<ClusterProperties['connectionPooler']>;
  logsEnabled: boolean;
  metricsEnabled: boolean;
  credentials: DesiredCredentials;
};

export interface ClusterPolicy {
  ensure: 'present' | 'absent';
  preventDestroy: boolean;
  allowReplace: boolean;
}

/** A value a cluster took from a Defaults document: that document's name, and where the value is written in it. */
export interface InheritedValue {
  defaults: string;
  at: SourcePos;
}

/** Where one value of a cluster's effective document came from (product.md §9): what `show` and plans say. */
export type ValueSource =
  | { from: 'cluster'; file: string; line: number; col: number }
  | { from: 'defaults'; defaults: string; file: string; line: number; col: number }
  | { from: 'built-in' };

/** One validated, normalised spec document: the input of the planner. */
export interface DesiredCluster {
  /** `REGION/NAME`, e.g. `de-fra/orders-prod`. */
  address: string;
  region: Region;
  name: string;
  /** metadata.id, when the document pins an existing cluster. */
  id?: string;
  properties: DesiredProperties;
  /** metadata.labels: pgensure's own, never sent to the API, never diffed (absent: none). */
  labels?: Readonly<Record<string, string>>;
  /** JSON pointers into `properties` whose value came from a documented default, e.g. `/connectionPooler`. */
  defaulted: readonly string[];
  /**
   * The leaves of `properties` that came from a Defaults document (absent or empty: none), keyed by JSON pointer
   * (`/instances/count`). Their `positions` are where the Defaults document writes them.
   */
  inherited?: ReadonlyMap<string, InheritedValue>;
  policy: ClusterPolicy;
  /** The document's position (its `kind:` line). */
  source: SourcePos;
  /**
   * Positions of fields, keyed by JSON pointer into `properties` (`/instances/cores`) or into the document for
   * metadata/policy (`/metadata/name`). Used to point plan-time refusals at the line that caused them. Read-only and
   * compact (src/desired/positions.ts): each `get` returns a new position object.
   */
  positions: ReadonlyMap<string, SourcePos>;
}
