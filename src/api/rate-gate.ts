import type { Region } from './types.js';

/** Options of the per-region gate; `now` and `sleep` must agree (inject both in tests). */
export interface RateGateOptions {
  /** Token-bucket rate; unset = unlimited (unless adaptive). With `adaptive`, the ceiling. */
  requestsPerSecond?: number | undefined;
  /** Requests allowed back to back before the rate applies; default one second's worth. */
  burst?: number | undefined;
  /** AIMD: halve the rate on 429, grow it by ~1 req/s per `rate` successes back to the ceiling. */
  adaptive?: boolean | undefined;
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

  constructor(options: RateGateOptions) {
    this.options = options;
    const rps = options.requestsPerSecond ?? (options.adaptive ? DEFAULT_ADAPTIVE_RPS : undefined);
    this.ceiling = rps ?? Number.POSITIVE_INFINITY;
    this.bucket = rps === undefined ? undefined : new TokenBucket(rps, options.burst ?? Math.max(1, Math.floor(rps)));
  }

  /** The current rate in req/s (Infinity when unlimited). */
  get rate(): number {
    return this.bucket?.rate ?? Number.POSITIVE_INFINITY;
  }

  /** How long (ms) the region is still blocked by a Retry-After. */
  blockedForMs(): number {
    return Math.max(0, this.blockedUntil - this.options.now());
  }

  /** Resolves when a request may be sent: after any Retry-After block and its token-bucket slot. */
  async acquire(signal?: AbortSignal): Promise<void> {
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

  /** A 429 was seen: in adaptive mode, halve the rate (at most once per cooldown). */
  recordThrottle(): void {
    if (!this.options.adaptive || this.bucket === undefined) return;
    const now = this.options.now();
    if (now - this.lastDecreaseAt < DECREASE_COOLDOWN_MS) return;
    this.lastDecreaseAt = now;
    this.bucket.rate = Math.max(MIN_ADAPTIVE_RPS, this.bucket.rate / 2);
  }

  /** A request succeeded: in adaptive mode, grow the rate slowly back towards the ceiling. */
  recordSuccess(): void {
    if (!this.options.adaptive || this.bucket === undefined) return;
    this.bucket.rate = Math.min(this.ceiling, this.bucket.rate + 1 / this.bucket.rate);
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

/** A lazily filled map of one gate per region. */
export function createRateGates(options: RateGateOptions): (region: Region) => RateGate {
  const gates = new Map<Region, RateGate>();
  return (region) => {
    let gate = gates.get(region);
    if (gate === undefined) {
      gate = new RateGate(options);
      gates.set(region, gate);
    }
    return gate;
  };
}
