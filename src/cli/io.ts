/** The process edges a command may touch, injected so commands stay testable. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The real process edges; a reader that goes away (`| head -1`, a killed `tee`) can never crash the run. */
export function processIo(): CliIo {
  ignoreClosedReader(process.stdout);
  ignoreClosedReader(process.stderr);
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

/**
 * Without a listener, EPIPE on a closed pipe is an uncaught 'error' event: a stack trace and a lost exit code. The
 * reader chose to stop reading; what pgensure did does not change, so the exit code stays that of the work. Output
 * that must still reach someone (the apply summary) goes through writeEssential.
 */
function ignoreClosedReader(stream: NodeJS.WritableStream): void {
  if (stream.listenerCount('error') === 0) stream.on('error', () => {});
}

/**
 * Writes a result that must not be lost (what an apply did): to stdout, and to stderr as well if stdout cannot take
 * it (its reader closed the pipe, e.g. a `| tee log` killed by the same Ctrl-C).
 */
export function writeEssential(io: Pick<CliIo, 'stdout' | 'stderr'>, text: string): void {
  io.stdout.write(text, (error) => {
    if (error) io.stderr.write(text);
  });
}

/** Colour only on a terminal, and never with --no-color or NO_COLOR (https://no-color.org). */
export function useColor(io: CliIo, noColorFlag: boolean | undefined): boolean {
  if (noColorFlag) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.stdout.isTTY === true;
}
