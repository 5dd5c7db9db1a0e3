/**
 * Lets one large response body at a time be read, decoded and parsed. A body costs about three times its size
 * while it turns into objects (bytes, text, values); two 32 MiB pages from two regions at once would take ~400 MB,
 * one at a time stays under 300 MB. API pages are ~100 KB, far below LARGE_BODY_BYTES, and never wait.
 */
export class BodyLock {
  private held = false;
  private readonly waiting: { grant: () => void }[] = [];

  /** Resolves with the release function once the lock is ours; rejects with the signal's reason if it aborts. */
  acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (!this.held) {
      this.held = true;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve(this.releaser());
        },
      };
      const onAbort = (): void => {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next.grant();
      else this.held = false;
    };
  }
}

/** A body beyond this many bytes needs the lock to go on. */
export const LARGE_BODY_BYTES = 4 * 1024 * 1024;
