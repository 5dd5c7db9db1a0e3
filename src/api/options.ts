import type { Dispatcher } from 'undici';
import type { PgensureError } from '../errors.js';
import { UsageError } from '../errors.js';
import { BodyLock } from './body-lock.js';
import type { RetryPolicy } from './retry.js';
import { sleep as realSleep } from './sleep.js';
import { MAX_BODY_BYTES } from './transport.js';
import type { Region } from './types.js';
import { defaultUserAgent } from './user-agent.js';

/** A pino-compatible logger (only these three levels are used). */
export interface ApiLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** Retry limits of the API client. */
export interface ApiRetryOptions {
  /** Total attempts per request, first included; default 6. */
  maxAttempts?: number | undefined;
  /** Backoff base; attempt n waits random * min(maxDelayMs, base * 2^(n-1)); default 250. */
  baseDelayMs?: number | undefined;
  /** Backoff cap; default 8000. */
  maxDelayMs?: number | undefined;
  /** A longer Retry-After fails the request with a clear error instead of waiting; default 120000. */
  maxRetryAfterMs?: number | undefined;
  /** A call fails at its n-th timeout (connect, headers or body), whatever attempts are left; default 2. */
  maxTimeouts?: number | undefined;
}

/** Told before each retry wait (the CLI turns the first one per region into a human line). */
export interface RetryEvent {
  region: Region;
  method: string;
  url: string;
  /** The attempt that failed (1 = the first). */
  attempt: number;
  delayMs: number;
  /** `ECONNREFUSED`, `HTTP 503`, `HTTP 429 (Retry-After 2)`, ... */
  reason: string;
  /** What the call would throw if it were not retried (NetworkError or ApiError). */
  error: PgensureError;
}

/** The largest page size accepted (v1's documented maximum; the v2 maximum is not documented). */
export const MAX_PAGE_SIZE = 1000;
/** The official SDK's, Terraform's and ionosctl's page size. */
export const DEFAULT_PAGE_SIZE = 100;

/** Options of createApiClient. */
export interface ApiClientOptions {
  /** Must contain {region}, e.g. https://postgresql.{region}.ionos.com or http://127.0.0.1:PORT/{region}. */
  endpointTemplate: string;
  /** Bearer token; never logged, never in error messages. */
  token: string;
  /** Default getGlobalDispatcher() (so nock 15.0.0 and a global MockAgent work); the client never builds its own. */
  dispatcher?: Dispatcher | undefined;
  logger?: ApiLogger | undefined;
  /** Told before each retry wait; the retry details also go to `logger.info`. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Items asked per list page, 1..1000; default 100 (the SDK's). Paging adapts to what the server honours. */
  pageSize?: number | undefined;
  /** Per attempt, from sending until the response headers; default 30000. */
  timeoutMs?: number | undefined;
  /** Per attempt, from the response headers until the end of the body; default 10000. */
  bodyTimeoutMs?: number | undefined;
  /** A response body above this many bytes fails the call (never retried); default 32 MiB. */
  maxBodyBytes?: number | undefined;
  retry?: ApiRetryOptions | undefined;
  /** Client-side cap per region (token bucket); unset = unlimited. With learnRateLimit: the start and the ceiling. */
  requestsPerSecond?: number | undefined;
  /** Token-bucket burst per region; default one second's worth of requestsPerSecond. */
  burst?: number | undefined;
  /** AIMD per region: halve the rate on 429, grow it slowly on success (ceiling requestsPerSecond, default 10). */
  adaptive?: boolean | undefined;
  /**
   * Learn each region's limit: start at requestsPerSecond (default 100, burst 20), and after a 429 pace at 90 % of
   * the rate the region was seen to accept (requestsPerSecond stays the ceiling). Takes precedence over `adaptive`.
   */
  learnRateLimit?: boolean | undefined;
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  random?: (() => number) | undefined;
  now?: (() => number) | undefined;
  userAgent?: string | undefined;
}

/** The options with every default filled in. */
export interface ResolvedApiOptions {
  endpointTemplate: string;
  /** undefined = undici's global dispatcher, looked up per request (so a later setGlobalDispatcher applies). */
  dispatcher: Dispatcher | undefined;
  logger: ApiLogger;
  onRetry: ((event: RetryEvent) => void) | undefined;
  pageSize: number;
  timeoutMs: number;
  bodyTimeoutMs: number;
  maxBodyBytes: number;
  bodyLock: BodyLock;
  retry: RetryPolicy;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  now: () => number;
  /** Sent on every request; built once so no request allocates its own header object. */
  readHeaders: Record<string, string>;
  writeHeaders: Record<string, string>;
  token: string;
  requestsPerSecond: number | undefined;
  burst: number | undefined;
  adaptive: boolean;
  learn: boolean;
}

const NOOP = (): void => {};
const SILENT_LOGGER: ApiLogger = { debug: NOOP, info: NOOP, warn: NOOP };

/** Fills the defaults and checks the numbers and the token (UsageError when unusable). */
export function resolveApiOptions(options: ApiClientOptions): ResolvedApiOptions {
  checkToken(options.token);
  const retry: RetryPolicy = {
    maxAttempts: checkNumber('retry.maxAttempts', options.retry?.maxAttempts ?? 6, 1, true),
    baseDelayMs: checkNumber('retry.baseDelayMs', options.retry?.baseDelayMs ?? 250, 0),
    maxDelayMs: checkNumber('retry.maxDelayMs', options.retry?.maxDelayMs ?? 8000, 0),
    maxRetryAfterMs: checkNumber('retry.maxRetryAfterMs', options.retry?.maxRetryAfterMs ?? 120_000, 0),
    maxTimeouts: checkNumber('retry.maxTimeouts', options.retry?.maxTimeouts ?? 2, 1, true),
  };
  const readHeaders = {
    authorization: `Bearer ${options.token}`,
    accept: 'application/json',
    'user-agent': options.userAgent ?? defaultUserAgent(),
  };
  return {
    endpointTemplate: options.endpointTemplate,
    dispatcher: options.dispatcher,
    logger: options.logger ?? SILENT_LOGGER,
    onRetry: options.onRetry,
    pageSize: checkPageSize(options.pageSize ?? DEFAULT_PAGE_SIZE),
    timeoutMs: checkNumber('timeoutMs', options.timeoutMs ?? 30_000, 1),
    bodyTimeoutMs: checkNumber('bodyTimeoutMs', options.bodyTimeoutMs ?? 10_000, 1),
    maxBodyBytes: checkNumber('maxBodyBytes', options.maxBodyBytes ?? MAX_BODY_BYTES, 1, true),
    bodyLock: new BodyLock(),
    retry,
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    readHeaders,
    writeHeaders: { ...readHeaders, 'content-type': 'application/json' },
    token: options.token,
    requestsPerSecond: optional('requestsPerSecond', options.requestsPerSecond, 0.001),
    burst: optional('burst', options.burst, 1, true),
    adaptive: options.adaptive ?? false,
    learn: options.learnRateLimit ?? false,
  };
}

function optional(name: string, value: number | undefined, min: number, integer = false): number | undefined {
  return value === undefined ? undefined : checkNumber(name, value, min, integer);
}

function checkToken(token: string): void {
  if (token === '') throw new UsageError('no API token', { hint: 'set IONOS_TOKEN' });
  // A header can carry only visible ASCII; say so without echoing the token.
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new UsageError('the API token contains spaces or characters that cannot be sent in a header', {
      hint: 'check IONOS_TOKEN',
    });
  }
}

function checkPageSize(value: number): number {
  checkNumber('pageSize', value, 1, true);
  if (value > MAX_PAGE_SIZE) throw new UsageError(`pageSize must be at most ${MAX_PAGE_SIZE}, got ${value}`);
  return value;
}

function checkNumber(name: string, value: number, min: number, integer = false): number {
  if (!(value >= min) || (integer && !Number.isInteger(value))) {
    throw new UsageError(`${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${value}`);
  }
  return value;
}
