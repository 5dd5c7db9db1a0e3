import type { Region } from '../api/types.js';
import type { UnmanagedCluster } from '../compare/types.js';
import type { SourcePos } from '../errors.js';
import type { LiveInfo } from '../plan/types.js';

/** Bumped whenever the drift report's meaning changes (schemas/drift.schema.json describes version 1). */
export const DRIFT_FORMAT_VERSION = 1;

/**
 * How a cluster differs from its document: `changed` (readable fields differ), `missing` (the files want it, no live
 * cluster exists) or `exists` (the files say `ensure: absent`, but the cluster is there).
 */
export type DriftStatus = 'changed' | 'missing' | 'exists';

/** One readable field whose live value is not the one in the files. */
export interface DriftField {
  /** Dotted, as in the spec file: `instances.cores`. */
  path: string;
  /** JSON pointer into the v2 properties: `/instances/cores`. */
  pointer: string;
  /** The value in the files; absent when only the live cluster has the field. */
  desired?: unknown;
  /** The live value; absent when the live cluster lacks the field. */
  live?: unknown;
  /** The files do not set it: the desired value is the documented default. */
  defaulted: boolean;
  /** An immutable field: plan refuses to revert it (it would be a replace). */
  immutable: boolean;
  /** The line in the spec file that sets the field (the document itself when a default applied). */
  source: SourcePos;
}

/** One document whose live cluster does not match it. */
export interface DriftedCluster {
  address: string;
  region: Region;
  name: string;
  /** The live cluster's id; for `missing`, the pinned metadata.id or null. */
  id: string | null;
  status: DriftStatus;
  /** Where the document is (its `kind:` line). */
  source: SourcePos;
  /** Differing fields in spec order; empty unless `changed`. */
  fields: DriftField[];
  /** What apply would (or could not) do about it, in words. */
  notes: string[];
  /** Who changed the live cluster last and when; null when there is no live cluster. */
  live: LiveInfo | null;
}

/** Counts over the scanned documents and regions. */
export interface DriftSummary {
  /** Documents checked. */
  managed: number;
  inSync: number;
  changed: number;
  missing: number;
  exists: number;
  unmanaged: number;
}

/** Plain, versioned, JSON-serialisable: exactly what `drift --format json` writes. */
export interface DriftReport {
  formatVersion: typeof DRIFT_FORMAT_VERSION;
  createdAt: string;
  /** Regions whose live state was read. */
  regions: Region[];
  drifted: DriftedCluster[];
  unmanaged: UnmanagedCluster[];
  summary: DriftSummary;
}
