/** Optional JSON persistence of the store: loaded at start, rewritten atomically (tmp + rename) after mutations. */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import type { StoreSnapshot } from './store.js';

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
    const tmp = `${this.path}.${process.pid}.tmp`;
    // The file holds the write-only credentials (it is the emulator's database): owner-only permissions.
    writeFileSync(tmp, JSON.stringify(this.snapshot()), { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}
