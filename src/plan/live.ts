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
  const info = {
    lastModifiedDate: cluster.metadata.lastModifiedDate ?? null,
    lastModifiedBy: cluster.metadata.lastModifiedBy ?? null,
    state: cluster.metadata.state ?? null,
  } as LiveInfo;
  // What the hash is of, where no reader looks (a symbol, not enumerable); the accessor is shared by every LiveInfo.
  Object.defineProperty(info, HASHED, { value: kept.length === 0 ? readable : { readable, kept } });
  Object.defineProperty(info, 'fingerprint', LAZY_FINGERPRINT);
  if (cluster.metadata.statusMessage) info.statusMessage = cluster.metadata.statusMessage;
  return info;
}

const HASHED = Symbol('hashed content');

/** Turns the accessor into a plain data property, in the same place (redefining a key keeps its position). */
function settle(info: LiveInfo, fingerprint: string): void {
  Object.defineProperty(info, 'fingerprint', {
    value: fingerprint,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const LAZY_FINGERPRINT: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: LiveInfo & { [HASHED]: unknown }) {
    const fingerprint = fingerprintOf(this[HASHED]);
    settle(this, fingerprint);
    return fingerprint;
  },
  set(this: LiveInfo, value: string) {
    settle(this, value);
  },
};

/** describeLive for a cluster read afresh (its readable part and kept fields worked out here). */
export function describeCluster(cluster: ClusterRead): LiveInfo {
  const { readable, kept } = readLive(cluster);
  return describeLive(cluster, readable, kept);
}
