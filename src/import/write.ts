import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { checkSpecSources } from '../desired/index.js';
import { type SpecIssue, UsageError } from '../errors.js';
import { scrubSecrets } from '../secrets/index.js';
import type { ImportedFile } from './files.js';
import { makeDirectories } from './make-dir.js';

/** The files of the batch that already exist in `dir`. */
export async function findExisting(dir: string, files: readonly ImportedFile[]): Promise<string[]> {
  const checks = await Promise.all(files.map((file) => exists(join(dir, file.fileName))));
  return files.filter((_, i) => checks[i]).map((file) => file.fileName);
}

/**
 * Checks the generated texts exactly as `pgensure validate` would check the written files (paths shown relative to
 * `cwd`), so an import that cannot round-trip says so at once.
 */
export async function checkImportedTexts(
  dir: string,
  cwd: string,
  files: readonly ImportedFile[],
): Promise<SpecIssue[]> {
  const sources = files.map((file) => ({ file: displayPath(cwd, join(dir, file.fileName)), text: file.text }));
  return (await checkSpecSources(sources)).issues;
}

/**
 * Writes every file; without `force` an existing file is never replaced (even one created meanwhile). A failure says
 * which files were already written. Each text passes the run's scrubber (a live value that carries the token).
 */
export async function writeImportedFiles(dir: string, files: readonly ImportedFile[], force: boolean): Promise<void> {
  const written: string[] = [];
  try {
    await makeDirectories(dir);
    for (const file of files) {
      await writeFile(join(dir, file.fileName), scrubSecrets(file.text), { flag: force ? 'w' : 'wx', mode: 0o644 });
      written.push(file.fileName);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
    const done = written.length > 0 ? `written before the error: ${written.join(', ')}` : 'nothing was written';
    throw new UsageError(`cannot write the imported files to ${dir} (${code}); ${done}`, {
      cause: err,
      hint: WRITE_HINTS[code] ?? 'choose another --out DIR',
    });
  }
}

/** What to do about the usual reasons a folder cannot be written. */
const WRITE_HINTS: Record<string, string> = {
  ENOTDIR: '--out must be a folder (or a path where one can be made), not a file',
  EEXIST: '--out must be a folder (or a path where one can be made), not a file',
  EACCES: 'no permission to write there: choose another --out DIR',
  EPERM: 'no permission to write there: choose another --out DIR',
  EROFS: 'that file system is read-only: choose another --out DIR',
  ENOENT: 'that folder cannot be made here: choose another --out DIR',
  ENOSPC: 'the disk is full: free some space or choose another --out DIR',
};

export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return rel === '' ? '.' : rel.split(sep).join('/');
}

async function exists(path: string): Promise<boolean> {
  return access(path, constants.F_OK).then(
    () => true,
    () => false,
  );
}
