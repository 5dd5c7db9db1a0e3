import { readFile } from 'node:fs/promises';
import type { ApiClient } from '../../api/index.js';
import { applyPlan } from '../../apply/executor.js';
import { bodyWithPassword, defaultSecretSources, resolvePasswords } from '../../apply/secrets.js';
import { ApplyError, UsageError } from '../../errors.js';
import { hasChanges } from '../../plan/order.js';
import { checkStaleness } from '../../plan/stale.js';
import { PLAN_FORMAT_VERSION, type Plan } from '../../plan/types.js';
import { NETWORK_OPTIONS, parseCommandArgs, parseDuration, parsePositiveInt } from '../args.js';
import { buildPlan, loadSelectedDocuments, toPlanRequest } from '../build-plan.js';
import { connectApi } from '../connect.js';
import { type CliIo, useColor } from '../io.js';
import { createLogger } from '../logger.js';
import type { Outcome } from '../outcome.js';
import { describeEvent, summarizeApply } from '../progress.js';
import { askApproval } from '../prompt.js';
import { renderPlanFor } from '../render-plan.js';

export const APPLY_HELP = `Usage: pgensure apply [PATH...] [flags]
       pgensure apply --plan FILE [flags]

Plans (or loads a saved plan), asks for approval, then executes it with full-object PUT ensures and waits for
every cluster to become AVAILABLE.

  --plan FILE                   apply exactly this saved plan (refused if any cluster changed since)
  --auto-approve                do not ask (required when stdin is not a terminal)
  --parallelism N               clusters changed at once (default 10)
  --wait-timeout DURATION       per cluster, waiting for AVAILABLE after a write (default 60m)
  --busy-timeout DURATION       per cluster, waiting for a busy cluster before writing (default 30m)
  --failed-grace DURATION       how long FAILED may last before the cluster is failed (default 2m)
  --poll-interval DURATION      first poll interval; it backs off x1.5 up to 30s (default 2s)
  --rotate-credentials ADDRESS  re-send that cluster's credentials (repeatable)
  --region R, --target ADDRESS, --endpoint TEMPLATE, --no-color, --log-level LEVEL   as for plan
`;

const APPLY_OPTIONS = {
  ...NETWORK_OPTIONS,
  plan: { type: 'string' },
  'auto-approve': { type: 'boolean' },
  parallelism: { type: 'string' },
  'wait-timeout': { type: 'string' },
  'busy-timeout': { type: 'string' },
  'failed-grace': { type: 'string' },
  'poll-interval': { type: 'string' },
  'rotate-credentials': { type: 'string', multiple: true },
} as const;

/** `pgensure apply`: exit 0 when every change succeeded, 1 otherwise (with what did succeed still reported). */
export async function runApply(argv: string[], io: CliIo): Promise<Outcome> {
  const { values, positionals } = parseCommandArgs('apply', argv, APPLY_OPTIONS);
  if (values.help) {
    io.stdout.write(APPLY_HELP);
    return 'done';
  }
  const options = {
    parallelism: parsePositiveInt('parallelism', values.parallelism, 10),
    waitTimeoutMs: parseDuration('wait-timeout', values['wait-timeout'], 60 * 60_000),
    busyTimeoutMs: parseDuration('busy-timeout', values['busy-timeout'], 30 * 60_000),
    failedGraceMs: parseDuration('failed-grace', values['failed-grace'], 2 * 60_000),
    pollIntervalMs: parseDuration('poll-interval', values['poll-interval'], 2000),
    maxPollIntervalMs: 30_000,
  };
  const logger = createLogger(values['log-level'] ?? 'warn');
  const color = useColor(io, values['no-color']);
  let plan: Plan;
  let client: ApiClient;
  if (values.plan) {
    if (positionals.length > 0)
      throw new UsageError('apply --plan FILE takes no PATH: the saved plan already says what to do');
    // Silently ignoring these would apply the whole saved plan to a user who asked for part of it.
    const narrowing = {
      target: values.target,
      region: values.region,
      'rotate-credentials': values['rotate-credentials'],
    };
    const ignored = Object.entries(narrowing)
      .filter(([, value]) => value !== undefined)
      .map(([flag]) => `--${flag}`);
    if (ignored.length > 0) {
      throw new UsageError(`apply --plan FILE applies exactly the saved plan; ${ignored.join(', ')} cannot change it`, {
        hint: 'pass them to `pgensure plan --out FILE` instead, then apply that plan',
      });
    }
    plan = await readSavedPlan(values.plan);
    client = await connectApi(io, values.endpoint, logger);
    plan = await refuseIfStale(client, plan);
  } else {
    const request = toPlanRequest(values, positionals, io.cwd);
    const docs = await loadSelectedDocuments(request);
    client = await connectApi(io, values.endpoint, logger);
    plan = await buildPlan(client, request, docs);
  }
  io.stdout.write(renderPlanFor(plan, 'text', { color }));
  const busy = plan.changes.some(
    (c) => c.action === 'noop' && (c.live?.state === 'PROVISIONING' || c.live?.state === 'UPDATING'),
  );
  if (!hasChanges(plan.summary) && !busy) return 'done';
  // Secrets first: a missing variable must fail the apply before the first write, not halfway through.
  const passwords = await resolvePasswords(plan.changes, defaultSecretSources(io.env));
  if (!values['auto-approve'] && !(await askApproval(io))) {
    io.stdout.write('Apply cancelled; nothing was written.\n');
    return 'cancelled';
  }
  return executePlan(plan, client, passwords, options, io);
}

async function executePlan(
  plan: Plan,
  client: ApiClient,
  passwords: Map<string, string>,
  options: Parameters<typeof applyPlan>[2],
  io: CliIo,
): Promise<Outcome> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130); // a second Ctrl-C means now
    io.stderr.write(
      `\n${signal}: starting no new writes; finishing the ones in flight. Press Ctrl-C again to quit at once.\n`,
    );
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await applyPlan(
      plan,
      {
        api: client,
        bodyFor: (change) => bodyWithPassword(change, passwords),
        onEvent: (event) => {
          const line = describeEvent(event);
          if (line) io.stderr.write(`${line}\n`);
        },
        sleep: abortableSleep,
        now: () => Date.now(),
        signal: controller.signal,
      },
      options,
    );
    io.stdout.write(summarizeApply(result));
    return result.interrupted || result.outcomes.some((o) => o.status === 'failed' || o.status === 'interrupted')
      ? 'incomplete'
      : 'done';
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function readSavedPlan(path: string): Promise<Plan> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `cannot read the saved plan ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const version = (parsed as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== PLAN_FORMAT_VERSION) {
    throw new UsageError(
      `${path}: plan formatVersion ${JSON.stringify(version)} is not supported (this pgensure reads ${PLAN_FORMAT_VERSION})`,
      { hint: 'make the plan again with this version of pgensure' },
    );
  }
  return parsed as Plan;
}

/** Re-reads every region the plan touches and refuses the whole plan, before any write, if a cluster moved. */
async function refuseIfStale(client: ApiClient, plan: Plan): Promise<Plan> {
  const regions = [...new Set(plan.changes.map((c) => c.region))].sort();
  const lists = await Promise.all(regions.map((region) => client.listClusters(region)));
  const fresh = new Map(regions.map((region, i) => [region, lists[i]!]));
  const { stale, refreshed } = checkStaleness(plan, fresh);
  if (stale.length === 0) return refreshed;
  const lines = stale.map((s) => `  ${s.address}: ${s.reason}`).join('\n');
  throw new ApplyError(`the saved plan is stale; nothing was written:\n${lines}`, {
    hint: 'run `pgensure plan --out FILE` again, review it, and apply the new plan',
  });
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
