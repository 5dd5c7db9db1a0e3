/** Fault injection: per-region rate limits (with Retry-After bookkeeping), random 5xx, dropped responses, failed writes. */
import type { Region } from '../api/types.js';
import { errorReply } from './http-io.js';
import type { Failure } from './lifecycle.js';
import { matchesRequest, type RequestInfo } from './matcher.js';
import type { Random } from './random.js';
import type { EmulatorStats, FaultConfig, Reply } from './types.js';

/** Node timers may fire up to 1 ms early against a ms clock; a client that honours Retry-After is not "early". */
const TIMER_GRACE_MS = 1;
const DEFAULT_DROP_METHODS = ['PUT', 'DELETE', 'POST'];
const ERROR_CODES: Record<number, string> = {
  500: 'INTERNAL_SERVER_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

interface Bucket {
  tokens: number;
  at: number;
}

/** The active faults and their counters; rate limits and early-request bookkeeping are per region. */
export class FaultInjector {
  private config: FaultConfig = {};
  private readonly buckets = new Map<Region, Bucket>();
  /** Per region, the latest Retry-After deadline announced. */
  private readonly deadlines = new Map<Region, number>();
  private dropsLeft = 0;
  private errorsLeft = 0;
  private failuresLeft = 0;
  private readonly counters: EmulatorStats = {
    rateLimited: 0,
    earlyRequests: 0,
    injectedErrors: 0,
    droppedResponses: 0,
  };

  private readonly now: () => number;
  private readonly random: Random;

  constructor(now: () => number, random: Random) {
    this.now = now;
    this.random = random;
  }

  /** Replaces the whole configuration; buckets refill and the drop/fail counts start over. */
  configure(config: FaultConfig): void {
    this.config = structuredClone(config);
    this.buckets.clear();
    this.dropsLeft = config.dropResponses?.count ?? 0;
    this.errorsLeft = config.errorNext?.count ?? 0;
    this.failuresLeft = config.failWrites?.count ?? 0;
  }

  current(): FaultConfig {
    return { ...structuredClone(this.config), ...this.remaining() };
  }

  get latencyMs(): number {
    return this.config.latencyMs ?? 0;
  }

  /** The latency of the rules matching this request in this phase (summed); `after` also adds the global latency. */
  latencyFor(request: RequestInfo | undefined, phase: 'before' | 'after'): number {
    let total = phase === 'after' ? this.latencyMs : 0;
    if (request === undefined) return total;
    for (const rule of this.config.latencyRules ?? []) {
      if ((rule.phase ?? 'after') === phase && matchesRequest(rule, request)) total += rule.latencyMs;
    }
    return total;
  }

  /** Counts a request that arrives before the region's announced Retry-After deadline. */
  noteArrival(region: Region): void {
    const deadline = this.deadlines.get(region);
    if (deadline !== undefined && this.now() < deadline - TIMER_GRACE_MS) this.counters.earlyRequests++;
  }

  /** Takes a token from the region's bucket, or answers 429 with Retry-After (whole seconds). */
  takeRateLimit(region: Region): Reply | undefined {
    const limit = this.config.rateLimit;
    if (limit === undefined) return undefined;
    const now = this.now();
    const rate = limit.requestsPerSecond;
    const burst = limit.burst ?? Math.max(1, Math.ceil(rate));
    const bucket = this.buckets.get(region) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(region, bucket);
    if (bucket.tokens >= 1 - 1e-9) {
      bucket.tokens -= 1;
      return undefined;
    }
    const seconds = limit.retryAfterSeconds ?? Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
    this.deadlines.set(region, Math.max(this.deadlines.get(region) ?? 0, now + seconds * 1000));
    this.counters.rateLimited++;
    const message = `rate limit of ${rate} requests per second exceeded for ${region}; retry after ${seconds} s`;
    return errorReply(429, 'TOO_MANY_REQUESTS', message, { 'retry-after': String(seconds) });
  }

  /** With probability errorRatio, an injected 5xx (the request is not processed). */
  drawError(method: string): Reply | undefined {
    const next = this.config.errorNext;
    const methods = next?.methods ?? DEFAULT_DROP_METHODS;
    if (next !== undefined && this.errorsLeft > 0 && methods.some((m) => m.toUpperCase() === method)) {
      this.errorsLeft--;
      this.counters.injectedErrors++;
      return errorReply(
        next.status,
        ERROR_CODES[next.status] ?? 'SERVER_ERROR',
        'injected by the emulator (errorNext)',
      );
    }
    const ratio = this.config.errorRatio ?? 0;
    if (ratio <= 0 || this.random() >= ratio) return undefined;
    const status = this.config.errorStatus ?? 503;
    this.counters.injectedErrors++;
    return errorReply(status, ERROR_CODES[status] ?? 'SERVER_ERROR', 'injected by the emulator');
  }

  /** Whether to drop the response of this (already applied) write. */
  takeDrop(method: string): boolean {
    const methods = this.config.dropResponses?.methods ?? DEFAULT_DROP_METHODS;
    if (this.dropsLeft <= 0 || !methods.some((m) => m.toUpperCase() === method)) return false;
    this.dropsLeft--;
    this.counters.droppedResponses++;
    return true;
  }

  /** The failure the next cluster write should end in, if failWrites is active. */
  takeWriteFailure(): Failure | undefined {
    const fail = this.config.failWrites;
    if (fail === undefined || this.failuresLeft <= 0) return undefined;
    this.failuresLeft--;
    return fail.recoverAfterMs === undefined
      ? { message: fail.message }
      : { message: fail.message, recoverAfterMs: fail.recoverAfterMs };
  }

  stats(): EmulatorStats {
    return { ...this.counters };
  }

  private remaining(): FaultConfig {
    const out: FaultConfig = {};
    if (this.config.dropResponses) out.dropResponses = { ...this.config.dropResponses, count: this.dropsLeft };
    if (this.config.errorNext) out.errorNext = { ...this.config.errorNext, count: this.errorsLeft };
    if (this.config.failWrites) out.failWrites = { ...this.config.failWrites, count: this.failuresLeft };
    return out;
  }
}
