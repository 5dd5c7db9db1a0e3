/** The run's steps, in order; a failed step ends the run (the clean-up still runs). */
import { observe, type RunContext } from './context.js';
import {
  describeCredentialEchoes,
  describeErrorCodes,
  describeRateLimitHeaders,
  describeRetryAfter,
  describeStates,
} from './derive.js';
import { countKept, type EmulatorAdmin, FILLER_COUNT, KEEP_NAMES, LEFTOVER_NAME } from './emulator.js';
import { type Guess, guessesFor } from './guesses.js';
import { createScratch, deleteScratch, inspectScratch, updateScratch } from './lifecycle.js';
import { probePageCap, probeReads, readCatalog } from './probes-read.js';
import { probeDirectPuts } from './probes-write.js';
import { judgeGuesses, type LiveReport, summarize } from './report.js';
import { deleteClusters, isScratchName } from './scratch.js';

type Step = [id: string, title: string, run: (ctx: RunContext) => Promise<string>];

const SWEEP: Step = ['sweep', 'delete leftovers of interrupted runs', sweep];

const LIFECYCLE: Step[] = [
  ['catalog', 'read /versions and /backup-locations', catalog],
  ['reads', 'read-only probes (paging, lists, errors)', reads],
  SWEEP,
  ['create', 'create the scratch cluster (plan, apply)', createScratch],
  ['inspect', 're-plan it and read it back', inspectScratch],
  ['update', 'update it (plan, apply), re-plan', updateScratch],
  ['direct-puts', 'PUT it back: unchanged, unknown key, no description', probeDirectPuts],
  ['delete', 'delete it (policy.ensure: absent; plan, apply)', deleteScratch],
];

/** Runs the steps until one fails or the run is interrupted. */
export async function runSteps(ctx: RunContext, options: { sweepOnly: boolean; emulator: EmulatorAdmin | undefined }) {
  const steps = options.sweepOnly ? [SWEEP] : LIFECYCLE;
  for (const [id, title, run] of steps) {
    if (ctx.interrupted() !== null) return;
    if (!(await runStep(ctx, id, title, run))) return;
  }
  if (options.emulator !== undefined && !options.sweepOnly) {
    const admin = options.emulator;
    await runStep(ctx, 'sweep-scope', 'only scratch clusters were deleted', () => checkScope(ctx, admin));
  }
}

async function runStep(ctx: RunContext, id: string, title: string, run: Step[2]): Promise<boolean> {
  const started = performance.now();
  ctx.log(`${title}...`);
  try {
    const detail = await run(ctx);
    ctx.steps.push({ id, title, ok: true, ms: performance.now() - started, detail });
    return true;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    ctx.steps.push({ id, title, ok: false, ms: performance.now() - started, detail });
    ctx.log(`${title}: FAILED: ${detail}`);
    return false;
  }
}

async function catalog(ctx: RunContext): Promise<string> {
  const { version, backupLocation } = await readCatalog(ctx);
  ctx.spec = { ...ctx.spec, version, backupLocation };
  return `PostgreSQL ${version}, backups in ${backupLocation}`;
}

async function reads(ctx: RunContext): Promise<string> {
  await probeReads(ctx);
  await probePageCap(ctx);
  return `${ctx.api.answers.length} requests so far`;
}

async function sweep(ctx: RunContext): Promise<string> {
  const result = await deleteClusters(ctx.api, isScratchName, {
    deadline: Date.now() + ctx.config.waitTimeoutMs,
    pollMs: ctx.config.pollMs,
    log: ctx.log,
  });
  if (result.failed.length > 0) throw new Error(`could not delete ${result.failed.join(', ')}`);
  const deleted = result.deleted.length === 0 ? 'none found' : `deleted ${result.deleted.join(', ')}`;
  return result.alreadyGoing.length === 0 ? deleted : `${deleted}; already going: ${result.alreadyGoing.join(', ')}`;
}

/** Emulator mode: the seeded names that only look like scratch clusters, and the fillers, are all still there. */
async function checkScope(ctx: RunContext, admin: EmulatorAdmin): Promise<string> {
  const { kept, fillers } = await countKept(admin, ctx.config.region);
  if (kept !== KEEP_NAMES.length || fillers !== FILLER_COUNT)
    throw new Error(`expected ${KEEP_NAMES.length} kept and ${FILLER_COUNT} fillers, found ${kept} and ${fillers}`);
  const swept = ctx.steps.find((s) => s.id === 'sweep')?.detail ?? '';
  if (!swept.includes(LEFTOVER_NAME)) throw new Error(`the sweep did not delete ${LEFTOVER_NAME}: ${swept}`);
  return `${kept} look-alikes and ${fillers} other clusters untouched; ${LEFTOVER_NAME} swept`;
}

/** The observations that come from the whole run rather than one probe. */
export function finishObservations(ctx: RunContext): void {
  const ran = (id: string) => ctx.steps.some((s) => s.id === id && s.ok);
  if (ran('create')) observe(ctx, 'states-seen', describeStates(ctx.watcher.states));
  if (ran('create'))
    observe(
      ctx,
      'credentials-echoed',
      describeCredentialEchoes(ctx.api.answers, [ctx.password]),
      'all answers the suite read',
    );
  if (ctx.api.answers.length > 0) observe(ctx, 'rate-limit-headers', describeRateLimitHeaders(ctx.api.answers));
  const retryAfter = describeRetryAfter(ctx.api.answers);
  observe(ctx, 'retry-after-format', retryAfter, retryAfter === null ? 'no 429 was seen' : '');
  if (ctx.errorSamples.length > 0) observe(ctx, 'error-codes', describeErrorCodes(ctx.errorSamples));
}

/** The report of the run. */
export function buildReport(
  ctx: RunContext,
  meta: {
    version: string;
    server: string;
    started: Date;
    finished: Date;
    interrupted: string | null;
    cleanup: { ok: boolean; detail: string };
    guesses: readonly Guess[];
  },
): LiveReport {
  const guesses = ctx.config.sweepOnly ? [] : judgeGuesses(guessesFor(ctx.config.region), ctx.observations);
  return {
    formatVersion: 1,
    kind: 'pgensure-live-conformance',
    pgensureVersion: meta.version,
    mode: ctx.config.mode,
    server: meta.server,
    region: ctx.config.region,
    scratchName: ctx.spec.name,
    startedAt: meta.started.toISOString(),
    finishedAt: meta.finished.toISOString(),
    durationMs: meta.finished.getTime() - meta.started.getTime(),
    interrupted: meta.interrupted,
    steps: ctx.steps,
    guesses,
    cleanup: meta.cleanup,
    summary: summarize(ctx.steps, guesses),
  };
}
