import { needsAttention } from '../../apply/runner.js';
import { defaultSecretSources, resolvePasswords } from '../../apply/secrets.js';
import { ApplyError, UsageError } from '../../errors.js';
import { hasChanges } from '../../plan/order.js';
import { diffSavedPlan } from '../../plan/saved.js';
import type { Plan, PlanInputs } from '../../plan/types.js';
import { renderReport } from '../../render/index.js';
import { isVerboseLevel } from '../apply-progress.js';
import { NETWORK_OPTIONS, parseCommandArgs, parseDuration, parsePositiveInt, SELECTION_OPTIONS } from '../args.js';
import { buildPlan, loadSelectedDocuments, type PlanRequest, toPlanRequest } from '../build-plan.js';
import { connectApi } from '../connect.js';
import { executePlan } from '../execute.js';
import { type CliIo, useColor } from '../io.js';
import { createLogger } from '../logger.js';
import type { Outcome } from '../outcome.js';
import { readSavedPlan } from '../plan-file.js';
import { IMPACT_HELP, IMPACT_OPTIONS, narrowPlan, parseMaxImpact } from '../plan-options.js';
import { askApproval } from '../prompt.js';

export const APPLY_HELP = `Usage: pgensure apply [PATH...] [flags]
       pgensure apply --plan FILE [flags]

Plans (or checks a saved plan by planning again), asks for approval, then executes it with full-object PUT ensures
and waits for every cluster to become AVAILABLE. Before every write it reads the cluster again and writes only if it
is still what the plan saw.

  --plan FILE                   apply this saved plan, only if planning again now gives the same plan
  --auto-approve                do not ask (required when stdin is not a terminal)
${IMPACT_HELP}  --parallelism N               clusters changed at once (default 10)
  --wait-timeout DURATION       per cluster, waiting for AVAILABLE after a write (default 60m)
  --busy-timeout DURATION       per cluster, waiting for a busy cluster before writing (default 30m)
  --failed-grace DURATION       how long FAILED may last before the cluster is failed (default 2m)
  --poll-interval DURATION      first poll interval; it backs off x1.5 up to 30s (default 2s)
  --rotate-credentials ADDRESS  re-send that cluster's credentials (repeatable)
  --region R, --target ADDRESS, --selector KEY=VALUE, --endpoint TEMPLATE, --no-color, --log-level LEVEL
                                as for plan
`;

const APPLY_OPTIONS = {
  ...NETWORK_OPTIONS,
  ...SELECTION_OPTIONS,
  ...IMPACT_OPTIONS,
  plan: { type: 'string' },
  'auto-approve': { type: 'boolean' },
  parallelism: { type: 'string' },
  'wait-timeout': { type: 'string' },
  'busy-timeout': { type: 'string' },
  'failed-grace': { type: 'string' },
  'poll-interval': { type: 'string' },
  'rotate-credentials': { type: 'string', multiple: true },
} as const;

type ApplyValues = ReturnType<typeof parseCommandArgs<typeof APPLY_OPTIONS>>['values'];

/** `pgensure apply`: exit 0 when every change succeeded, 1 otherwise (with what did succeed still reported). */
export async function runApply(argv: string[], io: CliIo): Promise<Outcome> {
  const { values, positionals } = parseCommandArgs('apply', argv, APPLY_OPTIONS);
  if (values.help) {
    io.stdout.write(APPLY_HELP);
    return 'done';
  }
  const options = parseExecutionOptions(values);
  const maxImpact = parseMaxImpact(values['max-impact']);
  const saved = values.plan === undefined ? undefined : await readSavedPlanFor(values, positionals);
  const request = saved ? requestFromSaved(saved.inputs, values, io) : toPlanRequest(values, positionals, io);
  const selected = await loadSelectedDocuments(request);
  const client = await connectApi(io, values.endpoint, createLogger(values['log-level'] ?? 'warn'));
  const built = await buildPlan(client, request, selected);
  if (saved) refuseIfDifferent(saved, built, request.endpoint, values.plan!);
  const color = useColor(io, values['no-color']);
  let plan: Plan;
  try {
    plan = narrowPlan(built, { maxImpact, window: values['maintenance-window'] === true, nowMs: Date.now() });
  } catch (error) {
    io.stdout.write(renderReport('plan', 'text', built, { color }));
    throw error;
  }
  io.stdout.write(renderReport('plan', 'text', plan, { color }));
  // A no-op whose cluster is busy or FAILED still needs apply: wait for the write in progress, or report it broken.
  if (!hasChanges(plan.summary) && !plan.changes.some(needsAttention)) return 'done';
  // Secrets first: a missing variable must fail the apply before the first write, not halfway through.
  const passwords = await resolvePasswords(plan.changes, defaultSecretSources(io.env));
  if (!values['auto-approve'] && !(await askApproval(io))) {
    io.stdout.write('Apply cancelled; nothing was written.\n');
    return 'cancelled';
  }
  return executePlan(plan, client, passwords, options, io, { verbose: isVerboseLevel(values['log-level']) });
}

function parseExecutionOptions(values: ApplyValues) {
  return {
    parallelism: parsePositiveInt('parallelism', values.parallelism, 10),
    waitTimeoutMs: parseDuration('wait-timeout', values['wait-timeout'], 60 * 60_000),
    busyTimeoutMs: parseDuration('busy-timeout', values['busy-timeout'], 30 * 60_000),
    failedGraceMs: parseDuration('failed-grace', values['failed-grace'], 2 * 60_000),
    pollIntervalMs: parseDuration('poll-interval', values['poll-interval'], 2000),
    maxPollIntervalMs: 30_000,
  };
}

async function readSavedPlanFor(values: ApplyValues, positionals: string[]): Promise<Plan> {
  if (positionals.length > 0)
    throw new UsageError('apply --plan FILE takes no PATH: the saved plan already says what to do');
  // Silently ignoring these would apply the whole saved plan to a user who asked for part of it.
  const narrowing = {
    target: values.target,
    region: values.region,
    selector: values.selector,
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
  return readSavedPlan(values.plan!);
}

/** The saved plan's own request (its PATHs and narrowing), read against the endpoint of this apply. */
function requestFromSaved(inputs: PlanInputs, values: ApplyValues, io: CliIo): PlanRequest {
  const current = toPlanRequest({ endpoint: values.endpoint }, inputs.paths, io);
  return {
    ...current,
    regions: inputs.regions ?? undefined,
    targets: inputs.targets ?? undefined,
    selector: inputs.selector ?? undefined,
    rotateCredentials: inputs.rotateCredentials,
  };
}

/** Planning again must give the saved plan exactly; any difference refuses the whole plan before any write. */
function refuseIfDifferent(saved: Plan, fresh: Plan, endpoint: string, path: string): void {
  const differences = diffSavedPlan(saved, fresh, endpoint);
  if (differences.length === 0) return;
  const lines = differences.map((d) => `  ${d}`).join('\n');
  throw new ApplyError(
    `the saved plan ${path} is stale: planning again now gives a different plan; nothing was written:\n${lines}`,
    {
      hint: 'run `pgensure plan --out FILE` again, review it, and apply the new plan',
    },
  );
}
