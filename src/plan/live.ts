import type { ClusterRead } from '../api/types.js';
import { readLive } from '../compare/readable.js';
import type { KeptField, LiveProperties } from '../compare/types.js';
import { fingerprintOf } from './fingerprint.js';
import type { LiveInfo } from './types.js';

/**
 * What the plan records about a live cluster, so apply can tell whether it moved since: who changed it last and
 * when, its state, and a hash of everything readable (kept fields included: they are sent back unchanged).
 *
 * The hash is worked out when it is first read (JSON output, a saved plan, apply's check before a write), then kept:
 * a text or Markdown plan of 50,000 in-sync clusters never needs one, and it was a fifth of the planner's time. It
 * is an ordinary enumerable property to every reader (JSON.stringify, spreads, structuredClone, toEqual), in the
 * same place in the key order, and the live properties it hashes are never modified (the plan shares them).
 */
export function describeLive(cluster: ClusterRead, readable: LiveProperties, kept: readonly KeptField[]): LiveInfo {
  const content = kept.length === 0 ? readable : { readable, kept };
  const info = {
    lastModifiedDate: cluster.metadata.lastModifiedDate ?? null,
    lastModifiedBy: cluster.metadata.lastModifiedBy ?? null,
    state: cluster.metadata.state ?? null,
  } as LiveInfo;
  Object.defineProperty(info, 'fingerprint', {
    enumerable: true,
    configurable: true,
    get(this: LiveInfo) {
      const fingerprint = fingerprintOf(content);
      // From now on a plain data property, in the same place (redefining a key keeps its position).
      Object.defineProperty(this, 'fingerprint', {
        value: fingerprint,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return fingerprint;
    },
    set(this: LiveInfo, value: string) {
      Object.defineProperty(this, 'fingerprint', { value, enumerable: true, writable: true, configurable: true });
    },
  });
  if (cluster.metadata.statusMessage) info.statusMessage = cluster.metadata.statusMessage;
  return info;
}

/** describeLive for a cluster read afresh (its readable part and kept fields worked out here). */
export function describeCluster(cluster: ClusterRead): LiveInfo {
  const { readable, kept } = readLive(cluster);
  return describeLive(cluster, readable, kept);
}
