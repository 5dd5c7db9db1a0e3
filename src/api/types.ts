/** The IONOS DBaaS PostgreSQL v2 wire format (SDK psql/v3 3.1.0 shape; see shared/api/v2-contract.md §2). */

/** The nine v2 regions; each has its own endpoint `https://postgresql.<region>.ionos.com`. */
export const REGIONS = [
  'de-txl',
  'de-fra',
  'fr-par',
  'es-vit',
  'gb-lhr',
  'gb-bhx',
  'us-las',
  'us-mci',
  'us-ewr',
] as const;
export type Region = (typeof REGIONS)[number];

export function isRegion(value: unknown): value is Region {
  return typeof value === 'string' && (REGIONS as readonly string[]).includes(value);
}

export const CLUSTER_STATES = ['PROVISIONING', 'AVAILABLE', 'UPDATING', 'DESTROYING', 'FAILED'] as const;
export type ClusterState = (typeof CLUSTER_STATES)[number];

export const DAYS_OF_THE_WEEK = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export type DayOfTheWeek = (typeof DAYS_OF_THE_WEEK)[number];

export const REPLICATION_MODES = ['ASYNCHRONOUS', 'STRICTLY_SYNCHRONOUS'] as const;
export type ReplicationMode = (typeof REPLICATION_MODES)[number];

export const CONNECTION_POOLERS = ['DISABLED', 'TRANSACTION', 'SESSION'] as const;
export type ConnectionPooler = (typeof CONNECTION_POOLERS)[number];

export interface InstanceConfiguration {
  count: number;
  cores: number;
  ram: number;
  storageSize: number;
}

export interface ClusterConnection {
  datacenterId: string;
  lanId: string;
  primaryInstanceAddress: string;
}

export interface MaintenanceWindow {
  dayOfTheWeek: DayOfTheWeek;
  time: string;
}

export interface ClusterBackup {
  location: string;
  retentionDays: number;
}

/** Write-only: the API never returns any of it. */
export interface Credentials {
  username: string;
  database: string;
  password: string;
}

/** Create from a backup (sourceBackupId) or restore in place (recoveryTargetDatetime only). */
export interface RestoreFromBackup {
  sourceBackupId?: string;
  recoveryTargetDatetime?: string;
}

/** `Cluster`: the body of PUT's `properties` and what GET returns (minus write-only fields). */
export interface ClusterProperties {
  name: string;
  description?: string;
  version: string;
  instances: InstanceConfiguration;
  connection: ClusterConnection;
  maintenanceWindow: MaintenanceWindow;
  replicationMode: ReplicationMode;
  connectionPooler?: ConnectionPooler;
  logsEnabled?: boolean;
  metricsEnabled?: boolean;
  backup: ClusterBackup;
  credentials?: Credentials;
  restoreFromBackup?: RestoreFromBackup;
}

export interface ClusterMetadata {
  createdDate?: string;
  createdBy?: string;
  createdByUserId?: string;
  lastModifiedDate?: string;
  lastModifiedBy?: string;
  lastModifiedByUserId?: string;
  resourceURN?: string;
  state?: ClusterState;
  statusMessage?: string;
  dnsName?: string;
}

export interface ClusterRead {
  id: string;
  type: string;
  href: string;
  metadata: ClusterMetadata;
  properties: ClusterProperties;
}

/** PUT /clusters/{id} body. */
export interface ClusterEnsure {
  id: string;
  metadata?: Record<string, unknown>;
  properties: ClusterProperties;
}

export interface ListLinks {
  prev?: string;
  self?: string;
  next?: string;
}

export interface ReadList<T> {
  id: string;
  type: string;
  href: string;
  items?: T[];
  offset: number;
  limit: number;
  _links: ListLinks;
}

export interface PostgresVersionRead {
  id: string;
  type: string;
  href: string;
  metadata: Record<string, unknown>;
  properties: { version?: string; status?: string; comment?: string; canUpgradeTo?: string[] };
}

export interface BackupLocationRead {
  id: string;
  type: string;
  href: string;
  metadata: Record<string, unknown>;
  properties: { location?: string };
}

export interface BackupRead {
  id: string;
  type: string;
  href: string;
  metadata: Record<string, unknown>;
  properties: {
    clusterId?: string;
    postgresClusterVersion?: string;
    isActive?: boolean;
    earliestRecoveryTargetTime?: string;
    latestRecoveryTargetTime?: string | null;
    location?: string;
  };
}

/** The API's error body for every declared error status. */
export interface ApiErrorBody {
  httpStatus?: number;
  messages?: { errorCode?: string; message?: string }[];
}
