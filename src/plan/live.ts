import type { ClusterRead } from '../api/types.js';
import { fingerprintOf } from './fingerprint.js';
import { API_DEFAULTS } from './rules.js';
import type { LiveInfo, LiveProperties } from './types.js';

/**
 * The readable properties of a live cluster, on a copy: write-only fields dropped (the API should not return them,
 * but if it ever echoes one we must not diff or re-send it) and omitted optionals filled with the API's defaults.
 */
export function readableProperties(cluster: ClusterRead): LiveProperties {
  const { credentials: _credentials, restoreFromBackup: _restore, ...rest } = cluster.properties;
  const copy = cloneJson(rest);
  return {
    ...copy,
    description: copy.description ?? API_DEFAULTS.description,
    connectionPooler: copy.connectionPooler ?? API_DEFAULTS.connectionPooler,
    logsEnabled: copy.logsEnabled ?? API_DEFAULTS.logsEnabled,
    metricsEnabled: copy.metricsEnabled ?? API_DEFAULTS.metricsEnabled,
  };
}

/**
 * What the plan records about a live cluster, so `apply --plan` can tell whether it moved since. `readable` saves
 * recomputing readableProperties(cluster) when the caller already has it (the planner does, for every cluster).
 */
export function describeLive(cluster: ClusterRead, readable: LiveProperties = readableProperties(cluster)): LiveInfo {
  const info: LiveInfo = {
    lastModifiedDate: cluster.metadata.lastModifiedDate ?? null,
    lastModifiedBy: cluster.metadata.lastModifiedBy ?? null,
    state: cluster.metadata.state ?? null,
    fingerprint: fingerprintOf(readable),
  };
  if (cluster.metadata.statusMessage) info.statusMessage = cluster.metadata.statusMessage;
  return info;
}

/**
 * A deep copy of parsed JSON (plain objects, arrays, primitives). Several times faster than structuredClone for the
 * small objects of a cluster, which matters when a plan copies ten thousand of them.
 */
function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneJson((value as Record<string, unknown>)[key]);
  return out as T;
}
