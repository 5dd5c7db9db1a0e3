/** What the queue needs from its gate: a clock, a sleep that agrees with it, and the region's Retry-After block. */
export interface PacedQueueDeps {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  blockedForMs: () => number;
}

interface Waiter {
  release: () => void;
  /** Goes before every waiter without it (a write right after its read: see acquire). */
  first: boolean;
}

/**
 * FIFO pacing by a token bucket whose rate may change while requests wait: one loop releases the head of the queue
 * whenever a token is there and the region is not blocked, so a rate lowered after a 429 applies at once to every
 * queued request (a reservation-style bucket would keep the slots it already handed out at the old rate).
 */
export class PacedQueue {
  readonly #deps: PacedQueueDeps;
  readonly #queue: Waiter[] = [];
  #running = false;
  #rate: number;
  #burst: number;
  #tokens: number;
  #at: number;

  constructor(deps: PacedQueueDeps, rate: number, burst: number) {
    this.#deps = deps;
    this.#rate = rate;
    this.#burst = burst;
    this.#tokens = burst;
    this.#at = deps.now();
  }

  /** Requests per second (Infinity = only Retry-After blocks apply). */
  get rate(): number {
    return this.#rate;
  }

  /** How many requests wait for their turn. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Changes the pace from now on; tokens already earned are kept (up to the new burst). */
  setRate(rate: number, burst: number): void {
    this.#refill();
    this.#rate = rate;
    this.#burst = burst;
    this.#tokens = Math.min(this.#tokens, burst);
  }

  /** Forgets the tokens saved up: after a 429 the server's bucket is empty, ours must not pretend otherwise. */
  drain(): void {
    this.#refill();
    this.#tokens = Math.min(this.#tokens, 0);
  }

  /**
   * Resolves when this request may be sent; rejects with the signal's reason if it aborts first (leaving the queue).
   * `first` requests (writes) queue before all others: apply reads a cluster and writes it at once, and a write that
   * waited behind other requests would widen the window in which another writer's change can slip in unseen.
   */
  acquire(signal?: AbortSignal, first = false): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.#queue.indexOf(waiter);
        if (i >= 0) this.#queue.splice(i, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        release: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        first,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const at = first ? this.#queue.findIndex((w) => !w.first) : -1;
      if (at >= 0) this.#queue.splice(at, 0, waiter);
      else this.#queue.push(waiter);
      if (!this.#running) void this.#run();
    });
  }

  async #run(): Promise<void> {
    // The flag is cleared synchronously when the queue empties, so an acquire in the same tick starts a new loop.
    this.#running = true;
    try {
      // Release at once what may go now; sleep only when the head must wait (never spins: waits are >= 1 ms).
      while (this.#queue.length > 0) {
        const wait = Math.max(this.#deps.blockedForMs(), this.#tokenWaitMs());
        if (wait > 0) {
          await this.#deps.sleep(Math.max(1, Math.ceil(wait)));
          continue;
        }
        if (this.#rate !== Number.POSITIVE_INFINITY) this.#tokens -= 1;
        this.#queue.shift()!.release();
      }
    } finally {
      this.#running = false;
    }
  }

  #tokenWaitMs(): number {
    if (this.#rate === Number.POSITIVE_INFINITY) return 0;
    this.#refill();
    return this.#tokens >= 1 ? 0 : ((1 - this.#tokens) / this.#rate) * 1000;
  }

  #refill(): void {
    const now = this.#deps.now();
    if (now > this.#at && this.#rate !== Number.POSITIVE_INFINITY) {
      this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#at) / 1000) * this.#rate);
    }
    this.#at = Math.max(this.#at, now);
  }
}
