import type { FaultConfig } from '../../emulator/index.js';
import { UsageError } from '../../errors.js';
import { parseCommandArgs, parseDuration } from '../args.js';
import type { CliIo } from '../io.js';
import type { Outcome } from '../outcome.js';

export const EMULATOR_HELP = `Usage: pgensure emulator [flags]

Runs the bundled IONOS DBaaS PostgreSQL v2 API emulator on loopback, serving all nine regions under /{region}.
Point pgensure at it with PGENSURE_ENDPOINT=http://127.0.0.1:PORT/{region} (any IONOS_TOKEN works unless --token).

  --port N                   port (default 8484; 0 picks a free one)
  --host ADDRESS             loopback address to bind (default 127.0.0.1)
  --state FILE               keep clusters in FILE (JSON) across restarts
  --token TOKEN              accept only this Bearer token
  --provisioning-delay DUR   how long PROVISIONING/UPDATING/DESTROYING last (default 1500ms)
  Faults (also settable at run time: PUT /_emulator/faults):
  --latency DUR              added to every response
  --rate-limit RPS           per-region token bucket; over it: 429 with Retry-After
  --retry-after SECONDS      fixed Retry-After for rate-limited answers
  --error-ratio R            fraction (0..1) of requests answered with 503
`;

/** `pgensure emulator`: serves until SIGINT/SIGTERM. The endpoint goes to stdout so scripts can read it. */
export async function runEmulator(argv: string[], io: CliIo): Promise<Outcome> {
  const { values, positionals } = parseCommandArgs('emulator', argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    state: { type: 'string' },
    token: { type: 'string' },
    'provisioning-delay': { type: 'string' },
    latency: { type: 'string' },
    'rate-limit': { type: 'string' },
    'retry-after': { type: 'string' },
    'error-ratio': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(EMULATOR_HELP);
    return 'done';
  }
  if (positionals.length > 0) throw new UsageError(`emulator takes no arguments (got "${positionals[0]}")`);
  const host = values.host ?? '127.0.0.1';
  if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host))
    throw new UsageError(`--host must be a loopback address (got "${host}")`);
  const { startEmulator } = await import('../../emulator/index.js');
  const emulator = await startEmulator({
    host,
    port: values.port === undefined ? 8484 : parsePort(values.port),
    provisioningDelayMs: parseDuration('provisioning-delay', values['provisioning-delay'], 1500),
    faults: parseFaults(values),
    ...(values.state === undefined ? {} : { statePath: values.state }),
    ...(values.token === undefined ? {} : { token: values.token }),
  });
  io.stdout.write(`pgensure emulator listening on ${emulator.url}\nPGENSURE_ENDPOINT=${emulator.endpointTemplate}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.close();
  return 'done';
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0..65535 (got "${value}")`);
  return port;
}

function parseFaults(values: Record<string, string | boolean | undefined>): FaultConfig {
  const faults: FaultConfig = {};
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  if (text('latency') !== undefined) faults.latencyMs = parseDuration('latency', text('latency'), 0);
  const rps = text('rate-limit');
  if (rps !== undefined) {
    const requestsPerSecond = Number(rps);
    if (!(requestsPerSecond > 0)) throw new UsageError(`--rate-limit must be a positive number (got "${rps}")`);
    const retryAfter = text('retry-after');
    faults.rateLimit =
      retryAfter === undefined ? { requestsPerSecond } : { requestsPerSecond, retryAfterSeconds: Number(retryAfter) };
  }
  const ratio = text('error-ratio');
  if (ratio !== undefined) {
    const errorRatio = Number(ratio);
    if (!(errorRatio >= 0 && errorRatio <= 1))
      throw new UsageError(`--error-ratio must be between 0 and 1 (got "${ratio}")`);
    faults.errorRatio = errorRatio;
  }
  return faults;
}
