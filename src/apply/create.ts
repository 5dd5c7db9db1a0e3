/**
 * Creates (product.md §3, §7): PUT on the address's name-based id; if the API refuses a once-used id, the next
 * generation's id (so concurrent runs still agree); if the API cannot create by PUT (404/405), POST after checking
 * the region by name, and check again after a lost POST response. Never a second cluster.
 */
import type { ClusterRead } from '../api/types.js';
import { type ApiError, ApplyError } from '../errors.js';
import { MAX_GENERATIONS } from '../plan/ids.js';
import type { CreateChange, ReplaceChange } from '../plan/types.js';
import { gaveUp, inSlot, MAX_ROUNDS, type RunContext } from './context.js';
import { judgeBeforeCreate } from './guard.js';
import { send, settle } from './update-delete.js';
import { cannotCreateByPut, type SendResult } from './writes.js';

type CreateRound = ReturnType<typeof judgeBeforeCreate> | SendResult | { kind: 'burned' } | { kind: 'post' };

/** Creates the cluster of `change` at `plannedId` (a replace's replacementId, or a create's id). */
export async function runCreate(
  ctx: RunContext,
  change: CreateChange | ReplaceChange,
  plannedId: string,
): Promise<void> {
  let id = plannedId;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    if (ctx.createMethods.get(change.region) === 'post') return runPostCreate(ctx, change);
    ctx.track(id);
    const outcome: CreateRound = await inSlot(ctx, () => putRound(ctx, change, id));
    if (outcome.kind === 'post') continue;
    if (outcome.kind === 'burned') {
      id = nextGeneration(ctx, change, id);
      continue;
    }
    ctx.progress.id = id;
    if (await settle(ctx, change, id, outcome, 'available')) return;
  }
  throw gaveUp(ctx);
}

async function putRound(ctx: RunContext, change: CreateChange | ReplaceChange, id: string): Promise<CreateRound> {
  const { api } = ctx.deps;
  // Checked in the slot: another create of the region may have learnt meanwhile that PUT cannot create.
  if (ctx.createMethods.get(change.region) === 'post') return { kind: 'post' };
  // The name first, the id last: the read right before the PUT is the one that says "not there yet".
  const sameName = await listSameName(ctx, change, id);
  const verdict = judgeBeforeCreate(change, await api.getCluster(change.region, id), sameName);
  if (verdict.kind !== 'write') return verdict;
  const result = await send(ctx, 'PUT', id, () => api.putCluster(change.region, id, ctx.deps.bodyFor(change)));
  if (cannotCreateByPut(result)) {
    // Learnt inside the slot, so no other create of the region sends its PUT after this answer.
    ctx.createMethods.set(change.region, 'post');
    return { kind: 'post' };
  }
  if (result.kind === 'sent' && isExisting(result.value)) {
    // The PUT met an identical cluster another writer made since our read: it was an update, not a create.
    const by = (result.value as ClusterRead).metadata.createdBy ?? null;
    ctx.progress.landed = { by, how: 'resent' };
  }
  // 409 on a create: our id is taken. If nothing is there, the API refuses a once-used id: take the next one.
  if (result.kind === 'busy' && (await api.getCluster(change.region, id)) === null) return { kind: 'burned' };
  return result;
}

/** A PUT's answer for a cluster that existed before it (UPDATING, not PROVISIONING). */
function isExisting(value: unknown): boolean {
  const state = (value as Partial<ClusterRead> | undefined)?.metadata?.state;
  return state !== undefined && state !== 'PROVISIONING';
}

/** Live clusters with exactly this name, other than `exceptId` (the API's filter.name is a substring match). */
async function listSameName(ctx: RunContext, change: CreateChange | ReplaceChange, exceptId: string | null) {
  const listed = await ctx.deps.api.listClusters(change.region, { nameContains: change.name, signal: ctx.deps.signal });
  return listed.filter((c) => c.properties.name === change.name && c.id.toLowerCase() !== exceptId?.toLowerCase());
}

/** The next generation's id of the address; a pinned metadata.id has none. */
function nextGeneration(ctx: RunContext, change: CreateChange | ReplaceChange, id: string): string {
  for (let generation = 0; generation < MAX_GENERATIONS - 1; generation++) {
    if (ctx.deps.idFor(change.address, generation) === id) return ctx.deps.idFor(change.address, generation + 1);
  }
  throw new ApplyError(
    `${change.address}: the API refuses id ${id} (it was used before), and a pinned metadata.id has no next id`,
    {
      hint: 'remove metadata.id from the spec file so pgensure chooses the id, then plan again',
    },
  );
}

type PostRound =
  | { kind: 'created'; id: string }
  | { kind: 'found'; id: string; verdict: ReturnType<typeof judgeBeforeCreate> }
  | { kind: 'unsure' }
  | { kind: 'refused'; error: ApiError };

/**
 * POST /clusters: the server chooses the id. Before each POST the region is listed by name: a cluster of that name
 * with the desired properties is ours (a lost response) or another writer's identical one — adopted, not created;
 * one with other properties is stale. A POST is sent at most once per round, and only after that check.
 */
async function runPostCreate(ctx: RunContext, change: CreateChange | ReplaceChange): Promise<void> {
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const outcome = await inSlot(ctx, () => postRound(ctx, change));
    if (outcome.kind === 'unsure') continue;
    if (outcome.kind === 'refused') throw outcome.error;
    ctx.track(outcome.id);
    ctx.progress.id = outcome.id;
    const verdict = outcome.kind === 'created' ? ({ kind: 'sent', value: null } as const) : outcome.verdict;
    if (await settle(ctx, change, outcome.id, verdict, 'available')) return;
  }
  throw gaveUp(ctx);
}

async function postRound(ctx: RunContext, change: CreateChange | ReplaceChange): Promise<PostRound> {
  const named = (await listSameName(ctx, change, null)).filter((c) => c.metadata.state !== 'DESTROYING');
  if (named.length > 0) return { kind: 'found', id: named[0]!.id, verdict: judgeBeforeCreate(change, named[0]!, []) };
  const post = ctx.deps.api.postCluster;
  if (post === undefined)
    throw new ApplyError(`${change.address}: this API cannot create by PUT, and this client has no POST`);
  let created: ClusterRead | undefined;
  const result = await send(ctx, 'POST', '(new)', async () => {
    created = await post.call(ctx.deps.api, change.region, ctx.deps.bodyFor(change));
  });
  if (result.kind === 'refused') return result;
  if (result.kind === 'sent' && created !== undefined) return { kind: 'created', id: created.id };
  return { kind: 'unsure' };
}
