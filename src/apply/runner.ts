import { assertNever, PgensureError } from '../errors.js';
import type { Change } from '../plan/types.js';
import type { RunContext } from './context.js';
import { StaleClusterError, waitFor } from './context.js';
import { runCreate } from './create.js';
import type { ApplyOutcome } from './events.js';
import { runDelete, runUpdate } from './update-delete.js';

const BUSY_STATES = new Set(['PROVISIONING', 'UPDATING']);

/** Carries one change through its reads, writes and waits; the outcome says what happened and whether it wrote. */
export async function runChange(ctx: RunContext): Promise<ApplyOutcome> {
  const { change, deps } = ctx;
  const outcome = { address: change.address, action: change.action };
  const started = deps.now();
  if (change.action === 'noop' && !needsAttention(change))
    return { ...outcome, id: change.id, status: 'unchanged', wrote: false };
  try {
    await executeChange(ctx, change);
    const elapsedMs = deps.now() - started;
    deps.onEvent({ type: 'succeeded', address: change.address, action: change.action, elapsedMs });
    const landed = ctx.progress.landed === undefined ? {} : { landed: ctx.progress.landed };
    return { ...outcome, id: ctx.progress.id, status: 'succeeded', wrote: ctx.progress.wrote, ...landed };
  } catch (error) {
    const base = { ...outcome, id: ctx.progress.id, wrote: ctx.progress.wrote };
    if (deps.signal.aborted && !ctx.progress.began) return { ...base, status: 'not-started' };
    if (deps.signal.aborted) {
      const message = ctx.progress.wrote
        ? 'interrupted after the write was sent; re-run apply to wait for it'
        : 'interrupted before any write';
      return { ...base, status: 'interrupted', message };
    }
    const message = describeFailure(error);
    if (error instanceof StaleClusterError) return { ...base, status: 'stale', message };
    deps.onEvent({ type: 'failed', address: change.address, action: change.action, message });
    return { ...base, status: 'failed', message };
  }
}

async function executeChange(ctx: RunContext, change: Change): Promise<void> {
  switch (change.action) {
    case 'noop':
      // A previous run's write is still in progress: resume waiting instead of re-sending. A FAILED cluster that
      // matches its file is still broken: waiting for it (the FAILED grace) then failing says so (exit 1).
      ctx.progress.began = true;
      ctx.deps.onEvent({ type: 'started', address: change.address, action: change.action });
      if (change.id) await waitFor(ctx, change.id, 'available', 'after-write');
      return;
    case 'create':
      return runCreate(ctx, change, change.id);
    case 'update':
      return runUpdate(ctx, change);
    case 'delete':
      return runDelete(ctx, change);
    case 'replace':
      await runDelete(ctx, change);
      return runCreate(ctx, change, change.replacementId);
    default:
      assertNever(change, 'plan action');
  }
}

/** A no-op whose cluster is busy (a write in progress) or FAILED: apply waits for it, and says if it stays broken. */
export function needsAttention(change: Change): boolean {
  const state = change.live?.state;
  return (
    change.action === 'noop' && state !== undefined && state !== null && (BUSY_STATES.has(state) || state === 'FAILED')
  );
}

/** The error's message plus its one-line hint, so the summary says what to do, not only what went wrong. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const hint = error instanceof PgensureError ? error.hint : undefined;
  return hint ? `${error.message} (${hint})` : error.message;
}
