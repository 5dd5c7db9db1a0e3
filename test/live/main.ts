/**
 * The live conformance suite (docs/live-conformance.md): against the real API with PGENSURE_LIVE=1, else against
 * the bundled emulator. Creates, updates and deletes one scratch cluster through the built CLI, probes every guess
 * of the emulator, reports what this server did, and deletes the scratch cluster whatever happens.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { RawApi } from './api.js';
import { CliRunner } from './cli.js';
import { type LiveConfig, LiveConfigError, readLiveConfig } from './config.js';
import type { RunContext } from './context.js';
import { type BundledEmulator, seedEmulator, startBundledEmulator } from './emulator.js';
import { GUESSES } from './guesses.js';
import { failureReasons, type LiveReport, renderReportText } from './report.js';
import { buildReport, finishObservations, runSteps } from './run.js';
import { deleteClusters, PASSWORD_ENV, scratchName } from './scratch.js';
import { ScratchWatcher } from './watch.js';

/** Where the checkout is and how the process was started. */
export interface Invocation {
  root: string;
  argv: string[];
  env: NodeJS.ProcessEnv;
}

/** Runs the suite; resolves to the process exit code. */
export async function main(inv: Invocation): Promise<number> {
  let config: LiveConfig;
  try {
    config = readLiveConfig(inv.env, inv.argv);
  } catch (error) {
    if (!(error instanceof LiveConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee docs/live-conformance.md.\n`);
    return 1;
  }
  const bin = join(inv.root, 'dist', 'cli', 'pgensure.cjs');
  const version = (JSON.parse(readFileSync(join(inv.root, 'package.json'), 'utf8')) as { version: string }).version;
  const emulator = config.mode === 'emulator' ? await startBundledEmulator(bin, config.emulatorArgs) : undefined;
  try {
    return await runWith(inv, config, { bin, version, emulator });
  } finally {
    await emulator?.stop();
  }
}

interface RunEnv {
  bin: string;
  version: string;
  emulator: BundledEmulator | undefined;
}

async function runWith(inv: Invocation, config: LiveConfig, env: RunEnv): Promise<number> {
  const started = new Date();
  const run = createContext(inv, config, env, started);
  const { ctx } = run;
  const uninstall = installSignalHandlers(ctx, run.interrupt);
  announce(ctx, env.emulator === undefined ? new URL(ctx.api.baseUrl).host : 'the bundled emulator');
  let cleanup = { ok: true, detail: 'nothing to delete' };
  try {
    if (env.emulator !== undefined) await seedEmulator(env.emulator, config.region, seedProperties(ctx));
    await runSteps(ctx, { sweepOnly: config.sweepOnly, emulator: env.emulator });
  } finally {
    cleanup = await cleanUp(ctx, env.emulator);
    uninstall();
  }
  finishObservations(ctx);
  const report = buildReport(ctx, {
    version: env.version,
    server: env.emulator === undefined ? new URL(ctx.api.baseUrl).host : 'bundled emulator',
    started,
    finished: new Date(),
    interrupted: ctx.interrupted(),
    cleanup,
    guesses: GUESSES,
  });
  return publish(inv, ctx, report);
}

/** Prints the table, writes the JSON, says what failed; the exit code (130/143 after a signal). */
function publish(inv: Invocation, ctx: RunContext, report: LiveReport): number {
  const { config } = ctx;
  const reportPath = resolve(inv.env.INIT_CWD ?? process.cwd(), config.reportPath);
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${renderReportText(report)}\nReport: ${reportPath}\n`);
  const strict = config.mode === 'emulator' && config.emulatorArgs.length === 0 && !config.sweepOnly;
  const optional = new Set(GUESSES.filter((g) => g.mayBeUnobserved).map((g) => g.id));
  const reasons = failureReasons(report, strict, optional);
  for (const reason of reasons) process.stderr.write(`live: FAILED: ${reason}\n`);
  // The transcript holds the plans (datacenter, LAN, address): kept only when it can explain a failure.
  if (reasons.length === 0) rmSync(ctx.dir, { recursive: true, force: true });
  else process.stdout.write(`CLI transcript (read it before sharing it): ${join(ctx.dir, 'transcript.txt')}\n`);
  if (config.mode === 'live' && !config.sweepOnly)
    process.stdout.write('Please send the report to the pgensure maintainers (see docs/live-conformance.md).\n');
  const interrupted = ctx.interrupted();
  if (interrupted !== null) return interrupted === 'SIGINT' ? 130 : 143;
  return reasons.length === 0 ? 0 : 1;
}

/** Everything a run shares; `interrupt` records the signal (the steps look at it before each step). */
function createContext(inv: Invocation, config: LiveConfig, env: RunEnv, started: Date) {
  const endpointTemplate = env.emulator?.endpointTemplate ?? config.endpointTemplate!;
  const token = env.emulator?.token ?? config.token!;
  const baseUrl = endpointTemplate.replace('{region}', config.region).replace(/\/+$/, '');
  const dir = mkdtempSync(join(tmpdir(), 'pgensure-live-'));
  // Random per run, never shown: the CLI reads it from the environment the spec names.
  const password = `Live-${randomBytes(12).toString('base64url')}aA1!`;
  const api = new RawApi(baseUrl, token, `pgensure-live-conformance/${env.version}`);
  const name = scratchName(started, randomBytes(2).toString('hex'));
  const cliEnv = { PATH: inv.env.PATH ?? '', NO_COLOR: '1', IONOS_TOKEN: token, PGENSURE_ENDPOINT: endpointTemplate };
  let interruption: string | null = null;
  const ctx: RunContext = {
    config,
    api,
    cli: new CliRunner(env.bin, { ...cliEnv, [PASSWORD_ENV]: password }, join(dir, 'transcript.txt')),
    dir,
    spec: {
      name,
      region: config.region,
      description: 'pgensure live conformance suite: scratch cluster, safe to delete',
      version: '',
      datacenterId: config.datacenterId,
      lanId: config.lanId,
      cidr: config.cidr,
      backupLocation: '',
      retentionDays: 1,
    },
    password,
    watcher: new ScratchWatcher(api, name, config.pollMs),
    observations: new Map(),
    errorSamples: [],
    steps: [],
    clusterId: undefined,
    plannedId: undefined,
    backupsAfterCreate: undefined,
    log: (line) => process.stderr.write(`live: ${line}\n`),
    interrupted: () => interruption,
  };
  const interrupt = (signal: string): void => {
    interruption = signal;
  };
  return { ctx, interrupt };
}

function seedProperties(ctx: RunContext): Record<string, unknown> {
  return {
    version: '16',
    instances: { count: 1, cores: 1, ram: 4, storageSize: 10 },
    connection: {
      datacenterId: ctx.config.datacenterId,
      lanId: ctx.config.lanId,
      primaryInstanceAddress: '192.168.9.9/24',
    },
    maintenanceWindow: { dayOfTheWeek: 'Sunday', time: '03:00:00' },
    replicationMode: 'ASYNCHRONOUS',
    backup: { location: 'eu-central-3', retentionDays: 7 },
  };
}

function announce(ctx: RunContext, server: string): void {
  const what = ctx.config.sweepOnly
    ? 'deletes leftover pgensure-live-* clusters of earlier runs, nothing else'
    : `creates one cluster named ${ctx.spec.name} (1 instance, 1 core, 4 GB RAM, 10 GB storage), updates and deletes it`;
  ctx.log(`against ${server}, region ${ctx.config.region}: ${what}. Ctrl-C deletes it before exiting.`);
}

/** First SIGINT/SIGTERM: stop the CLI, let the run unwind to its clean-up; a second one leaves at once. */
function installSignalHandlers(ctx: RunContext, onSignal: (signal: string) => void): () => void {
  let seen: string | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (seen !== undefined) {
      ctx.log(`${signal} again: leaving without clean-up; the next run (or --sweep-only) deletes ${ctx.spec.name}`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    seen = signal;
    onSignal(signal);
    ctx.log(`${signal}: stopping, then deleting ${ctx.spec.name} (${signal} again leaves it for the next run's sweep)`);
    void ctx.cli.stop(30_000);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/** Deletes the scratch cluster (by its exact name) if it exists; looks twice, for a create that landed late. */
async function cleanUp(
  ctx: RunContext,
  emulator: BundledEmulator | undefined,
): Promise<{ ok: boolean; detail: string }> {
  await ctx.cli.stop(30_000);
  await ctx.watcher.stop();
  const deadline = Date.now() + ctx.config.waitTimeoutMs;
  const options = { deadline, pollMs: ctx.config.pollMs, log: ctx.log };
  try {
    const first = await deleteClusters(ctx.api, (n) => n === ctx.spec.name, options);
    await new Promise((r) => setTimeout(r, 2 * ctx.config.pollMs));
    const second = await deleteClusters(ctx.api, (n) => n === ctx.spec.name, options);
    const deleted = [...first.deleted, ...second.deleted];
    const failed = [...first.failed, ...second.failed];
    if (failed.length > 0)
      return { ok: false, detail: `could not delete ${failed.join(', ')}: delete it in the console` };
    if (deleted.length > 0) return { ok: true, detail: `deleted ${deleted.join(', ')}` };
    return { ok: true, detail: 'nothing left to delete' };
  } catch (error) {
    if (emulator?.exited()) return { ok: true, detail: 'the bundled emulator has stopped, and its clusters with it' };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, detail: `${message}; check for ${ctx.spec.name} in the console` };
  }
}
