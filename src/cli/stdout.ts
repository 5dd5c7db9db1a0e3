import { fstatSync, writeSync } from 'node:fs';

/** Where a command writes its results: whole texts; `done` is called once the text is written, or could not be. */
export interface OutputStream {
  write(chunk: string | Uint8Array, done?: (error?: Error | null) => void): boolean;
  isTTY?: boolean;
}

/** The system calls openStdout makes (the tests give it others). */
export interface StdoutCalls {
  fd: number;
  /** A pipe, a file or a socket (not a terminal): written with write(2). */
  writesDirectly(fd: number): boolean;
  write(fd: number, bytes: Uint8Array, offset: number): number;
}

const SYSTEM: StdoutCalls = {
  fd: 1,
  writesDirectly: (fd) => isPipeOrFile(fd),
  write: (fd, bytes, offset) => writeSync(fd, bytes, offset),
};

/**
 * stdout for a pipe, a file or a socket: each text written with write(2) before `write` returns. Node writes stdout
 * synchronously on Linux anyway (files, TTYs and pipes alike), and building `process.stdout` loads net and streams
 * (~5 ms of a short command's start-up). A terminal (a character device) gets `process.stdout`, which knows its
 * size and colours. Errors are those of `process.stdout`: EPIPE (the reader went away, `| head -1`) stops the output
 * quietly; any other is handed to `onFailure` once, and nothing more is written. A descriptor that would block
 * (O_NONBLOCK, set by whoever shares it) hands the rest to `process.stdout`, which writes it blocking.
 */
export function openStdout(
  fallback: () => OutputStream,
  onFailure: (error: NodeJS.ErrnoException) => void,
  calls: StdoutCalls = SYSTEM,
): OutputStream {
  if (!calls.writesDirectly(calls.fd)) return fallback();
  let handedOver: OutputStream | undefined;
  let closed: NodeJS.ErrnoException | undefined;
  return {
    isTTY: false,
    write(chunk, done) {
      if (handedOver !== undefined) return handedOver.write(chunk, done);
      if (closed !== undefined) {
        done?.(closed);
        return false;
      }
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      let written = 0;
      try {
        while (written < bytes.length) written += calls.write(calls.fd, bytes, written);
      } catch (err) {
        const error = err as NodeJS.ErrnoException;
        if (error.code === 'EAGAIN') {
          handedOver = fallback();
          return handedOver.write(bytes.subarray(written), done);
        }
        closed = error;
        if (error.code !== 'EPIPE') onFailure(error);
        done?.(error);
        return false;
      }
      done?.(null);
      return true;
    },
  };
}

/** A pipe, a file or a socket; not a character device (a terminal, /dev/null) or a descriptor fstat cannot see. */
function isPipeOrFile(fd: number): boolean {
  try {
    const stats = fstatSync(fd);
    return stats.isFIFO() || stats.isFile() || stats.isSocket();
  } catch {
    return false; // closed or unknown: process.stdout reports it as it always has
  }
}
