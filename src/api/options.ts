import type { Dispatcher } from 'undici';
import { UsageError } from '../errors.js';
import type { RetryPolicy } from './retry.js';
import { sleep as realSleep } from './sleep.js';
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
}

/** Options of createApiClient. */
export interface ApiClientOptions {
  /** Must contain {region}, e.g. https://postgresql.{region}.ionos.com or http://127.0.0.1:PORT/{region}. */
  endpointTemplate: string;
  /** Bearer token; never logged, never in error messages. */
  token: string;
  /** Default getGlobalDispatcher() (so nock 15.0.0 and a global MockAgent work); the client never builds its own. */
  dispatcher?: Dispatcher | undefined;
  logger?: ApiLogger | undefined;
  /** Items per list page; default 1000. */
  pageSize?: number | undefined;
  /** Per attempt, headers + body; default 30000. */
  timeoutMs?: number | undefined;
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
  pageSize: number;
  timeoutMs: number;
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
    pageSize: checkNumber('pageSize', options.pageSize ?? 1000, 1, true),
    timeoutMs: checkNumber('timeoutMs', options.timeoutMs ?? 30_000, 1),
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

function checkNumber(name: string, value: number, min: number, integer = false): number {
  if (!(value >= min) || (integer && !Number.isInteger(value))) {
    throw new UsageError(`${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${value}`);
  }
  return value;
}
