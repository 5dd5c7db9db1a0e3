/**
 * Compare before every write (product.md §6): given what a fresh read of the cluster says, may apply write now, has
 * its write already landed, must it wait, or did someone else change the cluster (then it never writes)? Pure.
 */
import type { ClusterRead } from '../api/types.js';
import { listDifferingPaths } from '../compare/fields.js';
import { readLive } from '../compare/readable.js';
import { describeLive } from '../plan/live.js';
import type { Change, DeleteChange, ReplaceChange, UpdateChange } from '../plan/types.js';

/** What to do after a fresh read. */
export type WriteVerdict =
  | { kind: 'write' }
  /** The live cluster already is what the write would make it (our lost response, or another writer's). */
  | { kind: 'landed'; by: string | null; at: string | null }
  /** Nothing left to do (a delete whose cluster is gone). */
  | { kind: 'gone' }
  /** Busy, FAILED or an unknown state: wait until it settles, then read again. */
  | { kind: 'wait'; goal: 'settled' | 'deletable' | 'gone' }
  /** Someone else changed (or took) the cluster since the plan: never write; say who, when and what. */
  | { kind: 'stale'; reason: string };

/** An update: only onto the cluster the plan saw, and never twice. */
export function judgeBeforeUpdate(change: UpdateChange, fresh: ClusterRead | null): WriteVerdict {
  if (fresh === null)
    return { kind: 'stale', reason: `cluster ${change.id} no longer exists (deleted since the plan)` };
  const { readable } = readLive(fresh);
  const moved = hasMoved(change, fresh);
  const rotationOnly = change.fields.every((field) => field.pointer.startsWith('/credentials'));
  if (listDifferingPaths(change.after, readable).length === 0 && (moved || !rotationOnly)) return landed(fresh);
  if (moved) return { kind: 'stale', reason: describeMove(change, fresh) };
  return fresh.metadata.state === 'AVAILABLE' ? { kind: 'write' } : { kind: 'wait', goal: 'settled' };
}

/** A delete (also the first half of a replace): only of the cluster the plan saw; a FAILED one at once. */
export function judgeBeforeDelete(change: DeleteChange | ReplaceChange, fresh: ClusterRead | null): WriteVerdict {
  if (fresh === null) return { kind: 'gone' };
  if (fresh.metadata.state === 'DESTROYING') return { kind: 'wait', goal: 'gone' };
  if (hasMoved(change, fresh)) return { kind: 'stale', reason: describeMove(change, fresh) };
  const state = fresh.metadata.state;
  return state === 'AVAILABLE' || state === 'FAILED' ? { kind: 'write' } : { kind: 'wait', goal: 'deletable' };
}

/**
 * A create at `id`: nothing may be there but our own cluster (same properties: a lost response, or a second apply
 * of the same specs), and no other live cluster may have taken the name since the plan.
 */
export function judgeBeforeCreate(
  change: Change,
  atId: ClusterRead | null,
  sameName: readonly ClusterRead[],
): WriteVerdict {
  if (atId !== null) {
    if (atId.metadata.state === 'DESTROYING') return { kind: 'wait', goal: 'gone' };
    if (change.after !== null && listDifferingPaths(change.after, readLive(atId).readable).length === 0) {
      const { createdBy, createdDate, lastModifiedBy, lastModifiedDate } = atId.metadata;
      return { kind: 'landed', by: createdBy ?? lastModifiedBy ?? null, at: createdDate ?? lastModifiedDate ?? null };
    }
    return { kind: 'stale', reason: `cluster ${atId.id} exists with other properties (${describeWho(atId)})` };
  }
  const other = sameName.find((cluster) => cluster.metadata.state !== 'DESTROYING');
  if (other === undefined) return { kind: 'write' };
  const reason = `a cluster named ${change.name} (${other.id}) was created since the plan (${describeWho(other)})`;
  return { kind: 'stale', reason };
}

function landed(fresh: ClusterRead): WriteVerdict {
  return { kind: 'landed', by: fresh.metadata.lastModifiedBy ?? null, at: fresh.metadata.lastModifiedDate ?? null };
}

/** Whether the cluster moved since the plan read it (its lastModifiedDate, or its readable content and kept fields). */
function hasMoved(change: UpdateChange | DeleteChange | ReplaceChange, fresh: ClusterRead): boolean {
  const { readable, kept } = readLive(fresh);
  const now = describeLive(fresh, readable, kept);
  return now.lastModifiedDate !== change.live.lastModifiedDate || now.fingerprint !== change.live.fingerprint;
}

function describeMove(change: UpdateChange | DeleteChange | ReplaceChange, fresh: ClusterRead): string {
  const fields = listDifferingPaths(change.before, readLive(fresh).readable);
  const what = fields.length > 0 ? `; changed: ${fields.join(', ')}` : '';
  return `changed since the plan by ${describeWho(fresh)}${what}`;
}

function describeWho(cluster: ClusterRead): string {
  return `${cluster.metadata.lastModifiedBy ?? 'an unknown user'} at ${cluster.metadata.lastModifiedDate ?? 'an unknown time'}`;
}
