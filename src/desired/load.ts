import { type Dirent, readdir as readdirWith, readlink as readlinkWith, stat as statWith } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import type { SpecIssue } from '../errors.js';
import { describeFsError, readInputFile, SPEC_FILE_LIMIT } from '../input/read-file.js';
import type { SpecSource } from './document.js';

/** The spec files found under some paths, read, and the paths that could not be read. */
export interface ReadResult {
  sources: SpecSource[];
  issues: SpecIssue[];
}

/** Where to read from, and whom to tell which files were found, before any is read (the CLI sizes memory). */
export interface ReadOptions {
  cwd: string;
  onListed?: ((absolutePaths: readonly string[]) => unknown) | undefined;
}

const SPEC_FILE = /\.ya?ml$/;

/**
 * The only I/O of spec loading. Paths are files (read whatever their extension) or directories (searched recursively
 * for *.yaml / *.yml, skipping dot-entries such as .git or .github and node_modules). Files are returned once each,
 * sorted by their path relative to `cwd`. Missing or unreadable paths become issues at line 1, column 1; a file that
 * is not regular UTF-8 text of at most SPEC_FILE_LIMIT is an issue too (input/read-file.ts), at the line of the
 * bad byte. In a directory, a *.yaml that is a dangling symlink, a FIFO or a device is an issue, never skipped.
 */
export async function readSpecSources(paths: readonly string[], opts: ReadOptions): Promise<ReadResult> {
  const issues: SpecIssue[] = [];
  const found = new Map<string, string>();
  for (const path of paths) {
    await collectPath(resolve(opts.cwd, path), opts.cwd, found, issues);
  }
  opts.onListed?.([...found.keys()]);
  const sources: SpecSource[] = [];
  for (const [absolute, file] of [...found].sort(([, a], [, b]) => compareText(a, b))) {
    const result = readSource(absolute, file);
    if ('text' in result) sources.push(result);
    else issues.push(result);
  }
  return { sources, issues };
}

// The callback API, promisified: node:fs/promises loads readline and streams with it (~3 ms of a one-file
// `validate`'s start-up, which reads nothing else asynchronously).
const stat = promisify(statWith);
const readlink = promisify(readlinkWith);
const readdir = (dir: string) =>
  new Promise<Dirent[]>((done, fail) =>
    readdirWith(dir, { withFileTypes: true }, (err, entries) => (err ? fail(err) : done(entries))),
  );

async function collectPath(absolute: string, cwd: string, found: Map<string, string>, issues: SpecIssue[]) {
  const file = displayPath(cwd, absolute);
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) await collectDirectory(absolute, cwd, found, issues);
    else found.set(absolute, file);
  } catch (err) {
    issues.push(fileIssue(file, describeFsError(err)));
  }
}

async function collectDirectory(dir: string, cwd: string, found: Map<string, string>, issues: SpecIssue[]) {
  let entries: Dirent[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    issues.push(fileIssue(displayPath(cwd, dir), describeFsError(err)));
    return;
  }
  entries.sort((a, b) => compareText(a.name, b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const absolute = resolve(dir, entry.name);
    if (entry.isDirectory()) await collectDirectory(absolute, cwd, found, issues);
    else if (SPEC_FILE.test(entry.name)) await collectEntry(entry, absolute, cwd, found, issues);
  }
}

/**
 * A *.yaml entry of a directory: a file or a symlink to one is read; a symlinked directory is not followed (no
 * cycles). A dangling symlink or a FIFO is reported: skipping it would drop a cluster without a word.
 */
async function collectEntry(
  entry: Dirent,
  absolute: string,
  cwd: string,
  found: Map<string, string>,
  issues: SpecIssue[],
) {
  const file = displayPath(cwd, absolute);
  if (entry.isSymbolicLink()) {
    const target = await stat(absolute).catch((err: unknown) => err as NodeJS.ErrnoException);
    if (!(target instanceof Error)) {
      if (!target.isDirectory()) found.set(absolute, file);
      return;
    }
    const link = await readlink(absolute).catch(() => '?');
    const why = target.code === 'ENOENT' ? 'which does not exist' : `which cannot be read (${describeFsError(target)})`;
    issues.push(fileIssue(file, `a symlink to ${link}, ${why}`));
    return;
  }
  // Regular files, and FIFOs and devices (which the reader refuses with what they are).
  found.set(absolute, file);
}

function readSource(absolute: string, file: string): SpecSource | SpecIssue {
  const read = readInputFile(absolute, SPEC_FILE_LIMIT);
  if ('text' in read) return { file, text: read.text };
  return { file, line: read.line, col: read.col, path: '', message: read.problem };
}

function fileIssue(file: string, message: string): SpecIssue {
  return { file, line: 1, col: 1, path: '', message };
}

/** The path shown to the user: relative to the working directory, with posix separators. */
export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return rel === '' ? '.' : rel.split(sep).join('/');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
