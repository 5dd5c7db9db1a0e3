/** Public and internal types of the local v2 API emulator (behaviour spec: docs/emulator.md). */
import type { BackupRead, ClusterProperties, ClusterRead, ClusterState, Credentials, Region } from '../api/types.js';
import type { HoldOptions, RequestMatcher, ScheduledAction, ScheduleSpec, SeedShorthand } from './types-console.js';

export type {
  ConsoleAction,
  HoldOptions,
  RequestMatcher,
  ScheduledAction,
  ScheduleSpec,
  SeedShorthand,
  Trigger,
} from './types-console.js';

/** How to start an emulator. The behaviour settings (docs/emulator.md §13) can also be changed with `setBehaviour`. */
export interface EmulatorOptions extends Partial<Behaviour> {
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
  /** Token the admin API (`/_emulator/`) requires in `x-emulator-token`; default random per start. */
  adminToken?: string;
  /** Properties the real API has and pgensure does not know: key → default JSON value (fixed at start). */
  extraProperties?: Record<string, unknown>;
  /** How many recent API requests `requests` keeps (a ring); default 10,000. */
  requestLogLimit?: number;
  /** Bodies larger than this are recorded as `null` with `bodyOmitted: 'too-large'`; default 16 KiB. */
  maxRecordedBodyBytes?: number;
  /** Called once per API request after its response was sent (or dropped), e.g. for `--log-requests`. */
  onRequest?: (request: RecordedRequest, elapsedMs: number) => void;
}

/** The emulator's answers where the real API is a guess (docs/emulator.md §13); every alternative can be played. */
export interface Behaviour {
  /** `on`: PUT on an unknown id creates it; `off`: it answers `putCreateStatus` and creates nothing. Default `on`. */
  putCreate: 'on' | 'off';
  /** What a PUT on an unknown id answers when `putCreate` is `off`; default 404. */
  putCreateStatus: 404 | 405;
  /** The server serves at most this many items per page (null: no cap below `maxLimit`); default null. */
  maxPageSize: number | null;
  /** With `maxPageSize`: echo the asked `limit` in the envelope instead of the served one; default false. */
  silentCap: boolean;
  /** A `limit` above this answers 400; default 1000. */
  maxLimit: number;
  /** DELETE on a busy cluster: `refuse` (409) or `accept` (DESTROYING at once); default `refuse`. */
  deleteWhileBusy: 'refuse' | 'accept';
  /** null: an active backup's `latestRecoveryTargetTime` is null (= now); a number: now minus this lag. */
  backupLatestLagMs: number | null;
  /** A new cluster's first backup appears this long after it became AVAILABLE; default 0. */
  firstBackupDelayMs: number;
  /** A PUT on the id of a cluster that was deleted: `allow` creates it again, `refuse` answers 409; default `allow`. */
  reuseDeletedIds: 'allow' | 'refuse';
}

/** A started emulator and the handles tests use to drive and inspect it. */
export interface RunningEmulator {
  url: string;
  endpointTemplate: string;
  requests: RecordedRequest[];
  clearRequests(): void;
  setFaults(faults: FaultConfig): void;
  /** The token of the admin API (send it as `x-emulator-token`). */
  adminToken: string;
  seedCluster(region: Region, properties: ClusterProperties | SeedShorthand, opts?: SeedOptions): ClusterRead;
  editCluster(region: Region, id: string, change: (p: ClusterProperties) => ClusterProperties, by: string): ClusterRead;
  failCluster(region: Region, id: string, message: string, opts?: { recoverAfterMs?: number }): void;
  listClusters(region?: Region): ClusterRead[];
  credentialsOf(region: Region, id: string): Credentials | undefined;
  stats(): EmulatorStats;
  close(): Promise<void>;
  /** Show the cluster in `state` (default UPDATING; any string) and refuse writes, until released or `forMs`. */
  holdCluster(region: Region, id: string, opts?: HoldOptions): ClusterRead;
  /** Ends a hold: the cluster shows its own state again. */
  releaseCluster(region: Region, id: string): ClusterRead;
  /** A console delete: DESTROYING now, whatever the state, attributed to `by`. */
  deleteCluster(region: Region, id: string, by?: string): void;
  /** Runs a console action at a chosen moment (docs/emulator.md §12.3). */
  schedule(spec: ScheduleSpec): ScheduledAction;
  /** Every scheduled action, pending or done, in the order scheduled. */
  scheduled(): ScheduledAction[];
  /** Cancels every pending scheduled action. */
  cancelScheduled(): void;
  /** The cluster's active backup stops archiving: its latest recovery point is `agoMs` before now. */
  stallBackup(region: Region, id: string, agoMs: number): void;
  /** Deletes the cluster's active backup (older inactive ones stay). */
  removeBackup(region: Region, id: string): void;
  /** Backups work again: no stall, and a fresh active backup if there is none. */
  resumeBackup(region: Region, id: string): void;
  /** What GET /backups shows now, for one region or all. */
  listBackups(region?: Region): BackupRead[];
  behaviour(): Behaviour;
  /** Changes some behaviour settings at run time (the rest stay). */
  setBehaviour(change: Partial<Behaviour>): Behaviour;
}

/** Options of `seedCluster` ("created elsewhere"). */
export interface SeedOptions {
  id?: string;
  /** One of the five states, or any other string (e.g. MAINTENANCE: held until released or `hold.forMs`). */
  state?: ClusterState | (string & {});
  by?: string;
  /** Hold the seeded state (see `holdCluster`); implied for a state that is not one of the five. */
  hold?: { forMs?: number; statusMessage?: string };
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
  /** The User-Agent header (capped at 200 characters), so tests can tell two clients apart. */
  userAgent: string;
  /** Parsed JSON (at most 64 levels deep), else the raw string, else null; null when `bodyOmitted`. */
  body: unknown;
  /** Size of the body in bytes. */
  bodyBytes: number;
  /** Why the body was not kept: the request was not authorised (or not allowed), or it was too large. */
  bodyOmitted?: 'unauthorized' | 'too-large';
  /** Status sent, or 0 if the response was dropped. */
  status: number;
}

/** Faults to inject; `setFaults` replaces the whole configuration. */
export interface FaultConfig {
  latencyMs?: number;
  /** Extra latency per kind of request, on top of `latencyMs`; every matching rule adds its own. */
  latencyRules?: LatencyRule[];
  rateLimit?: { requestsPerSecond: number; burst?: number; retryAfterSeconds?: number };
  errorRatio?: number;
  errorStatus?: 500 | 502 | 503 | 504;
  dropResponses?: { methods?: string[]; count: number };
  /** The next `count` requests with one of `methods` (default PUT, DELETE, POST) answer `status`, unprocessed. */
  errorNext?: { methods?: string[]; status: 500 | 502 | 503 | 504; count: number };
  failWrites?: { count: number; message: string; recoverAfterMs?: number };
}

/** Latency for the requests a matcher selects: `after` (default) handling, or `before` it. */
export interface LatencyRule extends RequestMatcher {
  latencyMs: number;
  phase?: 'before' | 'after';
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
  /** A forced state shown on top of the timeline (holdCluster, arbitrary seeded states). */
  hold?: Hold;
}

/** A forced state: shown until `until` (null: until released); the cluster refuses writes unless AVAILABLE/FAILED. */
export interface Hold {
  state: string;
  until: number | null;
  statusMessage?: string;
}

/** A backup record (docs/emulator.md §7): at most one active per cluster; inactive ones stay within retention. */
export interface StoredBackup {
  id: string;
  clusterId: string;
  version: string;
  location: string;
  isActive: boolean;
  /** When the base backup exists (hidden before; may lie in the future, NEVER_MS while the cluster cannot run). */
  createdAt: number;
  /** When an inactive backup stopped (deletion, upgrade); null while active. */
  latestAt: number | null;
  /** An active backup whose archiving stalled at this time (stallBackup). */
  stalledAt?: number;
  retentionDays?: number;
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
