import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { filesWrittenSince, findLeak, secretsOfRun, snapshotFiles } from './secret-check.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The package's bin: the launcher that runs the CLI's bundle with its code cache (src/cli/pgensure.cts).
export const BIN = fileURLToPath(new URL('../../dist/cli/pgensure.cjs', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

// PGENSURE_E2E_LOG_LEVEL=trace runs every CLI call that takes --log-level at that level (unless the test sets one),
// so the secret check below sees everything pgensure can log; the log lines are taken out of stderr again before the
// test sees it, so assertions on stderr hold.
const FORCED_LOG_LEVEL = process.env.PGENSURE_E2E_LOG_LEVEL;
const LOGGING_COMMANDS = new Set(['plan', 'apply', 'drift', 'import', 'doctor', 'status', 'validate', 'show']);

/**
 * Spawns the BUILT CLI (`node dist/cli/pgensure.cjs`, the package's bin), as a user runs it; stdin is not a TTY unless `input` says so. Every
 * run is checked for secrets (secret-check.ts): stdout, stderr and the files it wrote under its cwd must hold no
 * token or password the run was given, in no spelling; a leak fails the test.
 */
export function runCli(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; input?: string; onSpawn?: (pid: number) => void } = {},
): Promise<CliRun> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` before the e2e tests`);
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...opts.env };
  const forced = withForcedLogLevel(args);
  // The files the run may write where the test put it (never the repository itself), as they were before it.
  const before =
    opts.cwd !== undefined && opts.cwd !== ROOT && existsSync(opts.cwd) ? snapshotFiles(opts.cwd) : undefined;
  return spawnCli(forced, env, opts).then((run) => {
    checkForSecrets(run, args, env, opts.cwd, before);
    return forced === args ? run : { ...run, stderr: withoutStack(withoutLogLines(run.stderr)) };
  });
}

/** Spawns the built CLI once and collects its output; no secret check (runCli adds it). `nodeArgs` go before BIN. */
export function spawnCli(
  args: string[],
  env: Record<string, string>,
  opts: { cwd?: string; input?: string; onSpawn?: (pid: number) => void; nodeArgs?: string[] },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    child.stdin.end(opts.input ?? '');
  });
}

function withForcedLogLevel(args: string[]): string[] {
  if (FORCED_LOG_LEVEL === undefined || !LOGGING_COMMANDS.has(args[0] ?? '')) return args;
  if (args.some((a) => a === '--log-level' || a.startsWith('--log-level=') || a === '--help' || a === '-h'))
    return args;
  return [args[0]!, '--log-level', FORCED_LOG_LEVEL, ...args.slice(1)];
}

/**
 * At debug and trace an error is followed by its stack (`ApplyError: <message>` and `    at ...` lines): taken out
 * again, like the log lines, so a test's assertions on the error's text hold at the forced level.
 */
function withoutStack(stderr: string): string {
  const lines = stderr.split('\n');
  const first = lines.find((line) => line.startsWith('Error: '));
  if (first === undefined) return stderr;
  const header = `: ${first.slice('Error: '.length)}`;
  const start = lines.findIndex((line) => /^\w+: /.test(line) && line !== first && line.endsWith(header));
  if (start === -1) return stderr;
  let end = start + 1;
  while (end < lines.length && !/^\s+at /.test(lines[end]!)) end++; // the message's further lines
  while (end < lines.length && /^\s+at /.test(lines[end]!)) end++;
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
}

function withoutLogLines(stderr: string): string {
  return stderr
    .split(/(?<=\n)/)
    .filter((line) => !/^\{"level":\d+,/.test(line))
    .join('');
}

function checkForSecrets(
  run: CliRun,
  args: string[],
  env: Record<string, string>,
  cwd: string | undefined,
  before: ReadonlyMap<string, number> | undefined,
) {
  const secrets = secretsOfRun(env);
  if (secrets.length === 0) return;
  const outputs: [string, () => string][] = [
    ['stdout', () => run.stdout],
    ['stderr', () => run.stderr],
  ];
  if (cwd !== undefined && before !== undefined) {
    for (const file of filesWrittenSince(cwd, before)) outputs.push([file, () => readFileSync(file, 'utf8')]);
  }
  for (const [where, read] of outputs) {
    const leak = findLeak(read(), secrets);
    if (leak !== undefined) throw new Error(`secret leak: ${leak} in ${where} of \`pgensure ${args.join(' ')}\``);
  }
}
