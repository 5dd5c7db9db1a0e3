/** Runs the BUILT pgensure CLI as a user would, one child at a time, so an interruption can stop it first. */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

/** A finished CLI run. */
export interface CliResult {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** One request the CLI logged at debug level (`api request` lines of src/api). */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number | undefined;
  code: string | undefined;
}

/** The CLI of this checkout (`dist/cli/pgensure.cjs`, the package's bin), with a fixed environment and a transcript file. */
export class CliRunner {
  private running: ChildProcess | undefined;
  private readonly bin: string;
  private readonly env: Record<string, string>;
  private readonly transcript: string;

  constructor(bin: string, env: Record<string, string>, transcript: string) {
    this.bin = bin;
    this.env = env;
    this.transcript = transcript;
  }

  /**
   * Runs `pgensure ...args` to its end; stdout/stderr go to the transcript, never to the suite's output. The CLI
   * gets its own process group, so a Ctrl-C in the terminal reaches only the suite, which then stops it with exactly
   * one SIGINT (a second one would make apply quit at once, with a write possibly in flight).
   */
  run(args: string[], cwd: string): Promise<CliResult> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [this.bin, ...args], {
        cwd,
        env: this.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      this.running = child;
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on('error', reject);
      child.on('close', (code) => {
        this.running = undefined;
        const result = { args, code, stdout, stderr, ms: performance.now() - started };
        appendFileSync(this.transcript, `$ pgensure ${args.join(' ')}  # exit ${code}\n${stdout}${stderr}\n`);
        resolve(result);
      });
    });
  }

  /** Stops a running CLI the way a user's Ctrl-C would (it sends no new write after SIGINT), then for good. */
  async stop(graceMs: number): Promise<void> {
    const child = this.running;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/** The API requests a CLI run logged (`--log-level debug`), in order. */
export function loggedRequests(stderr: string): LoggedRequest[] {
  return stderr.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.msg !== 'api request' && entry.msg !== 'api request failed') return [];
      return [
        {
          method: String(entry.method),
          path: String(entry.path),
          status: typeof entry.status === 'number' ? entry.status : undefined,
          code: typeof entry.code === 'string' ? entry.code : undefined,
        },
      ];
    } catch {
      return [];
    }
  });
}
