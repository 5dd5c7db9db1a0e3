import { assertNever } from '../errors.js';
import type { Change } from './types.js';

/**
 * What a reviewer should know when the live cluster is not AVAILABLE: apply's behaviour differs (it waits, or fails
 * the cluster after the FAILED grace), and a plan that does not say so would surprise. `undefined` when AVAILABLE.
 */
export function describeLiveState(change: Change): string | undefined {
  const state = change.live?.state;
  if (state === undefined || state === null || state === 'AVAILABLE') return undefined;
  const message = change.live?.statusMessage ? ` (${change.live.statusMessage})` : '';
  const now = `the cluster is ${state}${message}`;
  switch (change.action) {
    case 'create':
      return undefined;
    case 'update':
      return state === 'FAILED'
        ? `${now}: apply sends no PUT while it is FAILED; it waits up to --failed-grace for AVAILABLE, then fails it`
        : `${now}: apply waits for AVAILABLE before sending the PUT`;
    case 'delete':
    case 'replace':
      return state === 'FAILED'
        ? `${now}: apply deletes it without waiting for it to recover`
        : `${now}: apply waits for AVAILABLE before deleting it`;
    case 'noop':
      return state === 'FAILED'
        ? `${now}: it matches its file, so apply leaves it alone`
        : `${now}: apply waits for the write in progress to finish`;
    default:
      return assertNever(change, 'plan action');
  }
}

/** The change with the live-state note appended to its reasons (a new object; the input is not touched). */
export function withLiveStateNote(change: Change): Change {
  const note = describeLiveState(change);
  return note === undefined ? change : { ...change, reasons: [...change.reasons, note] };
}
