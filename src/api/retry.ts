import type { PgensureError } from '../errors.js';
import { throwIfAborted } from './sleep.js';

/** Retry limits; see ApiClientOptions.retry for the meaning and defaults. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
}

/** The result of one attempt: a value, or an error with what the retry loop needs to decide. */
export type AttemptOutcome<T> =
  | { done: true; value: T }
  | { done: false; error: PgensureError; retryable: boolean; retryAfterMs: number | undefined; reason: string };

/** Told before each retry wait. */
export interface RetryNotice {
  attempt: number;
  delayMs: number;
  reason: string;
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

/** Only idempotent methods are retried: a replayed POST could create a second resource. */
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

/** Runs `attempt` until it is done, fails for good, or the attempts run out; waits between attempts. */
export async function runWithRetry<T>(attempt: (n: number) => Promise<AttemptOutcome<T>>, deps: RetryDeps): Promise<T> {
  const { policy } = deps;
  for (let n = 1; ; n++) {
    throwIfAborted(deps.signal);
    const outcome = await attempt(n);
    if (outcome.done) return outcome.value;
    if (!outcome.retryable || n >= policy.maxAttempts) throw noteAttempts(outcome.error, n, outcome.retryable);
    const { retryAfterMs } = outcome;
    if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) {
      throw noteRetryAfterTooLong(outcome.error, retryAfterMs, policy.maxRetryAfterMs);
    }
    // Never earlier than the server asked; the small jitter keeps retries of many requests apart.
    const delayMs =
      retryAfterMs === undefined
        ? computeBackoffMs(n, policy, deps.random)
        : retryAfterMs + Math.floor(deps.random() * policy.baseDelayMs);
    deps.onRetry({ attempt: n, delayMs, reason: outcome.reason });
    await deps.sleep(delayMs, deps.signal);
  }
}

function noteAttempts(error: PgensureError, attempts: number, retryable: boolean): PgensureError {
  if (attempts > 1 || retryable) error.message += ` (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})`;
  return error;
}

/** Says why a Retry-After is not honoured; exported for the rate gate's fail-fast path. */
export function noteRetryAfterTooLong(error: PgensureError, retryAfterMs: number, maxMs: number): PgensureError {
  const asked = Math.ceil(retryAfterMs / 1000);
  error.message += ` (the server asked to retry after ${asked} s, longer than the ${Math.round(maxMs / 1000)} s this client waits; not retried)`;
  return error;
}
