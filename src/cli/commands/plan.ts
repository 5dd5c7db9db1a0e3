import { hasChanges } from '../../plan/order.js';
import type { Plan } from '../../plan/types.js';
import { PolicyDeniedError } from '../../policy/report.js';
import { formatsOf, renderPlanJson, renderReport } from '../../render/index.js';
import { NETWORK_OPTIONS, parseChoice, parseCommandArgs, SELECTION_OPTIONS, SELECTOR_HELP } from '../args.js';
import { buildPlan, loadSelectedDocuments, toPlanRequest } from '../build-plan.js';
import { connectApi } from '../connect.js';
import { type CliIo, useColor } from '../io.js';
import { createLogger } from '../logger.js';
import type { Outcome } from '../outcome.js';
import { IMPACT_HELP, IMPACT_OPTIONS, narrowPlan, parseMaxImpact } from '../plan-options.js';
import { writeOutputFile } from '../write-file.js';

export const PLAN_HELP = `Usage: pgensure plan [PATH...] [flags]

Validates the spec files, reads the live v2 state and prints what apply would change, and what each change does to
the running database (impact: none, online, switchover, downtime, destructive). Reads only.

  --format text|json|markdown   output format (default text)
  --out FILE                    also write the JSON plan to FILE (apply it later with apply --plan FILE)
  --detailed-exitcode           exit 0 = no changes, 2 = changes, 1 = error
${IMPACT_HELP}  --region R                    limit to regions (repeatable or comma-separated)
  --target ADDRESS              limit to clusters, e.g. de-fra/orders-prod (repeatable)
${SELECTOR_HELP}  --rotate-credentials ADDRESS  plan an update that re-sends that cluster's credentials (repeatable)
  --endpoint TEMPLATE           API URL template with {region} (default $PGENSURE_ENDPOINT or
                                https://postgresql.{region}.ionos.com)
  --no-color                    no ANSI colours (also NO_COLOR)
  --log-level LEVEL             fatal|error|warn|info|debug|trace|silent (default warn; logs go to stderr)
`;

export const PLAN_OPTIONS = {
  ...NETWORK_OPTIONS,
  ...SELECTION_OPTIONS,
  ...IMPACT_OPTIONS,
  format: { type: 'string' },
  out: { type: 'string' },
  'detailed-exitcode': { type: 'boolean' },
  'rotate-credentials': { type: 'string', multiple: true },
} as const;

/** `pgensure plan`: the plan on stdout, optionally saved; exit code per --detailed-exitcode. */
export async function runPlan(argv: string[], io: CliIo): Promise<Outcome> {
  const { values, positionals } = parseCommandArgs('plan', argv, PLAN_OPTIONS);
  if (values.help) {
    io.stdout.write(PLAN_HELP);
    return 'done';
  }
  const format = parseChoice('format', values.format, formatsOf('plan'), 'text');
  const maxImpact = parseMaxImpact(values['max-impact']);
  const request = toPlanRequest(values, positionals, io);
  const selected = await loadSelectedDocuments(request);
  const logger = createLogger(values['log-level'] ?? 'warn');
  const client = await connectApi(io, values.endpoint, logger);
  const color = useColor(io, values['no-color']);
  const built = await buildPlan(client, request, selected).catch((error: unknown) => {
    // A plan Policy refused is still shown: the reviewer sees what was refused, the refusal goes to stderr.
    if (error instanceof PolicyDeniedError) io.stdout.write(renderReport('plan', format, error.plan, { color }));
    throw error;
  });
  let plan: Plan;
  try {
    plan = narrowPlan(built, { maxImpact, window: values['maintenance-window'] === true, nowMs: Date.now() });
  } catch (error) {
    // The reviewer still sees what was refused: the plan on stdout, the refusal on stderr.
    io.stdout.write(renderReport('plan', format, built, { color }));
    throw error;
  }
  if (values.out) await writeOutputFile(values.out, renderPlanJson(plan));
  io.stdout.write(renderReport('plan', format, plan, { color, ...(values.out ? { planArtifact: values.out } : {}) }));
  return values['detailed-exitcode'] && hasChanges(plan.summary) ? 'changes' : 'done';
}
