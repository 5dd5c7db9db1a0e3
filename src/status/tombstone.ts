import type { ClusterRead } from '../api/types.js';

/**
 * What status says of a tombstone (`ensure: absent`). Its health is never checked: the files want the cluster gone,
 * so a FAILED or backup-less cluster that is about to be deleted is not a reason to page anyone. Whether it still
 * exists is drift's and apply's business; status names it so the reader is not surprised.
 */
export function describeTombstone(cluster: ClusterRead | null): string {
  if (cluster === null) return 'ensure: absent, and no such cluster exists (as the files want)';
  const state = cluster.metadata?.state;
  if (state === 'DESTROYING') return 'ensure: absent: the cluster is being deleted (DESTROYING)';
  return `ensure: absent, but the cluster still exists${state ? ` (${state})` : ''}: pgensure apply deletes it`;
}
