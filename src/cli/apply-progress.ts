import type { ApplyEvent } from '../apply/events.js';
import { needsAttention } from '../apply/runner.js';
import type { Change } from '../plan/types.js';
import { ProgressReporter } from './apply-progress-reporter.js';
import type { CliIo } from './io.js';

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

/** The progress display for this process: on stderr, live on a terminal (not TERM=dumb), plain lines elsewhere. */
export function startApplyProgress(
  changes: readonly Change[],
  io: Pick<CliIo, 'stderr' | 'env'>,
  display: { verbose: boolean },
): ApplyProgress {
  const live = io.stderr.isTTY === true && io.env.TERM !== 'dumb';
  return createApplyProgress(changes, { out: io.stderr, clock: systemClock, live, verbose: display.verbose });
}
