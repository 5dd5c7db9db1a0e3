import { NetworkError } from '../errors.js';
import { createApiError, parseErrorAnswer, type RequestRef } from './errors.js';
import { rawDetailOf } from './network-errors.js';
import type { ResolvedApiOptions } from './options.js';
import { createRateGates, type RateGate } from './rate-gate.js';
import {
  type AttemptOutcome,
  isRetryableNetworkCode,
  isRetryableStatus,
  isTimeoutCode,
  MIN_THROTTLE_WAIT_MS,
  noteRetryAfterTooLong,
  parseRetryAfterMs,
  runWithRetry,
} from './retry.js';
import { type RawAnswer, sendExchange } from './transport.js';
import type { Region } from './types.js';

/** One logical API call (retried as a whole). */
export interface CallSpec {
  region: Region;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Full URL: the region's base plus path and query. */
  url: string;
  /** Path and query only, for logs. */
  path: string;
  body: string | undefined;
  readOkBody: boolean;
  /** A 404 with an API-shaped body is an answer (the caller maps it), not an error. */
  notFoundOk: boolean;
  /** The path is a region's list endpoint (a 404 there means a wrong endpoint). */
  collection: boolean;
  signal: AbortSignal | undefined;
  /** Scrubbed from any error text: the token, plus e.g. the password of a PUT. */
  secrets: readonly string[];
  /** A body over this many bytes (below the client's cap) fails with OverBudgetError; undefined = no budget. */
  budgetBytes?: number | undefined;
}

/** Sends calls with per-region gating and retries; resolves with a 2xx answer (or a 404 when notFoundOk). */
export type Requester = (spec: CallSpec) => Promise<RawAnswer>;

export function createRequester(opts: ResolvedApiOptions): Requester {
  const gateFor = createRateGates(
    {
      requestsPerSecond: opts.requestsPerSecond,
      burst: opts.burst,
      adaptive: opts.adaptive,
      learn: opts.learn,
      now: opts.now,
      sleep: opts.sleep,
    },
    (region, pace, why) => {
      const rps = Math.round(pace.rate * 10) / 10;
      opts.logger.info(
        { region, rps, why },
        why === 'throttled' ? 'rate limited: pacing requests lower' : 'pacing requests higher',
      );
    },
  );
  return (spec) => {
    const req: RequestRef = { method: spec.method, url: spec.url };
    const gate = gateFor(spec.region);
    return runWithRetry((attempt) => attemptCall(opts, gate, spec, req, attempt), {
      policy: opts.retry,
      sleep: opts.sleep,
      random: opts.random,
      signal: spec.signal,
      onRetry: ({ error, ...n }) => {
        // Detail for --log-level info; the one human line per region is the CLI's business (onRetry option).
        opts.logger.info({ region: spec.region, method: spec.method, path: spec.path, ...n }, 'retrying');
        opts.onRetry?.({ region: spec.region, method: spec.method, url: spec.url, ...n, error });
      },
    });
  };
}

async function attemptCall(
  opts: ResolvedApiOptions,
  gate: RateGate,
  spec: CallSpec,
  req: RequestRef,
  attempt: number,
): Promise<AttemptOutcome<RawAnswer>> {
  const blockedMs = gate.blockedForMs();
  if (blockedMs > opts.retry.maxRetryAfterMs) return failFastOnBlockedRegion(opts, spec, req, blockedMs);
  // A write goes before queued reads: it follows apply's read of the same cluster (see PacedQueue.acquire).
  await gate.acquire(spec.signal, spec.method !== 'GET');
  const started = opts.now();
  const log = { region: spec.region, method: spec.method, path: spec.path, attempt };
  let answer: RawAnswer;
  try {
    answer = await sendExchange({
      ...req,
      headers: spec.body === undefined ? opts.readHeaders : opts.writeHeaders,
      body: spec.body,
      readOkBody: spec.readOkBody,
      dispatcher: opts.dispatcher,
      timeoutMs: opts.timeoutMs,
      bodyTimeoutMs: opts.bodyTimeoutMs,
      maxBodyBytes: opts.maxBodyBytes,
      budgetBytes: spec.budgetBytes,
      bodyLock: opts.bodyLock,
      signal: spec.signal,
    });
  } catch (err) {
    // The caller's abort reason, or an answer that must not be retried (a body over the size limit).
    if (!(err instanceof NetworkError)) throw err;
    const detail = rawDetailOf(err);
    opts.logger.debug({ ...log, code: err.causeCode, detail, ms: opts.now() - started }, 'api request failed');
    const retryable = isRetryableNetworkCode(spec.method, err.causeCode);
    const kind = isTimeoutCode(err.causeCode) ? 'timeout' : 'other';
    return { done: false, error: err, retryable, retryAfterMs: undefined, reason: err.causeCode, kind };
  }
  opts.logger.debug({ ...log, status: answer.status, ms: opts.now() - started }, 'api request');
  return classifyAnswer(opts, gate, spec, req, answer, started);
}

function classifyAnswer(
  opts: ResolvedApiOptions,
  gate: RateGate,
  spec: CallSpec,
  req: RequestRef,
  answer: RawAnswer,
  sentAt: number,
): AttemptOutcome<RawAnswer> {
  const { status } = answer;
  if (status >= 200 && status < 300) {
    gate.recordSuccess(sentAt);
    return { done: true, value: answer };
  }
  const parsed = parseErrorAnswer(status, answer.text, spec.secrets);
  if (status === 404 && spec.notFoundOk && parsed.looksLikeApi) return { done: true, value: answer };
  const now = opts.now();
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfterMs(answer.retryAfter, now) : undefined;
  if (status === 429) {
    // Retry-After: 0 (or none) still means "too many": the learner and the block use at least the throttle floor.
    const heldMs = Math.max(retryAfterMs ?? 0, MIN_THROTTLE_WAIT_MS);
    gate.recordThrottle({ sentAt, retryAfterMs: heldMs });
    // Everyone to this region waits: the limit is per region/contract, not per request.
    gate.blockUntil(now + heldMs);
  }
  const error = createApiError(req, status, parsed, spec.collection, answer.location);
  const reason = retryAfterMs === undefined ? `HTTP ${status}` : `HTTP ${status} (Retry-After ${answer.retryAfter})`;
  const kind = status === 429 || retryAfterMs !== undefined ? 'throttle' : 'other';
  return { done: false, error, retryable: isRetryableStatus(spec.method, status), retryAfterMs, reason, kind };
}

function failFastOnBlockedRegion(
  opts: ResolvedApiOptions,
  spec: CallSpec,
  req: RequestRef,
  blockedMs: number,
): AttemptOutcome<RawAnswer> {
  const answer = { errorCode: undefined, message: `region ${spec.region} is rate-limited`, looksLikeApi: true };
  const error = noteRetryAfterTooLong(createApiError(req, 429, answer, false), blockedMs, opts.retry.maxRetryAfterMs);
  return { done: false, error, retryable: false, retryAfterMs: undefined, reason: 'rate-limited', kind: 'throttle' };
}
