/** `pgensure emulator` (serve) flags → EmulatorOptions; every bad value is a UsageError naming the flag. */
import type { EmulatorOptions, FaultConfig, LatencyRule, RequestMatcher } from '../../emulator/index.js';
import { UsageError } from '../../errors.js';
import { parseChoice, parseDuration, parsePositiveInt } from '../args.js';

/** The serve flags, for util.parseArgs. */
export const SERVE_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  state: { type: 'string' },
  token: { type: 'string' },
  'admin-token': { type: 'string' },
  'provisioning-delay': { type: 'string' },
  'log-requests': { type: 'boolean' },
  'request-log-limit': { type: 'string' },
  latency: { type: 'string' },
  'latency-for': { type: 'string', multiple: true },
  'rate-limit': { type: 'string' },
  'retry-after': { type: 'string' },
  'error-ratio': { type: 'string' },
  'error-status': { type: 'string' },
  'put-create': { type: 'string' },
  'put-create-status': { type: 'string' },
  'max-page-size': { type: 'string' },
  'silent-cap': { type: 'boolean' },
  'max-limit': { type: 'string' },
  'extra-property': { type: 'string', multiple: true },
  'delete-while-busy': { type: 'string' },
  'reuse-deleted-ids': { type: 'string' },
  'backup-latest-lag': { type: 'string' },
  'first-backup-delay': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What parseArgs gives for SERVE_OPTIONS. */
export type ServeValues = Partial<Record<keyof typeof SERVE_OPTIONS, string | boolean | string[]>>;

const text = (values: ServeValues, key: keyof typeof SERVE_OPTIONS) =>
  typeof values[key] === 'string' ? (values[key] as string) : undefined;
const list = (values: ServeValues, key: keyof typeof SERVE_OPTIONS) =>
  Array.isArray(values[key]) ? (values[key] as string[]) : [];

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be 0..65535 (got "${value}")`, { hint: '0 picks a free port' });
  }
  return port;
}

/** `--latency-for 'METHOD [PATH]=DUR'`, e.g. `GET /clusters=200ms` or `PUT=1s`. */
export function parseLatencyRule(value: string, parseMatcher: (t: string) => RequestMatcher | undefined): LatencyRule {
  const at = value.lastIndexOf('=');
  const matcher = at < 0 ? undefined : parseMatcher(value.slice(0, at));
  if (matcher === undefined) {
    throw new UsageError(`--latency-for must look like 'METHOD[ PATH]=DURATION' (got "${value}")`, {
      hint: "e.g. --latency-for 'GET /clusters=200ms' --latency-for 'PUT /clusters/{id}=1s'",
    });
  }
  return { ...matcher, latencyMs: parseDuration('latency-for', value.slice(at + 1), 0) };
}

/** `--extra-property KEY=JSON`: a property the real API has and pgensure does not know, with its default. */
export function parseExtraProperty(value: string): [string, unknown] {
  const at = value.indexOf('=');
  const key = at < 0 ? '' : value.slice(0, at);
  const hint = `e.g. --extra-property 'backupLocation="de"' or --extra-property 'tier={"name":"standard"}'`;
  if (key === '') throw new UsageError(`--extra-property must look like KEY=JSON (got "${value}")`, { hint });
  try {
    return [key, JSON.parse(value.slice(at + 1)) as unknown];
  } catch {
    throw new UsageError(`--extra-property ${key}: the default is not valid JSON (got ${value.slice(at + 1)})`, {
      hint,
    });
  }
}

function parseRatio(value: string): number {
  const ratio = Number(value);
  if (!(ratio >= 0 && ratio <= 1)) throw new UsageError(`--error-ratio must be between 0 and 1 (got "${value}")`);
  return ratio;
}

function parseFaults(values: ServeValues, parseMatcher: (t: string) => RequestMatcher | undefined): FaultConfig {
  const faults: FaultConfig = {};
  if (text(values, 'latency') !== undefined) faults.latencyMs = parseDuration('latency', text(values, 'latency'), 0);
  const rules = list(values, 'latency-for').map((v) => parseLatencyRule(v, parseMatcher));
  if (rules.length > 0) faults.latencyRules = rules;
  const rps = text(values, 'rate-limit');
  if (rps !== undefined) {
    const requestsPerSecond = Number(rps);
    if (!(requestsPerSecond > 0)) throw new UsageError(`--rate-limit must be a positive number (got "${rps}")`);
    const retryAfter = text(values, 'retry-after');
    faults.rateLimit = { requestsPerSecond };
    if (retryAfter !== undefined) {
      faults.rateLimit.retryAfterSeconds = Math.round(parseDuration('retry-after', retryAfter, 0) / 1000);
    }
  } else if (text(values, 'retry-after') !== undefined) {
    throw new UsageError('--retry-after needs --rate-limit', { hint: 'e.g. --rate-limit 5 --retry-after 2' });
  }
  if (text(values, 'error-ratio') !== undefined) faults.errorRatio = parseRatio(text(values, 'error-ratio')!);
  const status = text(values, 'error-status');
  if (status !== undefined) {
    faults.errorStatus = Number(parseChoice('error-status', status, ['500', '502', '503', '504'], '503')) as 503;
  }
  return faults;
}

/** The behaviour flags (the guesses, docs/emulator.md §13). */
function parseBehaviour(values: ServeValues): Partial<EmulatorOptions> {
  const out: Partial<EmulatorOptions> = {};
  const putCreate = text(values, 'put-create');
  if (putCreate !== undefined) out.putCreate = parseChoice('put-create', putCreate, ['on', 'off'], 'on');
  const status = text(values, 'put-create-status');
  if (status !== undefined) {
    out.putCreateStatus = Number(parseChoice('put-create-status', status, ['404', '405'], '404')) as 404 | 405;
  }
  if (text(values, 'max-page-size') !== undefined) {
    out.maxPageSize = parsePositiveInt('max-page-size', text(values, 'max-page-size'), 1);
  }
  if (values['silent-cap'] === true) {
    if (out.maxPageSize === undefined) throw new UsageError('--silent-cap needs --max-page-size N');
    out.silentCap = true;
  }
  if (text(values, 'max-limit') !== undefined)
    out.maxLimit = parsePositiveInt('max-limit', text(values, 'max-limit'), 1);
  const busy = text(values, 'delete-while-busy');
  if (busy !== undefined) out.deleteWhileBusy = parseChoice('delete-while-busy', busy, ['refuse', 'accept'], 'refuse');
  const reuse = text(values, 'reuse-deleted-ids');
  if (reuse !== undefined) out.reuseDeletedIds = parseChoice('reuse-deleted-ids', reuse, ['allow', 'refuse'], 'allow');
  const lag = text(values, 'backup-latest-lag');
  if (lag !== undefined) out.backupLatestLagMs = parseDuration('backup-latest-lag', lag, 0);
  const delay = text(values, 'first-backup-delay');
  if (delay !== undefined) out.firstBackupDelayMs = parseDuration('first-backup-delay', delay, 0);
  return out;
}

/** Every serve flag as EmulatorOptions (`env` supplies PGENSURE_EMULATOR_ADMIN_TOKEN when --admin-token is absent). */
export function toEmulatorOptions(
  values: ServeValues,
  env: NodeJS.ProcessEnv,
  parseMatcher: (t: string) => RequestMatcher | undefined,
): EmulatorOptions {
  const host = text(values, 'host') ?? '127.0.0.1';
  if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host)) {
    throw new UsageError(`--host must be a loopback address (got "${host}")`, {
      hint: 'the emulator is a local test server: use 127.0.0.1, ::1 or localhost',
    });
  }
  const options: EmulatorOptions = {
    host,
    port: text(values, 'port') === undefined ? 8484 : parsePort(text(values, 'port')!),
    provisioningDelayMs: parseDuration('provisioning-delay', text(values, 'provisioning-delay'), 1500),
    faults: parseFaults(values, parseMatcher),
    ...parseBehaviour(values),
  };
  const extras = list(values, 'extra-property').map(parseExtraProperty);
  if (extras.length > 0) options.extraProperties = Object.fromEntries(extras);
  if (text(values, 'state') !== undefined) options.statePath = text(values, 'state')!;
  if (text(values, 'token') !== undefined) options.token = nonEmpty('token', text(values, 'token')!);
  const adminToken = text(values, 'admin-token') ?? env['PGENSURE_EMULATOR_ADMIN_TOKEN'];
  if (adminToken !== undefined && adminToken !== '') options.adminToken = adminToken;
  const limit = text(values, 'request-log-limit');
  if (limit !== undefined) options.requestLogLimit = parsePositiveInt('request-log-limit', limit, 1);
  return options;
}

function nonEmpty(flag: string, value: string): string {
  if (value.trim() === '') throw new UsageError(`--${flag} must not be empty`);
  return value;
}
