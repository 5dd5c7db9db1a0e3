import type { ApiClient } from '../../api/index.js';
import type { ClusterRead, Region } from '../../api/types.js';
import { assembleDrift, hasDrift } from '../../drift/index.js';
import { SpecError } from '../../errors.js';
import { formatsOf, renderReport } from '../../render/index.js';
import { NETWORK_OPTIONS, parseChoice, parseCommandArgs, SELECTION_OPTIONS, SELECTOR_HELP } from '../args.js';
import { loadSelectedDocuments, regionsToScan, toPlanRequest } from '../build-plan.js';
import { connectApi } from '../connect.js';
import { describeFleetPolicy } from '../fleet-policy.js';
import { type CliIo, useColor } from '../io.js';
import { createLogger, LOG_LEVELS } from '../logger.js';
import type { Outcome } from '../outcome.js';

export const DRIFT_HELP = `Usage: pgensure drift [PATH...] [flags]

Reports live clusters that differ from the spec files: the differing fields (in the files → live) and who changed
the cluster last and when; clusters the files want that do not exist; clusters no file names (unmanaged, listed
only). Read-only: sends GET requests only, never prompts, needs no passwords.

  --format text|json|markdown|github   output format (default text; markdown: a GitHub issue body with the hidden
                                       marker <!-- pgensure-drift -->; github: ::warning annotations at the spec
                                       lines, then the text report; spec errors become ::error annotations)
  --region R                    limit to regions (repeatable or comma-separated); also the regions scanned for
                                unmanaged clusters
  --target ADDRESS              limit to clusters, e.g. de-fra/orders-prod (repeatable; lists no unmanaged ones)
${SELECTOR_HELP}  --endpoint TEMPLATE           API URL template with {region} (default $PGENSURE_ENDPOINT or
                                https://postgresql.{region}.ionos.com)
  --no-color                    no ANSI colours (also NO_COLOR)
  --log-level LEVEL             fatal|error|warn|info|debug|trace|silent (default warn; logs go to stderr)

Exit codes: 0 no drift, 2 drift found, 1 error (nothing reported).
`;

const DRIFT_OPTIONS = { ...NETWORK_OPTIONS, ...SELECTION_OPTIONS, format: { type: 'string' } } as const;

/** `pgensure drift`: the report on stdout; exit 2 when a managed cluster drifted, 0 when none did. */
export async function runDrift(argv: string[], io: CliIo): Promise<Outcome> {
  const { values, positionals } = parseCommandArgs('drift', argv, DRIFT_OPTIONS);
  if (values.help) {
    io.stdout.write(DRIFT_HELP);
    return 'done';
  }
  const format = parseChoice('format', values.format, formatsOf('drift'), 'text');
  const logLevel = parseChoice('log-level', values['log-level'], LOG_LEVELS, 'warn');
  const request = toPlanRequest(values, positionals, io);
  const { docs, fleet } = await loadSelectedDocuments(request);
  // Rules on `cluster` run here too; drift writes nothing, so a denial is reported, not enforced.
  if (fleet.policy !== undefined) io.stderr.write(describeFleetPolicy(fleet.policy, docs));
  const client = await connectApi(io, values.endpoint, createLogger(logLevel));
  const live = await readClusters(client, regionsToScan(docs, request.regions));
  const { report, issues } = assembleDrift({
    desired: docs,
    live,
    now: new Date().toISOString(),
    listUnmanaged: request.targets === undefined && request.selector === undefined,
  });
  if (issues.length > 0) {
    throw new SpecError(issues, {
      hint: 'these documents cannot be matched to one live cluster; no drift report was made',
    });
  }
  io.stdout.write(renderReport('drift', format, report, { color: useColor(io, values['no-color']) }));
  return hasDrift(report) ? 'drift' : 'done';
}

/** Only the cluster lists: drift needs no catalogue and nothing per cluster (one paged GET per region). */
async function readClusters(client: ApiClient, regions: readonly Region[]): Promise<Map<Region, ClusterRead[]>> {
  const lists = await Promise.all(regions.map((region) => client.listClusters(region)));
  return new Map(regions.map((region, i) => [region, lists[i]!]));
}
