import type { ApplyEvent } from '../apply/events.js';
import { needsAttention } from '../apply/runner.js';
import { assertNever } from '../errors.js';
import type { Action, Change } from '../plan/types.js';
import type { CliIo } from './io.js';
import { describeEvent, formatElapsed, verbOf } from './progress.js';
import { eraseBlock, renderStatusBlock } from './status-block.js';

/** Time for the progress display, injected so tests decide when a heartbeat is due. */
export interface ProgressClock {
  now(): number;
  /** Calls `tick` every `ms` until the returned function is called; must not keep the process alive. */
  every(ms: number, tick: () => void): () => void;
}

/** The machine's clock. */
export const systemClock: ProgressClock = {
  now: () => Date.now(),
  every(ms, tick) {
    const timer = setInterval(tick, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

export interface ApplyProgressOptions {
  /** Where progress goes (stderr); `columns`/`rows` size the live block. */
  out: { write(text: string): unknown; columns?: number; rows?: number };
  clock: ProgressClock;
  /** A terminal: a live status block under the lines. Otherwise (CI, a file, a pipe) plain lines and heartbeats. */
  live: boolean;
  /** Show each request (--log-level info or lower). */
  verbose: boolean;
  /** A cluster that printed nothing this long gets a heartbeat line; the wait doubles after each, up to the max. */
  heartbeatMs?: number;
  maxHeartbeatMs?: number;
}

/** Turns an apply's events into what a person watching (or a CI log) needs. */
export interface ApplyProgress {
  onEvent(event: ApplyEvent): void;
  /** A line from elsewhere (a signal notice), printed without tearing the live block. */
  print(line: string): void;
  /** Stops the clock and removes the live block, so what follows starts on a clean line. */
  stop(): void;
}

/** Whether a log level asks for the requests themselves. */
export function isVerboseLevel(level: string | undefined): boolean {
  return level === 'info' || level === 'debug' || level === 'trace';
}

/** The changes the executor works on: every write, and the no-ops it waits for (busy or FAILED clusters). */
export function countsAsWork(change: Change): boolean {
  return change.action !== 'noop' || needsAttention(change);
}

/** A progress display for applying `changes`: `[done/total]` on every line, one line per state change, heartbeats. */
export function createApplyProgress(changes: readonly Change[], options: ApplyProgressOptions): ApplyProgress {
  return new ProgressReporter(changes.filter(countsAsWork).length, options);
}

interface Track {
  address: string;
  action: Action;
  /** The last state seen; null before the first one. */
  state: string | null;
  /** When `state` began (or the change started). */
  since: number;
  lastLineAt: number;
  quietMs: number;
  /** An AVAILABLE/gone line held back: the success line that usually follows says it already. */
  held: string | null;
  /** The desired state was found in place (another writer's, or a write whose answer was lost): not "created". */
  landed: boolean;
}

/** States a wait ends in: their line is held back, as the success line carries them. */
const GOALS = new Set(['AVAILABLE', 'GONE']);

class ProgressReporter implements ApplyProgress {
  readonly #options: Required<ApplyProgressOptions>;
  readonly #running = new Map<string, Track>();
  readonly #startedAt: number;
  readonly #stopTicking: () => void;
  #total: number;
  #finished = 0;
  #failed = 0;
  #refused = 0;
  #drawn = 0;
  #stopped = false;

  constructor(total: number, options: ApplyProgressOptions) {
    this.#options = { heartbeatMs: 30_000, maxHeartbeatMs: 300_000, ...options };
    this.#total = total;
    this.#startedAt = options.clock.now();
    this.#stopTicking = options.clock.every(1000, () => this.#tick());
  }

  onEvent(event: ApplyEvent): void {
    const now = this.#options.clock.now();
    const track = this.#trackFor(event.address, now);
    switch (event.type) {
      case 'started':
        Object.assign(track, { action: event.action, state: null, since: now });
        break;
      case 'write':
        break;
      case 'waiting':
        if (event.state !== null && !this.#noteState(track, event.state, now)) return;
        if (event.state !== null && GOALS.has(event.state)) {
          track.held = describeEvent(event);
          return;
        }
        break;
      case 'landed':
        track.landed = true;
        break;
      case 'succeeded':
        track.held = null;
        this.#finish(track, 'succeeded');
        if (track.landed) {
          this.#emit(
            track,
            `${track.address}: already as planned, AVAILABLE after ${formatElapsed(event.elapsedMs)}`,
            now,
          );
          return;
        }
        break;
      case 'stale':
        this.#finish(track, 'refused');
        break;
      case 'failed':
        this.#finish(track, 'failed');
        break;
      default:
        assertNever(event, 'apply event');
    }
    const text = describeEvent(event, { verbose: this.#options.verbose });
    if (text !== null) this.#emit(track, text, now);
  }

  print(line: string): void {
    this.#write([line]);
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#stopTicking();
    if (this.#drawn > 0) this.#options.out.write(eraseBlock(this.#drawn));
    this.#drawn = 0;
  }

  /** The cluster's record; an address the plan did not count (it should not happen) still gets one, and counts. */
  #trackFor(address: string, now: number): Track {
    let track = this.#running.get(address);
    if (!track) {
      const quietMs = this.#options.heartbeatMs;
      track = { address, action: 'noop', state: null, since: now, lastLineAt: now, quietMs, held: null, landed: false };
      this.#running.set(address, track);
      if (this.#running.size + this.#finished > this.#total) this.#total = this.#running.size + this.#finished;
    }
    return track;
  }

  /** Records a new state; false when it is the one already shown. */
  #noteState(track: Track, state: string, now: number): boolean {
    if (track.state === state) return false;
    Object.assign(track, { state, since: now, quietMs: this.#options.heartbeatMs });
    return true;
  }

  #finish(track: Track, how: 'succeeded' | 'failed' | 'refused'): void {
    this.#running.delete(track.address);
    this.#finished++;
    if (how === 'failed') this.#failed++;
    if (how === 'refused') this.#refused++;
  }

  #emit(track: Track, text: string, now: number): void {
    const lines = this.#takeHeld(track);
    lines.push(`${this.#count()} ${text}`);
    track.lastLineAt = now;
    this.#write(lines);
  }

  #takeHeld(track: Track): string[] {
    if (track.held === null) return [];
    const line = `${this.#count()} ${track.held}`;
    track.held = null;
    return [line];
  }

  /** Heartbeats (plain lines) for clusters that have been quiet too long; on a terminal, a fresh block instead. */
  #tick(): void {
    const now = this.#options.clock.now();
    if (this.#options.live) {
      this.#write([]);
      return;
    }
    const lines: string[] = [];
    for (const track of this.#running.values()) {
      if (now - track.lastLineAt < track.quietMs) continue;
      // A held AVAILABLE line is news by now; otherwise say what the cluster is still doing, and for how long.
      const held = this.#takeHeld(track);
      lines.push(...(held.length > 0 ? held : [this.#heartbeat(track, now)]));
      track.lastLineAt = now;
      track.quietMs = Math.min(track.quietMs * 2, this.#options.maxHeartbeatMs);
    }
    if (lines.length > 0) this.#write(lines);
  }

  #heartbeat(track: Track, now: number): string {
    const doing = track.state ?? verbOf(track.action);
    return `${this.#count()} ${track.address}: still ${doing} after ${formatElapsed(now - track.since)}`;
  }

  #count(): string {
    const total = String(this.#total);
    return `[${String(this.#finished).padStart(total.length)}/${total}]`;
  }

  /** Writes lines; on a terminal, above a redrawn status block, in one write so it never flickers. */
  #write(lines: readonly string[]): void {
    const text = lines.map((line) => `${line}\n`).join('');
    if (!this.#options.live || this.#stopped) {
      if (text !== '') this.#options.out.write(text);
      return;
    }
    const block = this.#renderBlock();
    this.#options.out.write(`${eraseBlock(this.#drawn)}${text}${block.map((line) => `${line}\n`).join('')}`);
    this.#drawn = block.length;
  }

  #renderBlock(): string[] {
    const { out, clock } = this.#options;
    const running = [...this.#running.values()].map((t) => ({
      address: t.address,
      label: t.state === 'GONE' ? 'gone' : (t.state ?? verbOf(t.action)),
      since: t.since,
    }));
    const input = {
      finished: this.#finished,
      failed: this.#failed,
      refused: this.#refused,
      total: this.#total,
      running,
      startedAt: this.#startedAt,
      now: clock.now(),
      // A pseudo-terminal without a size (script, some CI runners) reports 0: assume the classic 80x24.
      columns: out.columns || 80,
      rows: out.rows || 24,
    };
    return renderStatusBlock(input, formatElapsed);
  }
}

/** The progress display for this process: on stderr, live on a terminal (not TERM=dumb), plain lines elsewhere. */
export function startApplyProgress(
  changes: readonly Change[],
  io: Pick<CliIo, 'stderr' | 'env'>,
  display: { verbose: boolean },
): ApplyProgress {
  const live = io.stderr.isTTY === true && io.env.TERM !== 'dumb';
  return createApplyProgress(changes, { out: io.stderr, clock: systemClock, live, verbose: display.verbose });
}
