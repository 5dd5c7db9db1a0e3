import { describeNetworkCode } from '../api/network-errors.js';
import type { RetryEvent } from '../api/options.js';
import { ApiError, NetworkError } from '../errors.js';

/**
 * Human lines on stderr while a command runs, each said once: at the default log level a retried region gets one
 * line ("de-fra: the API did not answer (connection refused); retrying…"), the JSON detail of every retry stays at
 * --log-level info. After the final error nothing more may appear: the one error renderer calls silenceNotices().
 */
export interface Notices {
  /** Writes `line` unless a line with the same key was written before, or notices are silenced. */
  once(key: string, line: string): void;
  /** Nothing more from this instance. */
  silence(): void;
}

const live = new Set<Notices>();

/** Notices that write to `write` (stderr); `enabled: false` (e.g. --log-level error) makes them silent. */
export function createNotices(write: (text: string) => void, enabled: boolean): Notices {
  const said = new Set<string>();
  let silenced = !enabled;
  const notices: Notices = {
    once(key, line) {
      if (silenced || said.has(key)) return;
      said.add(key);
      write(`${line}\n`);
    },
    silence() {
      silenced = true;
      live.delete(notices);
    },
  };
  if (enabled) live.add(notices);
  return notices;
}

/** Silences every notice source of the process: call it right before the fatal error is rendered. */
export function silenceNotices(): void {
  for (const notices of [...live]) notices.silence();
}

/**
 * The key and the line for a retry: one line per API origin (each region has its own on IONOS, so at most one per
 * region; the emulator's regions share one, so a dead emulator is said once).
 */
export function describeRetry(event: RetryEvent): { key: string; line: string } {
  return { key: originOf(event.url), line: `${event.region}: ${whatHappened(event)}` };
}

function whatHappened(event: RetryEvent): string {
  const { error } = event;
  if (error instanceof NetworkError)
    return `the API did not answer (${describeNetworkCode(error.causeCode)}); retrying…`;
  if (error instanceof ApiError && error.status === 429) {
    return `the API is rate limiting (HTTP 429); waiting ${formatSeconds(event.delayMs)}, then retrying…`;
  }
  if (error instanceof ApiError) return `the API answered HTTP ${error.status}; retrying…`;
  return `a request failed (${event.reason}); retrying…`;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function originOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
