/** Sending one write and classifying what came back, for the runner's read–judge–write loop. */
import { ApiError, NetworkError } from '../errors.js';

/** What a write attempt ended in. `unsure`: it may or may not have reached the server; the next read decides. */
export type SendResult =
  | { kind: 'sent'; value: unknown }
  | { kind: 'busy' }
  /** Maybe applied, maybe not (a lost response, a 5xx), or not yet (429): read again, after `backoffMs`. */
  | { kind: 'unsure'; backoff: boolean }
  | { kind: 'refused'; error: ApiError };

const RETRY_STATUSES = new Set([500, 502, 503, 504]);

/** The wait before the next round after a 5xx: 250 ms doubling, at most 8 s. */
export function backoffMs(attempt: number): number {
  return Math.min(8000, 250 * 2 ** Math.max(0, attempt - 1));
}

/**
 * Sends one write, once: the client never retries a write (product.md §6: after any wait or retry, read again
 * first). A 409 (busy, or the id taken), a 429, a 5xx and a transport failure are not errors here: the runner reads
 * the cluster again and decides from what it sees, so a write is never repeated blindly. Other errors are refusals.
 */
export async function sendWrite(write: () => Promise<unknown>): Promise<SendResult> {
  try {
    return { kind: 'sent', value: await write() };
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) return { kind: 'busy' };
    // 429 paces the whole region (the client's rate gate waits); a 5xx may or may not have been applied.
    if (error instanceof ApiError && error.status === 429) return { kind: 'unsure', backoff: false };
    if (error instanceof ApiError && RETRY_STATUSES.has(error.status)) return { kind: 'unsure', backoff: true };
    if (error instanceof ApiError) return { kind: 'refused', error };
    if (error instanceof NetworkError) return { kind: 'unsure', backoff: false };
    throw error;
  }
}

/** Whether an API answer says this API cannot create by PUT (product.md §7): then creates go by POST. */
export function cannotCreateByPut(result: SendResult): boolean {
  return result.kind === 'refused' && (result.error.status === 404 || result.error.status === 405);
}
