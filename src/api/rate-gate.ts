import { PacedQueue } from './paced-queue.js';
import { type Pace, RateLearner } from './rate-learner.js';
import type { Region } from './types.js';

/** Options of the per-region gate; `now` and `sleep` must agree (inject both in tests). */
export interface RateGateOptions {
  /** Token-bucket rate; unset = unlimited (unless adaptive). With `adaptive`, the ceiling. */
  requestsPerSecond?: number | undefined;
  /** Requests allowed back to back before the rate applies; default one second's worth. */
  burst?: number | undefined;
  /** AIMD: halve the rate on 429, grow it by ~1 req/s per `rate` successes back to the ceiling. */
  adaptive?: boolean | undefined;
  /**
   * Learn the server's limit (rate-learner.ts): pace at requestsPerSecond (default 100), and after a 429 at 90 % of
   * the rate the server was seen to accept. requestsPerSecond is then the ceiling. Takes precedence over `adaptive`.
   */
  learn?: boolean | undefined;
  /** Told whenever a learning gate changes its pace (for logs): after a 429, or growing after a calm stretch. */
  onPace?: ((pace: Pace, why: 'throttled' | 'grew') => void) | undefined;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The ceiling (req/s) used by `adaptive` when no requestsPerSecond is given. */
export const DEFAULT_ADAPTIVE_RPS = 10;
const MIN_ADAPTIVE_RPS = 0.5;
// Concurrent requests that were all in flight get their 429s together: count them as one signal.
const DECREASE_COOLDOWN_MS = 1000;

/** Reservation-style token bucket (GCRA): each caller is told how long to wait for its own slot, FIFO. */
class TokenBucket {
  private tat = Number.NEGATIVE_INFINITY; // theoretical arrival time of the next request
  rate: number;
  private readonly burst: number;
  constructor(rate: number, burst: number) {
    this.rate = rate;
    this.burst = burst;
  }

  reserve(now: number): number {
    const interval = 1000 / this.rate;
    const tat = Math.max(this.tat, now);
    const start = Math.max(now, tat - (this.burst - 1) * interval);
    this.tat = tat + interval;
    return start - now;
  }
}

/**
 * One region's gate. The server limits per contract/region, so a 429 with Retry-After blocks every
 * request to the region until the deadline, including those queued or about to retry.
 */
export class RateGate {
  private blockedUntil = Number.NEGATIVE_INFINITY;
  private readonly bucket: TokenBucket | undefined;
  private readonly ceiling: number;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  private readonly options: RateGateOptions;
  private readonly learner: RateLearner | undefined;
  private readonly queue: PacedQueue | undefined;

  constructor(options: RateGateOptions) {
    this.options = options;
    if (options.learn) {
      this.learner = new RateLearner(options.requestsPerSecond, options.now());
      const deps = { now: options.now, sleep: options.sleep, blockedForMs: () => this.blockedForMs() };
      const pace = this.learner.pace;
      this.queue = new PacedQueue(deps, pace.rate, options.burst ?? pace.burst);
    }
    const rps = options.requestsPerSecond ?? (options.adaptive ? DEFAULT_ADAPTIVE_RPS : undefined);
    this.ceiling = rps ?? Number.POSITIVE_INFINITY;
    this.bucket = rps === undefined ? undefined : new TokenBucket(rps, options.burst ?? Math.max(1, Math.floor(rps)));
  }

  /** The current rate in req/s (Infinity when unlimited). */
  get rate(): number {
    if (this.queue) return this.queue.rate;
    return this.bucket?.rate ?? Number.POSITIVE_INFINITY;
  }

  /** How long (ms) the region is still blocked by a Retry-After. */
  blockedForMs(): number {
    return Math.max(0, this.blockedUntil - this.options.now());
  }

  /** Resolves when a request may be sent: after any Retry-After block and its token-bucket slot (`first`: a write). */
  async acquire(signal?: AbortSignal, first = false): Promise<void> {
    if (this.queue) return this.queue.acquire(signal, first);
    await this.waitWhileBlocked(signal);
    if (this.bucket === undefined) return;
    const wait = this.bucket.reserve(this.options.now());
    if (wait <= 0) return;
    await this.options.sleep(wait, signal);
    await this.waitWhileBlocked(signal);
  }

  /** Blocks the region until `deadlineMs` (never shortens an existing block). */
  blockUntil(deadlineMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, deadlineMs);
  }

  /**
   * A 429 was seen: when learning, re-estimate the limit (`sentAt`: when that request was sent); in adaptive mode,
   * halve the rate (at most once per cooldown).
   */
  recordThrottle(seen: { sentAt?: number; retryAfterMs?: number | undefined } = {}): void {
    if (this.learner) {
      const now = this.options.now();
      this.applyPace(this.learner.onThrottle(seen.sentAt ?? now, now, seen.retryAfterMs), true);
      return;
    }
    if (!this.options.adaptive || this.bucket === undefined) return;
    const now = this.options.now();
    if (now - this.lastDecreaseAt < DECREASE_COOLDOWN_MS) return;
    this.lastDecreaseAt = now;
    this.bucket.rate = Math.max(MIN_ADAPTIVE_RPS, this.bucket.rate / 2);
  }

  /** A request (sent at `sentAt`) succeeded: learning or adaptive, the rate may grow slowly towards the ceiling. */
  recordSuccess(sentAt?: number): void {
    if (this.learner) {
      const now = this.options.now();
      this.applyPace(this.learner.onSuccess(sentAt ?? now, now, this.queue!.waiting), false);
      return;
    }
    if (!this.options.adaptive || this.bucket === undefined) return;
    this.bucket.rate = Math.min(this.ceiling, this.bucket.rate + 1 / this.bucket.rate);
  }

  private applyPace(pace: Pace | undefined, throttled: boolean): void {
    if (pace === undefined) return;
    this.queue!.setRate(pace.rate, pace.burst);
    if (throttled) this.queue!.drain();
    this.options.onPace?.(pace, throttled ? 'throttled' : 'grew');
  }

  private async waitWhileBlocked(signal: AbortSignal | undefined): Promise<void> {
    let until = this.blockedUntil;
    for (let wait = until - this.options.now(); wait > 0; wait = until - this.options.now()) {
      await this.options.sleep(wait, signal);
      // Loop only if another 429 pushed the deadline out while we slept (never spin on a fake sleep).
      if (this.blockedUntil === until) return;
      until = this.blockedUntil;
    }
  }
}

/** A lazily filled map of one gate per region (when learning, each region learns its own limit). */
export function createRateGates(
  options: RateGateOptions,
  onPace?: (region: Region, pace: Pace, why: 'throttled' | 'grew') => void,
): (region: Region) => RateGate {
  const gates = new Map<Region, RateGate>();
  return (region) => {
    let gate = gates.get(region);
    if (gate === undefined) {
      gate = new RateGate(onPace ? { ...options, onPace: (pace, why) => onPace(region, pace, why) } : options);
      gates.set(region, gate);
    }
    return gate;
  };
}
