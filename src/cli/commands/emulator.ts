import type { RecordedRequest } from '../../emulator/index.js';
import { UsageError } from '../../errors.js';
import { findNearMiss } from '../../near-miss.js';
import { parseCommandArgs } from '../args.js';
import type { CliIo } from '../io.js';
import type { Outcome } from '../outcome.js';
import { CONSOLE_COMMANDS, runConsoleCommand } from './emulator-console.js';
import { SERVE_OPTIONS, toEmulatorOptions } from './emulator-flags.js';
import { EMULATOR_HELP } from './emulator-help.js';

export { EMULATOR_HELP } from './emulator-help.js';

/** One `--log-requests` line: method, path with query, status (or "dropped"), ms. Never headers, never bodies. */
export function formatRequestLine(request: RecordedRequest, elapsedMs: number): string {
  const query = new URLSearchParams(request.query).toString();
  const status = request.status === 0 ? 'dropped' : String(request.status);
  return `${request.method} ${request.path}${query === '' ? '' : `?${query}`} ${status} ${Math.round(elapsedMs)}ms\n`;
}

/**
 * `pgensure emulator`: serves until SIGINT/SIGTERM; the endpoint, the URL and the admin token go to stdout so scripts
 * can read them. `pgensure emulator <edit|seed|...>` acts on a running emulator instead (emulator-console.ts).
 */
export async function runEmulator(argv: string[], io: CliIo): Promise<Outcome> {
  const sub = CONSOLE_COMMANDS.find((c) => c === argv[0]);
  if (sub !== undefined) return runConsoleCommand(sub, argv.slice(1), io);
  const { values, positionals } = parseCommandArgs('emulator', argv, SERVE_OPTIONS);
  if (values.help) {
    io.stdout.write(EMULATOR_HELP);
    return 'done';
  }
  if (positionals.length > 0) {
    const near = findNearMiss(CONSOLE_COMMANDS, positionals[0]!);
    throw new UsageError(`emulator: unknown subcommand "${positionals[0]}"${near ? ` (did you mean ${near}?)` : ''}`, {
      hint: `subcommands: ${CONSOLE_COMMANDS.join(', ')}; run 'pgensure emulator --help'`,
    });
  }
  const { parseMatcher, startEmulator } = await import('../../emulator/index.js');
  const options = toEmulatorOptions(values, io.env, parseMatcher);
  if (values['log-requests']) options.onRequest = (r, ms) => void io.stderr.write(formatRequestLine(r, ms));
  const emulator = await startEmulator(options);
  io.stdout.write(
    `pgensure emulator listening on ${emulator.url}\n` +
      `PGENSURE_ENDPOINT=${emulator.endpointTemplate}\n` +
      `PGENSURE_EMULATOR_URL=${emulator.url}\n` +
      `PGENSURE_EMULATOR_ADMIN_TOKEN=${emulator.adminToken}\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.close();
  return 'done';
}
