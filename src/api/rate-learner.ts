/** Where a learning gate starts when no ceiling is given: far above what small applies need, so they never wait. */
export const DEFAULT_LEARN_START_RPS = 100;
/** Burst before the first 429 (a plan sends at most a handful of requests per region at once). */
export const LEARN_START_BURST = 20;
/**
 * Pace at this share of the estimate. The estimate is exact for a bucket holding Retry-After's worth (the common
 * shape, and the emulator's), so pacing just under it uses the limit fully (issue 13: 90 % left a tenth of every
 * apply's budget unused); the 2 % are a margin for the jitter of a real network between our clock and the server's.
 */
export const LEARN_SAFETY = 0.98;
/**
 * Without a 429 for this long while requests queue, try 10 % more: the estimate is low when the server's bucket is
 * smaller than Retry-After's worth, and the limit is shared, so it may have grown. Rare enough that an apply paced at
 * a right estimate finishes first (500 updates at 50 req/s take ~20 s); a probe that is throttled is remembered and
 * never tried again (see onThrottle), so a right estimate costs at most one more 429 episode, ever.
 */
export const LEARN_GROW_AFTER_MS = 30_000;
export const LEARN_GROWTH = 1.1;
/** Before the first 429 nothing says the limit is near: while requests queue, go 50 % faster every 2 s. */
export const PROBE_GROW_AFTER_MS = 2000;
const PROBE_GROWTH = 1.5;
const MIN_RPS = 0.5;
/** Fewer accepted requests than this since the last lesson is too little history to trust the estimate alone. */
const MIN_SAMPLES = 5;
/** Successes older than this say nothing about the current limit. */
const WINDOW_MS = 60_000;
/** Assumed when a 429 carries no usable Retry-After. */
const DEFAULT_RETRY_AFTER_MS = 1000;

/**
 * Estimates a server's rate limit from the requests it accepted before rejecting one: the best rate over any tail
 * of the accepted requests, counting the Retry-After wait as part of the window,
 *   max over k of  (n - k) / (t0 - s_k + retryAfter).
 * For a token bucket holding Retry-After's worth of tokens (or a fixed window that resets at Retry-After) this is
 * the limit itself; for a larger bucket it overestimates once, and the next 429 (measured while saturated) is exact;
 * for a smaller one it underestimates, and the slow growth below recovers the difference.
 * `successes` are ascending timestamps (ms) of accepted requests, all at or before `t0`.
 */
export function estimateRate(successes: readonly number[], t0: number, retryAfterMs: number): number {
  let best = 0;
  const n = successes.length;
  for (let k = 0; k < n; k++) {
    const seconds = (t0 - successes[k]! + retryAfterMs) / 1000;
    if (seconds > 0) best = Math.max(best, (n - k) / seconds);
  }
  return best;
}

/** What the learner decided: the rate and burst to pace at, or undefined for "no change". */
export interface Pace {
  rate: number;
  burst: number;
}

/**
 * One region's learnt limit. Before any 429 it paces at the start rate, 50 % faster after every 2 s of queueing; a
 * 429 for a request sent after the last lesson sets the pace to LEARN_SAFETY × the estimate (with too little history
 * for an estimate, a quarter of the old pace: a lone 429 must not collapse it); after that, 30 s of queueing without a
 * 429 grows it by 10 %, but never to a pace that was throttled after a lesson. Never above the ceiling.
 */
export class RateLearner {
  readonly #ceiling: number;
  /** A pace that was throttled after a lesson (the limit is below it): growth stops short of it. */
  #tooFast = Number.POSITIVE_INFINITY;
  #rate: number;
  #successes: number[] = [];
  #epochStart = Number.NEGATIVE_INFINITY;
  #learnedAt = Number.NEGATIVE_INFINITY;
  #calmSince: number;

  constructor(ceiling: number | undefined, now: number) {
    this.#ceiling = ceiling ?? Number.POSITIVE_INFINITY;
    this.#rate = Math.min(this.#ceiling, DEFAULT_LEARN_START_RPS);
    this.#calmSince = now;
  }

  /** The starting pace. */
  get pace(): Pace {
    return { rate: this.#rate, burst: Math.max(1, Math.min(LEARN_START_BURST, Math.floor(this.#rate))) };
  }

  /** A request sent at `sentAt` was accepted at `now`; `queued` = requests still waiting for the gate. */
  onSuccess(sentAt: number, now: number, queued: number): Pace | undefined {
    if (sentAt >= this.#epochStart) this.#remember(now);
    if (queued === 0) {
      this.#calmSince = now; // not saturated: nothing to learn about a higher limit
      return undefined;
    }
    const learnt = this.#learnedAt !== Number.NEGATIVE_INFINITY;
    if (now - this.#calmSince < (learnt ? LEARN_GROW_AFTER_MS : PROBE_GROW_AFTER_MS)) return undefined;
    const next = Math.min(
      this.#ceiling,
      LEARN_SAFETY * this.#tooFast,
      this.#rate * (learnt ? LEARN_GROWTH : PROBE_GROWTH),
    );
    if (next <= this.#rate) return undefined;
    this.#calmSince = now;
    this.#rate = next;
    return learnt ? this.#paced() : this.pace;
  }

  /**
   * A request sent at `sentAt` got a 429 at `now`. Requests sent before the last lesson were in flight when it was
   * learnt: their 429s are the same news and are ignored.
   */
  onThrottle(sentAt: number, now: number, retryAfterMs: number | undefined): Pace | undefined {
    if (sentAt < this.#learnedAt) return undefined;
    // Paced since a lesson, and still too fast: the limit is below this pace, whatever later estimates say.
    if (this.#learnedAt !== Number.NEGATIVE_INFINITY) this.#tooFast = Math.min(this.#tooFast, this.#rate);
    const wait = retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
    const recent = this.#successes.filter((t) => t >= now - WINDOW_MS);
    const estimate = Math.max(estimateRate(recent, now, wait), 1000 / Math.max(wait, 1));
    const floor = recent.length < MIN_SAMPLES ? this.#rate / 4 : MIN_RPS;
    const next = Math.max(LEARN_SAFETY * estimate, floor);
    this.#rate = Math.min(this.#ceiling, this.#rate, next); // a 429 never speeds us up
    this.#learnedAt = now;
    this.#epochStart = now + wait; // the next lesson counts only what is sent after this block
    this.#successes = [];
    this.#calmSince = now + wait;
    return this.#paced();
  }

  #remember(now: number): void {
    this.#successes.push(now);
    if (this.#successes.length > 8192) this.#successes = this.#successes.filter((t) => t >= now - WINDOW_MS);
  }

  #paced(): Pace {
    // Once learnt, no saved-up burst: after the Retry-After block the server's bucket holds little more than ours.
    return { rate: this.#rate, burst: 1 };
  }
}
