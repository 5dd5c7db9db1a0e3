/** Optional JSON persistence of the store: loaded at start, rewritten atomically (tmp + rename) after mutations. */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { StoreSnapshot } from './store.js';

/** Refuses, at start, a state path whose directory is missing or that is itself a directory. */
export function checkStatePath(path: string): void {
  const dir = dirname(resolve(path));
  const kind = kindOf(dir);
  if (kind !== 'directory') {
    const what = kind === 'missing' ? 'does not exist' : 'is not a directory';
    throw new UsageError(`the directory ${dir} of the emulator state file ${path} ${what}`, {
      hint: `create it first (mkdir -p ${dir}) or choose another --state path`,
    });
  }
  if (kindOf(path) === 'directory') {
    throw new UsageError(`the emulator state file ${path} is a directory`, { hint: 'give --state a file path' });
  }
}

function kindOf(path: string): 'missing' | 'directory' | 'other' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}

/**
 * Writes `text` to `path` atomically: a temp file with an unpredictable name in the same directory, created
 * exclusively (O_EXCL: nothing another user planted is ever opened), mode 0600, then renamed over `path`.
 */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    try {
      fchmodSync(fd, 0o600);
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (error) {
    try {
      unlinkSync(tmp);
    } catch {
      // Already renamed or gone: nothing to clean up.
    }
    throw error;
  }
}

/** The snapshot saved at `path`, or undefined if there is no file yet. */
export function loadSnapshot(path: string): StoreSnapshot | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read the emulator state file ${path}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the emulator state file ${path} is not valid JSON`, {
      cause: error,
      hint: 'delete it to start empty',
    });
  }
  const snapshot = parsed as Partial<StoreSnapshot> | null;
  if (snapshot?.formatVersion !== 1 || typeof snapshot.regions !== 'object' || snapshot.regions === null) {
    throw new UsageError(`the emulator state file ${path} has an unknown format`, { hint: 'delete it to start empty' });
  }
  return snapshot as StoreSnapshot;
}

/**
 * Writes the store after mutations. HTTP writes call `flush()` before answering, so a client that saw a response
 * can rely on the file; programmatic mutations are coalesced to one write per event-loop turn (bulk seeding).
 */
export class StatePersister {
  private dirty = false;
  private scheduled = false;

  private readonly path: string | undefined;
  private readonly snapshot: () => StoreSnapshot;

  constructor(path: string | undefined, snapshot: () => StoreSnapshot) {
    this.path = path;
    this.snapshot = snapshot;
  }

  /** Writes the state once at start: proves the file can be written (a UsageError if not) and makes it 0600. */
  writeInitial(): void {
    if (this.path === undefined) return;
    this.dirty = true;
    try {
      this.flush();
    } catch (error) {
      throw new UsageError(`cannot write the emulator state file ${this.path}: ${(error as Error).message}`, {
        cause: error,
        hint: 'check the permissions of the file and its directory, or choose another --state path',
      });
    }
  }

  markDirty(): void {
    if (this.path === undefined) return;
    this.dirty = true;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      try {
        this.flush();
      } catch (error) {
        process.emitWarning(`pgensure emulator: could not write ${this.path}: ${(error as Error).message}`);
      }
    });
  }

  /** Writes now if anything changed since the last write. */
  flush(): void {
    if (this.path === undefined || !this.dirty) return;
    this.dirty = false;
    // The file holds the write-only credentials (it is the emulator's database): owner-only permissions.
    writeFileAtomic(this.path, JSON.stringify(this.snapshot()));
  }
}
