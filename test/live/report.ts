/** Pure: the conformance report (JSON, formatVersion 1) and its text table. */
import type { Guess } from './guesses.js';

/** What a probe saw; `observed: null` = could not be observed (the detail says why). */
export interface Observation {
  observed: string | null;
  detail: string;
}

/** One guess with what this server did. */
export interface GuessResult {
  id: string;
  guess: string;
  ref: string;
  emulator: string;
  observed: string | null;
  verdict: 'same' | 'differs' | 'not observed';
  detail: string;
}

/** One step of the run (sweep, create, update, ...). */
export interface StepResult {
  id: string;
  title: string;
  ok: boolean;
  ms: number;
  detail: string;
}

/** The JSON report the suite writes (safe to share: no token, ids, addresses or e-mail addresses). */
export interface LiveReport {
  formatVersion: 1;
  kind: 'pgensure-live-conformance';
  pgensureVersion: string;
  mode: 'live' | 'emulator';
  /** `postgresql.de-fra.ionos.com` in live mode; `bundled emulator` otherwise. */
  server: string;
  region: string;
  scratchName: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  interrupted: string | null;
  steps: StepResult[];
  guesses: GuessResult[];
  cleanup: { ok: boolean; detail: string };
  summary: { same: number; differs: number; notObserved: number; stepsFailed: number };
}

/** Compares each guess with its observation. */
export function judgeGuesses(guesses: readonly Guess[], observations: ReadonlyMap<string, Observation>): GuessResult[] {
  return guesses.map((g) => {
    const seen = observations.get(g.id) ?? { observed: null, detail: 'not probed: the run stopped before this probe' };
    const verdict = seen.observed === null ? 'not observed' : seen.observed === g.emulator ? 'same' : 'differs';
    return {
      id: g.id,
      guess: g.guess,
      ref: g.ref,
      emulator: g.emulator,
      observed: seen.observed,
      verdict,
      detail: seen.detail,
    };
  });
}

/** The counts of the summary. */
export function summarize(steps: readonly StepResult[], guesses: readonly GuessResult[]): LiveReport['summary'] {
  return {
    same: guesses.filter((g) => g.verdict === 'same').length,
    differs: guesses.filter((g) => g.verdict === 'differs').length,
    notObserved: guesses.filter((g) => g.verdict === 'not observed').length,
    stepsFailed: steps.filter((s) => !s.ok).length,
  };
}

/**
 * Why the run fails (exit 1), if it does: a failed step, a failed clean-up, an interruption, and, against the
 * bundled emulator (`strict`), any guess that is not exactly the emulator's documented answer.
 */
export function failureReasons(report: LiveReport, strict: boolean, optional: ReadonlySet<string>): string[] {
  const reasons = report.steps.filter((s) => !s.ok).map((s) => `step ${s.id} failed: ${s.detail}`);
  if (!report.cleanup.ok) reasons.push(`clean-up failed: ${report.cleanup.detail}`);
  if (report.interrupted !== null) reasons.push(`interrupted by ${report.interrupted}`);
  if (strict)
    for (const g of report.guesses)
      if (g.verdict === 'differs' || (g.verdict === 'not observed' && !optional.has(g.id)))
        reasons.push(`${g.id}: the emulator documents "${g.emulator}" but did "${g.observed ?? 'nothing observable'}"`);
  return reasons;
}

/** The terminal form: steps, then one line per guess (verdict, id, emulator → this server), then the summary. */
export function renderReportText(report: LiveReport): string {
  const titleWidth = Math.max(0, ...report.steps.map((s) => s.title.length));
  const lines = [
    `pgensure live conformance: ${report.server}, region ${report.region}, ${formatDuration(report.durationMs)}`,
    '',
    'Steps:',
    ...report.steps.map(
      (s) =>
        `  ${s.ok ? 'ok  ' : 'FAIL'}  ${s.title.padEnd(titleWidth)}  ${formatDuration(s.ms).padStart(6)}  ${s.detail}`,
    ),
    '',
    'Guesses (emulator → this server):',
  ];
  const width = Math.max(...report.guesses.map((g) => g.id.length));
  for (const g of report.guesses) {
    const mark = g.verdict === 'same' ? 'same   ' : g.verdict === 'differs' ? 'DIFFERS' : 'unseen ';
    const seen = g.observed ?? `(${g.detail})`;
    lines.push(
      `  ${mark}  ${g.id.padEnd(width)}  ${g.emulator === g.observed ? g.emulator : `${g.emulator} → ${seen}`}`,
    );
  }
  const s = report.summary;
  lines.push(
    '',
    `${s.same} same, ${s.differs} differ, ${s.notObserved} not observed; ${s.stepsFailed} step${s.stepsFailed === 1 ? '' : 's'} failed; clean-up ${report.cleanup.ok ? 'ok' : 'FAILED'}: ${report.cleanup.detail}`,
  );
  return `${lines.join('\n')}\n`;
}

/** `850ms`, `12.3s`, `4m05s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
