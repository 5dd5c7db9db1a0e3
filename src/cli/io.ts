import { addSecret, scrubSecrets } from '../secrets/index.js';
import { type OutputStream, openStdout } from './stdout.js';

/** The process edges a command may touch, injected so commands stay testable. */
export interface CliIo {
  stdout: OutputStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/**
 * The real process edges; a reader that goes away (`| head -1`, a killed `tee`) can never crash the run. Whatever a
 * command writes to stdout and stderr passes the scrubber first (src/secrets): the token of IONOS_TOKEN and every
 * password resolved later never leave the process, whichever text (an API message, a saved value) carries them.
 */
export function processIo(): CliIo {
  addSecret(process.env.IONOS_TOKEN);
  const onStdoutFailure = (error: NodeJS.ErrnoException) => {
    // Not the reader's choice (a full disk, an I/O error): the results are lost, so the run cannot be a success.
    failedOutput = error;
    process.exitCode = 1;
    process.stderr.write(
      `Error: the results could not be written to stdout (${error.code ?? error.message})\nHint: free space or send stdout elsewhere, then run the command again\n`,
    );
  };
  const stdout = openStdout(() => {
    guardOutput(process.stdout, onStdoutFailure);
    return process.stdout;
  }, onStdoutFailure);
  guardOutput(process.stderr, () => {});
  return {
    stdout: scrubbing(stdout),
    stderr: scrubbing(process.stderr),
    // Made when first read (only apply's prompt reads it): Node builds a file or pipe stdin with fs streams, which
    // load node:fs/promises and readline, ~3 ms of every command's start-up.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** The stream itself in every respect, except that each write is scrubbed (as a whole: pgensure writes whole texts). */
export function scrubbing<S extends OutputStream>(stream: S): S {
  const write = (chunk: unknown, ...rest: unknown[]): boolean =>
    (stream.write as (...args: unknown[]) => boolean)(scrubChunk(chunk), ...rest);
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function scrubChunk(chunk: unknown): unknown {
  if (typeof chunk === 'string') return scrubSecrets(chunk);
  if (!(chunk instanceof Uint8Array)) return chunk;
  const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8');
  const scrubbed = scrubSecrets(text);
  return scrubbed === text ? chunk : scrubbed;
}

let failedOutput: NodeJS.ErrnoException | undefined;

/** Whether stdout refused the results (anything but a reader that went away); main's exit code is then 1. */
export function hasLostOutput(): boolean {
  return failedOutput !== undefined;
}

/**
 * Without a listener, an error on stdout or stderr is an uncaught 'error' event: a stack trace and a lost exit code.
 * EPIPE means the reader chose to stop reading (`| head -1`): what pgensure did does not change, so neither does the
 * exit code; output that must still reach someone (the apply summary) goes through writeEssential. Other errors are
 * handed to `onFailure`, once.
 */
function guardOutput(stream: NodeJS.WritableStream, onFailure: (error: NodeJS.ErrnoException) => void): void {
  if (stream.listenerCount('error') > 0) return;
  let failed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED' || failed) return;
    failed = true;
    onFailure(error);
  });
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
