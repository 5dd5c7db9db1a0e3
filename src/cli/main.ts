import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { findNearMiss } from '../near-miss.js';
import type { CliIo } from './io.js';
import { silenceNotices } from './notices.js';
import { exitCodeOf, type Outcome } from './outcome.js';
import { type ErrorFormat, renderError } from './render-error.js';

const USAGE = `Usage: pgensure <command> [flags]

Keeps IONOS Cloud DBaaS PostgreSQL v2 clusters in the state YAML files describe.

Commands:
  validate [PATH...]        check spec files (no network)
  plan [PATH...]            show what apply would change (reads only)
  apply [PATH...]           plan, ask, then execute with full-object PUT ensures
  apply --plan FILE         execute a saved plan after checking it is not stale
  drift [PATH...]           report live clusters that differ from the files (reads only)
  show [PATH...]            each cluster's effective spec after Defaults, and where every value came from
  status [PATH...]          live health of the managed clusters: state, DNS name, backups, recovery window
  import --region R         write spec files for existing clusters (reads only)
  doctor [--region R]       check the token, each region's endpoint and the API (reads only)
  emulator [--port N]       run the bundled local v2 API emulator

Run 'pgensure <command> --help' for its flags. Environment: IONOS_TOKEN, PGENSURE_ENDPOINT, PGENSURE_MAX_RPS, NO_COLOR.
Exit codes: 0 success (plan --detailed-exitcode: no changes), 1 error, 2 changes found (--detailed-exitcode),
drift found, or a cluster unhealthy (status).
`;

type Command = (argv: string[], io: CliIo) => Promise<Outcome>;

/** Commands load lazily: `--version` and `validate` never pay for undici or pino. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./commands/validate.js')).runValidate,
  plan: async () => (await import('./commands/plan.js')).runPlan,
  apply: async () => (await import('./commands/apply.js')).runApply,
  drift: async () => (await import('./commands/drift.js')).runDrift,
  show: async () => (await import('./commands/show.js')).runShow,
  status: async () => (await import('./commands/status.js')).runStatus,
  import: async () => (await import('./commands/import.js')).runImport,
  doctor: async () => (await import('./commands/doctor.js')).runDoctor,
  emulator: async () => (await import('./commands/emulator.js')).runEmulator,
};

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The only place that decides exit codes (from a command's Outcome, or 1 for an error) and renders errors. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v' || command === 'version') {
    io.stdout.write(`pgensure ${readVersion()}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(USAGE);
    return command === undefined ? 1 : 0;
  }
  try {
    const load = COMMANDS[command];
    if (!load) throw unknownCommand(command, rest, io.cwd);
    return exitCodeOf(await (await load())(rest, io));
  } catch (error) {
    // In GitHub Actions, located problems also become annotations on the pull request's lines.
    const annotate = io.env.GITHUB_ACTIONS === 'true';
    // Nothing after the final error: a region's late retry notice would read as if work went on.
    silenceNotices();
    io.stderr.write(renderError(error, { debug: isDebug(rest), format: errorFormatOf(rest), annotate }));
    return 1;
  }
}

/** What the user may have meant: a command with a typo, a command left out before flags or a PATH. */
function unknownCommand(typed: string, rest: readonly string[], cwd: string): UsageError {
  const near = findNearMiss([...Object.keys(COMMANDS), 'help', 'version'], typed.replace(/^-+/, ''));
  if (near !== undefined)
    return new UsageError(`unknown command "${typed}" (did you mean "${near}"?)`, {
      hint: `run 'pgensure ${near === 'help' || near === 'version' ? `--${near}` : `${near} --help`}'`,
    });
  if (typed.startsWith('-'))
    return new UsageError(`pgensure needs a command before its flags (got "${typed}")`, {
      hint: `e.g. pgensure plan ${[typed, ...rest].join(' ')}; run 'pgensure --help' for the commands`,
    });
  if (/[/\\]|\.ya?ml$/.test(typed) || existsSync(resolve(cwd, typed)))
    return new UsageError(`unknown command "${typed}" (it looks like a PATH)`, {
      hint: `the command comes first, e.g. pgensure validate ${typed}`,
    });
  return new UsageError(`unknown command "${typed}"`, { hint: "run 'pgensure --help' for the commands" });
}

function isDebug(argv: string[]): boolean {
  const i = argv.findIndex((arg) => arg === '--log-level' || arg.startsWith('--log-level='));
  if (i < 0) return false;
  const value = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return value === 'debug' || value === 'trace';
}

function errorFormatOf(argv: string[]): ErrorFormat {
  const i = argv.findIndex((arg) => arg === '--format' || arg.startsWith('--format='));
  if (i < 0) return 'text';
  const value = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return value === 'github' ? 'github' : 'text';
}
