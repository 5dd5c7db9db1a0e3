import { assertNever } from '../errors.js';
import { DISRUPTIVE_PATH_PREFIXES } from '../plan/rules.js';
import type { Change, PatchOp } from '../plan/types.js';

/** How much a reviewer should worry about one change (words, no emoji: they read the same everywhere). */
export type RiskLevel = 'high' | 'medium' | 'low' | 'none';

/** A risk level with a short reason (empty when there is nothing to say). */
export interface Risk {
  level: RiskLevel;
  why: string;
}

/** Rates a change for the PR review: destroys are high, restarts/failovers medium, the rest low. */
export function rateRisk(change: Change): Risk {
  switch (change.action) {
    case 'delete':
      return { level: 'high', why: 'deletes the cluster and its data' };
    case 'replace':
      return { level: 'high', why: 'deletes the cluster and its data, then creates a new one' };
    case 'update':
      return isDisruptive(change.patch)
        ? { level: 'medium', why: 'restart or failover likely' }
        : { level: 'low', why: '' };
    case 'create':
      return { level: 'low', why: '' };
    case 'noop':
      return { level: 'none', why: '' };
    default:
      return assertNever(change, 'action');
  }
}

/** The plan's rule table says which fields restart instances or fail over (instances, version, replication, ...). */
function isDisruptive(patch: readonly PatchOp[]): boolean {
  return patch.some((op) => DISRUPTIVE_PATH_PREFIXES.some((p) => op.path === p || op.path.startsWith(`${p}/`)));
}
