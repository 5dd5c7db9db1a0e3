import type {
  ClusterConnection,
  ConnectionPooler,
  InstanceConfiguration,
  MaintenanceWindow,
  Region,
  ReplicationMode,
} from '../api/types.js';
import type { ClusterPolicy, PasswordRef } from './types.js';

/** Spec file text and the path shown to the user (relative to cwd, posix separators). */
export interface SpecSource {
  file: string;
  text: string;
}

/**
 * Where one node of a YAML document sits (1-based). `keyLine`/`keyCol` are 0 for the document root.
 * `collection` is true for maps and lists: those are reported at their key, scalars at their value.
 */
export interface NodeLoc {
  keyLine: number;
  keyCol: number;
  line: number;
  col: number;
  collection: boolean;
}

/** What positions are worked out from: a document's file and the position of every node, keyed by JSON pointer. */
export interface NodeSource {
  readonly file: string;
  /** Keyed by JSON pointer ('' = root). May be read only when first asked for (src/desired/lazy-nodes.ts). */
  readonly nodes: Map<string, NodeLoc>;
}

/** One non-empty YAML document: its plain JS value and the position of every node. */
export interface ParsedDocument extends NodeSource {
  value: unknown;
  /** The document's own place (its `kind:` key, else its first line), when the reader knew it without its nodes. */
  source?: { line: number; col: number };
  /** Its nodes without its value, to keep after the document is dropped (absent: use the document itself). */
  located?: NodeSource;
}

/** A document as written, once it passed the schema (the schema is the source of truth for this shape). */
export interface SpecDocument {
  apiVersion: 'pgensure/v1';
  kind: 'PostgresCluster';
  metadata: { name: string; region: Region; id?: string; labels?: Record<string, string> };
  spec: {
    description?: string;
    version: string;
    instances: InstanceConfiguration;
    connection: ClusterConnection;
    maintenanceWindow?: MaintenanceWindow;
    replicationMode?: ReplicationMode;
    connectionPooler?: ConnectionPooler;
    backup?: { location: string; retentionDays?: number };
    backupLocation?: string;
    logsEnabled?: boolean;
    metricsEnabled?: boolean;
    credentials: { username: string; database: string; password: PasswordRef };
    restoreFromBackup?: { sourceBackupId: string; recoveryTargetDatetime?: string };
  };
  policy?: Partial<ClusterPolicy>;
}
