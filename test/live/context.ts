/** What every step and probe of a run shares. */
import type { Answer, RawApi } from './api.js';
import type { CliRunner } from './cli.js';
import type { LiveConfig } from './config.js';
import type { Observation, StepResult } from './report.js';
import type { ScratchSpec } from './scratch.js';
import type { ScratchWatcher } from './watch.js';

/** One run of the suite. */
export interface RunContext {
  config: LiveConfig;
  api: RawApi;
  cli: CliRunner;
  /** Temporary directory with the spec file, plans and the CLI transcript. */
  dir: string;
  spec: ScratchSpec;
  password: string;
  watcher: ScratchWatcher;
  observations: Map<string, Observation>;
  /** The error answers whose errorCode the report lists (one per status, the first wins). */
  errorSamples: Answer[];
  steps: StepResult[];
  /** Set once the scratch cluster exists (by PUT or POST). */
  clusterId: string | undefined;
  /** The scratch cluster's backup records right after the create. */
  backupsAfterCreate: { records: number; active: number } | undefined;
  /** The id the plan chose for the create. */
  plannedId: string | undefined;
  /** Progress for the person running it (stderr). */
  log: (line: string) => void;
  /** Set by SIGINT/SIGTERM: no new step starts. */
  interrupted: () => string | null;
}

/** Records what a probe saw (null: could not be observed, with the reason). */
export function observe(ctx: RunContext, id: string, observed: string | null, detail = ''): void {
  ctx.observations.set(id, { observed, detail });
}

/** Runs a probe; an exception becomes "not observed" with its message, never a crash of the run. */
export async function probe(ctx: RunContext, id: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    observe(ctx, id, null, `probe failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Sleeps, but not past an interruption. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
