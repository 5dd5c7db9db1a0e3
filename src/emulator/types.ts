/** Public and internal types of the local v2 API emulator (behaviour spec: docs/emulator.md). */
import type { ClusterProperties, ClusterRead, ClusterState, Credentials, Region } from '../api/types.js';

/** How to start an emulator. */
export interface EmulatorOptions {
  /** Interface to listen on; default '127.0.0.1'. */
  host?: string;
  /** Port; default 0 (ephemeral). */
  port?: number;
  /** If set, require exactly `Authorization: Bearer <token>`; else any non-empty Bearer token. */
  token?: string;
  /** How long PROVISIONING/UPDATING/DESTROYING last; default 1500 ms. */
  provisioningDelayMs?: number;
  /** Optional JSON persistence: loaded at start if present, rewritten atomically after each mutation. */
  statePath?: string;
  /** Faults active from the start. */
  faults?: FaultConfig;
  /** Clock (ms epoch) for timestamps, state transitions and rate limiting; default Date.now. */
  now?: () => number;
  /** PRNG seed for ids, DNS names and random faults; default random. */
  seed?: number;
}

/** A started emulator and the handles tests use to drive and inspect it. */
export interface RunningEmulator {
  url: string;
  endpointTemplate: string;
  requests: RecordedRequest[];
  clearRequests(): void;
  setFaults(faults: FaultConfig): void;
  seedCluster(region: Region, properties: ClusterProperties, opts?: SeedOptions): ClusterRead;
  editCluster(region: Region, id: string, change: (p: ClusterProperties) => ClusterProperties, by: string): ClusterRead;
  failCluster(region: Region, id: string, message: string, opts?: { recoverAfterMs?: number }): void;
  listClusters(region?: Region): ClusterRead[];
  credentialsOf(region: Region, id: string): Credentials | undefined;
  stats(): EmulatorStats;
  close(): Promise<void>;
}

/** Options of `seedCluster` ("created elsewhere"). */
export interface SeedOptions {
  id?: string;
  state?: ClusterState;
  by?: string;
}

/** One API request as the emulator saw it (the Authorization header is never stored). */
export interface RecordedRequest {
  seq: number;
  /** Arrival time, ms epoch (fractional). */
  at: number;
  method: string;
  /** Path without the query string. */
  path: string;
  region: Region | null;
  query: Record<string, string>;
  authorized: boolean;
  /** Parsed JSON, else the raw string, else null. */
  body: unknown;
  /** Status sent, or 0 if the response was dropped. */
  status: number;
}

/** Faults to inject; `setFaults` replaces the whole configuration. */
export interface FaultConfig {
  latencyMs?: number;
  rateLimit?: { requestsPerSecond: number; burst?: number; retryAfterSeconds?: number };
  errorRatio?: number;
  errorStatus?: 500 | 502 | 503 | 504;
  dropResponses?: { methods?: string[]; count: number };
  failWrites?: { count: number; message: string; recoverAfterMs?: number };
}

/** Fault counters since start. */
export interface EmulatorStats {
  rateLimited: number;
  earlyRequests: number;
  injectedErrors: number;
  droppedResponses: number;
}

/** A state a write leaves a cluster in while it is busy. */
export type BusyState = 'PROVISIONING' | 'UPDATING' | 'DESTROYING';

/** Lazily evaluated life of a cluster: busy until `busyUntil`, then `outcome` (plain data, persisted as is). */
export interface Timeline {
  busy: BusyState | null;
  busyUntil: number;
  outcome: 'AVAILABLE' | 'FAILED' | 'GONE';
  failMessage?: string;
  /** A FAILED outcome turns AVAILABLE at this time (transient failure). */
  recoverAt?: number;
}

/** A cluster as stored: readable properties (defaults filled) plus write-only credentials kept apart. */
export interface StoredCluster {
  id: string;
  region: Region;
  properties: ClusterProperties;
  credentials?: Credentials;
  createdAt: number;
  createdBy: string;
  lastModifiedAt: number;
  lastModifiedBy: string;
  dnsName: string;
  timeline: Timeline;
}

/** A backup record; the emulator keeps one per cluster. */
export interface StoredBackup {
  id: string;
  clusterId: string;
  version: string;
  location: string;
  isActive: boolean;
  createdAt: number;
  /** null while the cluster exists (restorable up to now). */
  latestAt: number | null;
}

/** One problem in a request body, as the API's error body lists it. */
export interface Problem {
  errorCode: string;
  message: string;
}

/** What a handler answers; the server adds latency, drops or sends it. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
