import { REGIONS, type Region } from '../../api/types.js';
import type { DoctorSettings, RegionObservation } from '../../doctor/index.js';
import { UsageError } from '../../errors.js';
import { parseChoice, parseCommandArgs, parseRegions } from '../args.js';
import { DEFAULT_ENDPOINT } from '../connect.js';
import { type CliIo, useColor } from '../io.js';
import { createLogger, LOG_LEVELS, type Logger } from '../logger.js';
import type { Outcome } from '../outcome.js';

export const DOCTOR_HELP = `Usage: pgensure doctor [flags]

Checks, per region and with GET requests only, that pgensure can work against the API: the endpoint answers
(DNS, TCP, TLS), the token is accepted (401 and 403 told apart), latency (median of a few small GETs),
/versions and /backup-locations are readable and not empty, the page size the server really honours (a silent
cap fails), rate-limit headers seen, and this machine's clock against the server's Date header (more than 30s
off fails). Nothing is written.

  --region R            regions to check (repeatable or comma-separated; default: all nine)
  --format text|json    a table (default) or the JSON report (schemas/doctor.schema.json)
  --endpoint TEMPLATE   API URL template with {region} (default $PGENSURE_ENDPOINT or https://postgresql.{region}.ionos.com)
  --log-level LEVEL     fatal|error|warn|info|debug|trace|silent (default warn; logs go to stderr)
  --no-color            no ANSI colours (NO_COLOR is honoured too)

Environment: IONOS_TOKEN (required), PGENSURE_ENDPOINT, PGENSURE_PAGE_SIZE (the page size to verify; default 100).
Exit codes: 0 every check passed (or could not be verified for lack of data), 1 a check failed (each with a hint).
`;

const DOCTOR_OPTIONS = {
  region: { type: 'string', multiple: true },
  format: { type: 'string' },
  endpoint: { type: 'string' },
  'log-level': { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const FORMATS = ['text', 'json'] as const;
const TIMEOUT_MS = 10_000;

/** `pgensure doctor`: probes the regions at once, prints the report; 'incomplete' (exit 1) when a check failed. */
export async function runDoctor(argv: string[], io: CliIo): Promise<Outcome> {
  const { values, positionals } = parseCommandArgs('doctor', argv, DOCTOR_OPTIONS);
  if (values.help) {
    io.stdout.write(DOCTOR_HELP);
    return 'done';
  }
  if (positionals.length > 0) throw new UsageError(`doctor takes no PATH (got "${positionals[0]}")`);
  const format = parseChoice('format', values.format, FORMATS, 'text');
  const logger = createLogger(parseChoice('log-level', values['log-level'], LOG_LEVELS, 'warn'));
  const regions = parseRegions(values.region) ?? [...REGIONS];
  const token = io.env.IONOS_TOKEN;
  if (!token)
    throw new UsageError('IONOS_TOKEN is not set', {
      hint: 'export IONOS_TOKEN=<token> (e.g. from `ionosctl token generate`); for the emulator any value works',
    });
  const endpoint = values.endpoint ?? io.env.PGENSURE_ENDPOINT ?? DEFAULT_ENDPOINT;
  const doctor = await import('../../doctor/index.js');
  const settings: DoctorSettings = {
    pageSize: parsePageSize(io.env.PGENSURE_PAGE_SIZE, doctor.DEFAULT_PAGE_SIZE),
    maxLatencyMs: doctor.DEFAULT_MAX_LATENCY_MS,
    maxClockSkewMs: doctor.DEFAULT_MAX_CLOCK_SKEW_MS,
  };
  const observations = await probeAll(regions, { endpoint, token, settings, logger });
  const report = doctor.assembleReport(observations, settings, { createdAt: new Date().toISOString(), endpoint });
  io.stdout.write(
    format === 'json'
      ? doctor.renderDoctorJson(report)
      : doctor.renderDoctorText(report, { color: useColor(io, values['no-color']) }),
  );
  if (report.summary.ok) return 'done';
  if (format === 'json')
    io.stderr.write(`Error: doctor found failures in ${report.summary.failedRegions.join(', ')} (see the report)\n`);
  return 'incomplete';
}

/** PGENSURE_PAGE_SIZE: the page size pgensure lists with, so the one doctor verifies. */
function parsePageSize(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`PGENSURE_PAGE_SIZE must be a positive integer (got "${value}")`, {
      hint: 'e.g. PGENSURE_PAGE_SIZE=100, or unset it for the default (100)',
    });
  return n;
}

async function probeAll(
  regions: readonly Region[],
  ctx: { endpoint: string; token: string; settings: DoctorSettings; logger: Logger },
): Promise<RegionObservation[]> {
  const [{ Agent }, { resolveEndpoint }, { defaultUserAgent }, { probeRegion }] = await Promise.all([
    import('../../api/undici-lite.js'),
    import('../../api/endpoint.js'),
    import('../../api/user-agent.js'),
    import('../../doctor/index.js'),
  ]);
  resolveEndpoint(ctx.endpoint, 'de-fra'); // a bad template is a usage error before anything is sent
  // A private agent for a short-lived command: closed at the end so no keep-alive socket holds the process.
  const dispatcher = new Agent({ keepAliveTimeout: 10_000, connect: { timeout: TIMEOUT_MS } });
  const options = {
    token: ctx.token,
    userAgent: defaultUserAgent(),
    pageSize: ctx.settings.pageSize,
    dispatcher,
    timeoutMs: TIMEOUT_MS,
    latencySamples: 5,
    rateLimitRetries: 3,
    maxRetryAfterMs: 30_000,
    now: Date.now,
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    logger: ctx.logger,
  };
  try {
    return await Promise.all(regions.map((r) => probeRegion(r, resolveEndpoint(ctx.endpoint, r), options)));
  } finally {
    await dispatcher.close();
  }
}
