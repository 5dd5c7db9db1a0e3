import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { locateInvalidUtf8 } from './utf8.js';

/** How much of a kind of file pgensure reads at most, and the words for that kind. */
export interface InputLimit {
  bytes: number;
  kind: string;
}

/** Spec files: 10,000 clusters of ~600 bytes fit in one file with room to spare. */
export const SPEC_FILE_LIMIT: InputLimit = { bytes: 8 * 1024 * 1024, kind: 'a spec file' };
/** Password files: a password is a line; this leaves room for any password a person would use. */
export const PASSWORD_FILE_LIMIT: InputLimit = { bytes: 4 * 1024, kind: 'a password file' };
/** Saved plans: a plan of 10,000 clusters is tens of MB, and V8 cannot hold a string of 512 MiB. */
export const PLAN_FILE_LIMIT: InputLimit = { bytes: 256 * 1024 * 1024, kind: 'a saved plan' };

/** A file's text, or why it cannot be read, with the line and column of the problem when it is inside the text. */
export type InputRead = { text: string } | { problem: string; line: number; col: number };

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer (it is refused after fstat).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const CHUNK = 64 * 1024;

/**
 * The one reader for the files pgensure reads (spec files, `fromFile` passwords, saved plans): a regular file (or a
 * symlink to one) of at most `limit.bytes` bytes of UTF-8 text without NUL bytes. A FIFO, a device such as /dev/zero,
 * a socket or a directory is refused at once instead of hanging or reading without end; a larger file is refused
 * after reading limit.bytes + 1 bytes at most. Problems never quote the file's content (it may be a password).
 * Synchronous on purpose: nothing else runs meanwhile, and for 10,000 small files it is ~10x faster than readFile.
 */
export function readInputFile(path: string, limit: InputLimit): InputRead {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return atStart(describeFsError(error));
  }
  try {
    const kind = describeKind(fstatSync(fd));
    if (kind !== undefined) return atStart(`${kind}, not a regular file: pgensure reads only regular files`);
    const bytes = readAtMost(fd, limit.bytes + 1);
    if (bytes.length > limit.bytes)
      return atStart(`larger than ${formatBytes(limit.bytes)}, the limit for ${limit.kind}`);
    return decodeText(bytes);
  } catch (error) {
    return atStart(describeFsError(error));
  } finally {
    closeSync(fd);
  }
}

/** Why a file cannot be read (its words never quote the content), where readInputText is used. */
export class InputFileProblem extends Error {
  readonly line: number;
  readonly col: number;
  constructor(problem: string, line: number, col: number) {
    super(problem);
    this.name = 'InputFileProblem';
    this.line = line;
    this.col = col;
  }
}

/** readInputFile for callers that take a text or an error: rejects with InputFileProblem. */
export function readInputText(path: string, limit: InputLimit): string {
  const read = readInputFile(path, limit);
  if ('text' in read) return read.text;
  throw new InputFileProblem(read.problem, read.line, read.col);
}

/** What a file that is not a regular one is, in words (undefined for a regular file). */
function describeKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}

function readAtMost(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, limit - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** UTF-8 text without NUL bytes; otherwise the first offending byte's line and column. */
function decodeText(bytes: Buffer): InputRead {
  const nul = bytes.indexOf(0);
  const invalid = isUtf8(bytes) ? -1 : locateInvalidUtf8(bytes);
  if (nul === -1 && invalid === -1) return { text: bytes.toString('utf8') };
  const isNul = nul !== -1 && (invalid === -1 || nul < invalid);
  const at = isNul ? nul : invalid;
  const problem = isNul ? 'a NUL byte: not a text file' : 'not valid UTF-8 text (save the file as UTF-8)';
  return { problem, ...positionOf(bytes, at) };
}

/** 1-based line and column (in UTF-16 units, as editors and the YAML reader count) of a byte offset. */
function positionOf(bytes: Buffer, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: bytes.toString('utf8', lineStart, offset).length + 1 };
}

function atStart(problem: string): InputRead {
  return { problem, line: 1, col: 1 };
}

/** File-system errors in the words the spec loader has always used. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENXIO') return 'a socket, not a regular file: pgensure reads only regular files';
  if (code === 'ELOOP') return 'a symlink loop';
  return `cannot read: ${code ?? (err instanceof Error ? err.message : String(err))}`;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${n / (1024 * 1024)} MiB`;
  return n >= 1024 ? `${n / 1024} KiB` : `${n} bytes`;
}
