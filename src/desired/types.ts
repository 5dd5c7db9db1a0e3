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

/** One validated, normalised spec document: the input of the planner. */
export interface DesiredCluster {
  /** `REGION/NAME`, e.g. `de-fra/orders-prod`. */
  address: string;
  region: Region;
  name: string;
  /** metadata.id, when the document pins an existing cluster. */
  id?: string;
  properties: DesiredProperties;
  /** JSON pointers into `properties` whose value came from a documented default, e.g. `/connectionPooler`. */
  defaulted: string[];
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
