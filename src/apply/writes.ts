/** Sending one write and classifying what came back, for the runner's read–judge–write loop. */
import { ApiError, NetworkError } from '../errors.js';

/** What a write attempt ended in. `unsure`: it may or may not have reached the server; the next read decides. */
export type SendResult =
  | { kind: 'sent'; value: unknown }
  | { kind: 'busy' }
  | { kind: 'unsure' }
  | { kind: 'refused'; error: ApiError };

/**
 * Sends one write. A 409 (busy, or the id taken) and a transport failure are not errors here: the runner reads the
 * cluster again and decides from what it sees, so a write is never repeated blindly. Other API errors are refusals.
 */
export async function sendWrite(write: () => Promise<unknown>): Promise<SendResult> {
  try {
    return { kind: 'sent', value: await write() };
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) return { kind: 'busy' };
    if (error instanceof ApiError) return { kind: 'refused', error };
    if (error instanceof NetworkError) return { kind: 'unsure' };
    throw error;
  }
}

/** Whether an API answer says this API cannot create by PUT (product.md §7): then creates go by POST. */
export function cannotCreateByPut(result: SendResult): boolean {
  return result.kind === 'refused' && (result.error.status === 404 || result.error.status === 405);
}
