import type { PgensureError } from '../errors.js';
import { throwIfAborted } from './sleep.js';

/** Retry limits; see ApiClientOptions.retry for the meaning and defaults. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  /** A call fails at its n-th timeout: each timeout costs up to a whole timeout period, so only one is retried. */
  maxTimeouts: number;
}

/** After a 429 (or a Retry-After of 0) wait at least this long, doubling per attempt: limits are per second. */
export const MIN_THROTTLE_WAIT_MS = 1000;

/** The result of one attempt: a value, or an error with what the retry loop needs to decide. */
export type AttemptOutcome<T> =
  | { done: true; value: T }
  | {
      done: false;
      error: PgensureError;
      retryable: boolean;
      retryAfterMs: number | undefined;
      reason: string;
      /** throttle: a 429, or any answer with Retry-After (waits at least the throttle floor); timeout: counted. */
      kind: 'throttle' | 'timeout' | 'other';
    };

/** Told before each retry wait. */
export interface RetryNotice {
  attempt: number;
  delayMs: number;
  reason: string;
  /** The error of the attempt that is retried. */
  error: PgensureError;
}

/** What the retry loop needs from its surroundings (injectable for tests). */
export interface RetryDeps {
  policy: RetryPolicy;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  signal: AbortSignal | undefined;
  onRetry: (notice: RetryNotice) => void;
}

const NETWORK_RETRY_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Only idempotent methods are retried on answers: a replayed POST could create a second resource. */
export function isIdempotent(method: string): boolean {
  return method === 'GET' || method === 'PUT' || method === 'DELETE';
}

/**
 * 429/500/502/503/504 for GET. A write (PUT, DELETE, POST) is never repeated by the client, whatever the answer:
 * apply reads the cluster again first and decides (product.md §6), so a retry can never land over another writer's
 * change or land the same update twice.
 */
export function isRetryableStatus(method: string, status: number): boolean {
  if (method !== 'GET') return false;
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/**
 * Transient transport failures worth another attempt (DNS ENOTFOUND is not: it is usually a typo). A write only when
 * the connection was refused: then nothing can have reached the server.
 */
export function isRetryableNetworkCode(method: string, code: string): boolean {
  if (method !== 'GET') return code === 'ECONNREFUSED';
  return NETWORK_RETRY_CODES.has(code);
}

/** The timeouts the retry loop counts against maxTimeouts. */
export function isTimeoutCode(code: string): boolean {
  return code.endsWith('_TIMEOUT') || code === 'ETIMEDOUT';
}

/** Full-jitter exponential backoff: random in [0, min(max, base * 2^(attempt-1))). */
export function computeBackoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Retry-After as milliseconds from `nowMs`: integer seconds or an HTTP-date; undefined when absent/unparseable. */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined; // "-1", "1.5": not a valid Retry-After
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * The wait after a throttling answer: never earlier than Retry-After, and never less than the throttle floor
 * (1 s, 2 s, 4 s, ... up to maxDelayMs), so `Retry-After: 0` cannot burn every attempt within a second.
 */
export function computeThrottleWaitMs(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number,
): number {
  const floor = Math.min(Math.max(policy.maxDelayMs, MIN_THROTTLE_WAIT_MS), MIN_THROTTLE_WAIT_MS * 2 ** (attempt - 1));
  // The small jitter keeps the retries of many requests apart.
  return Math.max(retryAfterMs ?? 0, floor) + Math.floor(random() * policy.baseDelayMs);
}

/** Runs `attempt` until it is done, fails for good, or the attempts run out; waits between attempts. */
export async function runWithRetry<T>(attempt: (n: number) => Promise<AttemptOutcome<T>>, deps: RetryDeps): Promise<T> {
  const { policy } = deps;
  let timeouts = 0;
  for (let n = 1; ; n++) {
    throwIfAborted(deps.signal);
    const outcome = await attempt(n);
    if (outcome.done) return outcome.value;
    if (outcome.kind === 'timeout') timeouts++;
    const exhausted = n >= policy.maxAttempts || timeouts >= policy.maxTimeouts;
    if (!outcome.retryable || exhausted) throw noteAttempts(outcome.error, n, outcome.retryable);
    const { retryAfterMs } = outcome;
    if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) {
      throw noteRetryAfterTooLong(outcome.error, retryAfterMs, policy.maxRetryAfterMs);
    }
    const delayMs =
      outcome.kind === 'throttle'
        ? computeThrottleWaitMs(n, retryAfterMs, policy, deps.random)
        : computeBackoffMs(n, policy, deps.random);
    deps.onRetry({ attempt: n, delayMs, reason: outcome.reason, error: outcome.error });
    await deps.sleep(delayMs, deps.signal);
  }
}

function noteAttempts(error: PgensureError, attempts: number, retryable: boolean): PgensureError {
  if (attempts > 1 || retryable) error.message += `; gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
  return error;
}

/** Says why a Retry-After is not honoured; exported for the rate gate's fail-fast path. */
export function noteRetryAfterTooLong(error: PgensureError, retryAfterMs: number, maxMs: number): PgensureError {
  const asked = Math.ceil(retryAfterMs / 1000);
  error.message += ` (the server asked to retry after ${asked} s, longer than the ${Math.round(maxMs / 1000)} s this client waits; not retried)`;
  return error;
}
