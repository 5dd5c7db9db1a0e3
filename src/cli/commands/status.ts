import type { ApiClient } from '../../api/index.js';
import type { BackupRead, ClusterRead, Region } from '../../api/types.js';
import { SpecError, UsageError } from '../../errors.js';
import { formatsOf, renderReport } from '../../render/index.js';
import { assembleStatus, isUnhealthy } from '../../status/index.js';
import {
  NETWORK_OPTIONS,
  parseChoice,
  parseCommandArgs,
  parseDuration,
  SELECTION_OPTIONS,
  SELECTOR_HELP,
} from '../args.js';
import { loadSelectedDocuments, regionsToScan, toPlanRequest } from '../build-plan.js';
import { connectApi } from '../connect.js';
import { type CliIo, useColor } from '../io.js';
import { createLogger, LOG_LEVELS } from '../logger.js';
import type { Outcome } from '../outcome.js';

export const STATUS_HELP = `Usage: pgensure status [PATH...] [flags]

Shows the live health of the clusters the spec files manage: state (and the API's statusMessage), DNS name,
version, instances, backup location, the newest backup and whether it is active, and the recovery window
(earliest to latest recovery target time). A cluster is unhealthy when it is not AVAILABLE, has no active backup,
or its latest recovery point is older than --max-recovery-age; a cluster the files want that does not exist is
unhealthy too (missing). Documents with ensure: absent are listed, never checked. Read-only: two list requests
per region (clusters and backups, paged), never one per cluster; needs no passwords.

  --max-recovery-age DURATION   a latest recovery point older than this is unhealthy (default 24h; 30m, 6h, ...)
  --format text|json|markdown   output format (default text; json: described by schemas/status.schema.json;
                                markdown: a GitHub issue body with the hidden marker <!-- pgensure-status -->)
  --region R                    limit to clusters in these regions (repeatable or comma-separated)
  --target ADDRESS              limit to clusters, e.g. de-fra/orders-prod (repeatable)
${SELECTOR_HELP}  --endpoint TEMPLATE           API URL template with {region} (default $PGENSURE_ENDPOINT or
                                https://postgresql.{region}.ionos.com)
  --no-color                    no ANSI colours (also NO_COLOR)
  --log-level LEVEL             fatal|error|warn|info|debug|trace|silent (default warn; logs go to stderr)

Exit codes: 0 every cluster healthy, 2 a cluster unhealthy or missing, 1 error (nothing reported).
`;

const STATUS_OPTIONS = {
  ...NETWORK_OPTIONS,
  ...SELECTION_OPTIONS,
  format: { type: 'string' },
  'max-recovery-age': { type: 'string' },
} as const;

const DEFAULT_MAX_RECOVERY_AGE_MS = 24 * 3_600_000;

/** `pgensure status`: the report on stdout; exit 2 when a managed cluster is unhealthy, 0 when all are healthy. */
export async function runStatus(argv: string[], io: CliIo): Promise<Outcome> {
  const { values, positionals } = parseCommandArgs('status', argv, STATUS_OPTIONS);
  if (values.help) {
    io.stdout.write(STATUS_HELP);
    return 'done';
  }
  const format = parseChoice('format', values.format, formatsOf('status'), 'text');
  const logLevel = parseChoice('log-level', values['log-level'], LOG_LEVELS, 'warn');
  const maxRecoveryAgeMs = parseDuration('max-recovery-age', values['max-recovery-age'], DEFAULT_MAX_RECOVERY_AGE_MS);
  const request = toPlanRequest(values, positionals, io);
  const { docs } = await loadSelectedDocuments(request);
  if (docs.length === 0) {
    // A job pointed at the wrong region must not stay green by checking nothing.
    throw new UsageError(`no spec document is in --region ${request.regions?.join(',')}`, {
      hint: 'status checks the clusters the files manage; pick a region they live in, or leave --region out',
    });
  }
  const client = await connectApi(io, values.endpoint, createLogger(logLevel));
  // Only the regions documents live in: --region narrows the documents; an empty region has nothing to check.
  const { live, backups } = await readLists(client, regionsToScan(docs, undefined));
  const { report, issues } = assembleStatus({ desired: docs, live, backups, nowMs: Date.now(), maxRecoveryAgeMs });
  if (issues.length > 0) {
    throw new SpecError(issues, {
      hint: 'these documents cannot be matched to one live cluster; no status report was made',
    });
  }
  io.stdout.write(renderReport('status', format, report, { color: useColor(io, values['no-color']) }));
  return isUnhealthy(report) ? 'unhealthy' : 'done';
}

/** Two paged lists per region, all regions at once: the clusters and every backup. Nothing per cluster. */
async function readLists(
  client: ApiClient,
  regions: readonly Region[],
): Promise<{ live: Map<Region, ClusterRead[]>; backups: Map<Region, BackupRead[]> }> {
  const lists = await Promise.all(
    regions.map((region) => Promise.all([client.listClusters(region), client.listBackups(region)])),
  );
  return {
    live: new Map(regions.map((region, i) => [region, lists[i]![0]])),
    backups: new Map(regions.map((region, i) => [region, lists[i]![1]])),
  };
}
