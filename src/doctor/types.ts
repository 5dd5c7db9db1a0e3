/** What `pgensure doctor` observes (probe.ts) and concludes (the pure checks); the JSON report's shapes. */
import type { Region } from '../api/types.js';

/** The checks, in the order they run and are shown; the ids are stable (they appear in the JSON report). */
export const CHECK_IDS = [
  'endpoint',
  'token',
  'latency',
  'versions',
  'backup-locations',
  'page-size',
  'rate-limit-headers',
  'clock-skew',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** `unverifiable`: the server gave too little to decide (not a failure); `skipped`: an earlier check failed. */
export type CheckStatus = 'pass' | 'fail' | 'unverifiable' | 'skipped';

/** A JSON value, so every check's `data` serialises as it is. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One check's verdict for one region. */
export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  /** A few words for the table cell, e.g. `42ms`, `cap 50`, `+0.4s`. */
  summary: string;
  /** One sentence: what was seen. */
  detail: string;
  /** What to do about a failure (always set when status is `fail`), else null. */
  hint: string | null;
  /** The measured values behind the verdict (per check id; see schemas/doctor.schema.json). */
  data: { [key: string]: Json };
}

/** The steps of reaching an endpoint, in order; `http` is the first request over the connection. */
export type ConnectStepName = 'dns' | 'tcp' | 'tls';

/** One step of reaching the endpoint: done (with its time), failed (with the system's code), or not applicable. */
export interface ConnectStep {
  step: ConnectStepName;
  state: 'ok' | 'failed' | 'n/a';
  ms: number | null;
  /** e.g. `2 addresses`, `TLSv1.3, certificate valid until 2027-05-01`, `ENOTFOUND`. */
  detail: string;
  /** The error code when failed (ENOTFOUND, ECONNREFUSED, CERT_HAS_EXPIRED, ...). */
  code: string | null;
}

/** One HTTP answer, with the local times around it (epoch ms) for latency and clock skew. */
export interface HttpExchange {
  /** Path and query below the region's base URL, e.g. `/clusters?offset=0&limit=1`. */
  path: string;
  startedAt: number;
  answeredAt: number;
  status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Readonly<Record<string, string>>;
  /** The parsed JSON body; undefined when it was not JSON. */
  body: unknown;
}

/** A request that got no HTTP answer at all. */
export interface HttpFailure {
  path: string;
  code: string;
  message: string;
}

/** Everything probed in one region; later fields stay undefined once an earlier step failed. */
export interface RegionObservation {
  region: Region;
  baseUrl: string;
  connect: ConnectStep[];
  /** The first request that got no answer (the endpoint check names it). */
  httpFailure: HttpFailure | undefined;
  /** `GET /clusters?offset=0&limit=1`: reachability, token, base path. */
  auth: HttpExchange | undefined;
  /** Further small GETs, timed. */
  latency: HttpExchange[];
  versions: HttpExchange | undefined;
  backupLocations: HttpExchange | undefined;
  /** `GET /clusters?offset=0&limit=<page size>`. */
  firstPage: HttpExchange | undefined;
  /** `GET /clusters?offset=<items of the first page>&limit=1`, only when the first page was short. */
  nextPage: HttpExchange | undefined;
  /** Every answer received in this region, 429s included (headers and clock are read from all of them). */
  exchanges: HttpExchange[];
}

/** What the checks are measured against. */
export interface DoctorSettings {
  /** The page size pgensure will ask for (PGENSURE_PAGE_SIZE, default 100). */
  pageSize: number;
  /** Median latency above this fails. */
  maxLatencyMs: number;
  /** |clock skew| above this fails. */
  maxClockSkewMs: number;
}

/** One region's row of the report. */
export interface RegionReport {
  region: Region;
  url: string;
  ok: boolean;
  checks: CheckResult[];
}

/** `pgensure doctor --format json` (formatVersion 1, published as schemas/doctor.schema.json). */
export interface DoctorReport {
  formatVersion: 1;
  kind: 'pgensure-doctor';
  createdAt: string;
  endpoint: string;
  settings: DoctorSettings;
  regions: RegionReport[];
  summary: {
    ok: boolean;
    regions: number;
    failedRegions: Region[];
    checks: Record<CheckStatus, number>;
  };
}
