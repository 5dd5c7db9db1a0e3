import { writeFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { scrubSecrets } from '../secrets/index.js';

/**
 * Writes a file the user named (--out), turning their mistakes (missing folder, a directory) into plain errors. The
 * text passes the run's scrubber first: a token an API message carried never reaches the file.
 */
export async function writeOutputFile(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, scrubSecrets(text), { mode: 0o644 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = WHY[code ?? ''] ?? `cannot be written (${code ?? String(error)})`;
    throw new UsageError(`--out ${path}: ${why}; nothing was saved`, {
      hint: HINT[code ?? ''] ?? 'choose another path for --out',
    });
  }
}

const WHY: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a folder',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
};

const HINT: Record<string, string> = {
  ENOENT: 'create the folder first (mkdir -p), or choose another path for --out',
  EISDIR: 'give a file name, e.g. --out plan.json',
};
