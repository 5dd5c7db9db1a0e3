/** Updates and deletes: read, judge (guard.ts), write at most once per round, and never onto a moved cluster. */
import { ApplyError } from '../errors.js';
import type { Change, DeleteChange, ReplaceChange, UpdateChange } from '../plan/types.js';
import { gaveUp, inSlot, MAX_ROUNDS, type RunContext, StaleClusterError, waitFor } from './context.js';
import type { LandedHow } from './events.js';
import { judgeBeforeDelete, judgeBeforeUpdate, type WriteVerdict } from './guard.js';
import { backoffMs, type SendResult, sendWrite } from './writes.js';

type Round = WriteVerdict | SendResult;

/** What a 'landed' read means after the last write attempt. */
const LANDED_HOW: Record<string, LandedHow> = { none: 'found', busy: 'after-busy', unsure: 'after-lost' };

/** PUT the full desired body onto the cluster the plan saw, then wait for AVAILABLE. */
export async function runUpdate(ctx: RunContext, change: UpdateChange): Promise<void> {
  const { api } = ctx.deps;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const outcome: Round = await inSlot(ctx, async () => {
      const verdict = judgeBeforeUpdate(change, await api.getCluster(change.region, change.id));
      if (verdict.kind !== 'write') return verdict;
      return send(ctx, 'PUT', change.id, () => api.putCluster(change.region, change.id, ctx.deps.bodyFor(change)));
    });
    if (await settle(ctx, change, change.id, outcome, 'available')) return;
  }
  throw gaveUp(ctx);
}

/** DELETE the cluster the plan saw (a FAILED one at once), then wait until it is gone. */
export async function runDelete(ctx: RunContext, change: DeleteChange | ReplaceChange): Promise<void> {
  const { api } = ctx.deps;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const outcome: Round = await inSlot(ctx, async () => {
      const verdict = judgeBeforeDelete(change, await api.getCluster(change.region, change.id));
      if (verdict.kind !== 'write') return verdict;
      return send(ctx, 'DELETE', change.id, () => api.deleteCluster(change.region, change.id));
    });
    if (await settle(ctx, change, change.id, outcome, 'gone')) return;
  }
  throw gaveUp(ctx);
}

/** Sends one write, remembering that something went out. */
export async function send(
  ctx: RunContext,
  method: 'PUT' | 'DELETE' | 'POST',
  id: string,
  write: () => Promise<unknown>,
): Promise<SendResult> {
  ctx.deps.signal.throwIfAborted();
  ctx.deps.onEvent({ type: 'write', address: ctx.change.address, method, id });
  ctx.progress.wrote = true;
  const result = await sendWrite(write);
  ctx.progress.lastSend = result.kind;
  return result;
}

/**
 * Acts on one round's outcome: waits where that finishes the change (true), waits where the next round must read
 * again (false), or throws (stale, refused).
 */
export async function settle(
  ctx: RunContext,
  change: Change,
  id: string,
  outcome: Round,
  goal: 'available' | 'gone',
): Promise<boolean> {
  switch (outcome.kind) {
    case 'sent':
      await waitFor(ctx, id, goal, 'after-write');
      return true;
    case 'landed':
      ctx.progress.landed = { by: outcome.by, how: LANDED_HOW[ctx.progress.lastSend ?? 'none'] ?? 'found' };
      ctx.deps.onEvent({ type: 'landed', address: change.address, id, by: outcome.by, at: outcome.at });
      await waitFor(ctx, id, goal, 'after-write');
      return true;
    case 'gone':
      return true;
    case 'wait':
      await waitFor(ctx, id, outcome.goal, 'before-write', ctx.options.busyTimeoutMs);
      return outcome.goal === 'gone' && goal === 'gone';
    case 'stale':
      ctx.deps.onEvent({ type: 'stale', address: change.address, action: change.action, reason: outcome.reason });
      throw new StaleClusterError(`${change.address}: ${outcome.reason}`, {
        hint: 'review the change (pgensure drift shows it), then plan and apply again',
      });
    case 'busy':
      return false;
    case 'unsure':
      ctx.progress.unsure = (ctx.progress.unsure ?? 0) + 1;
      if (outcome.backoff) await ctx.deps.sleep(backoffMs(ctx.progress.unsure), ctx.deps.signal);
      return false;
    case 'refused':
      throw outcome.error;
    case 'write':
      throw new ApplyError(`${change.address}: a write verdict was not acted on`);
  }
}
