import type { ClusterRead } from '../api/types.js';
import { API_DEFAULTS, CLUSTER_FIELDS, findField } from '../model/cluster-fields.js';
import { childPointer, isPlainObject, pointerToDotted, unescapeSegment } from '../model/pointer.js';
import type { KeptField, LiveProperties } from './types.js';

/** A live cluster as the comparison sees it: its readable known fields, and the fields pgensure does not know. */
export interface ReadLive {
  readable: LiveProperties;
  kept: KeptField[];
}

/**
 * The readable properties of a live cluster: write-only and create-only fields dropped (the API should not return
 * them, but if it ever echoes one it must not be diffed or re-sent), optionals the API omitted filled with the API's
 * defaults, and fields the field table does not know set apart as `kept`. The common case (nothing to drop, fill or
 * keep) returns the cluster's own object, uncopied: callers never modify it.
 */
export function readLive(cluster: ClusterRead): ReadLive {
  const properties = cluster.properties as unknown as Record<string, unknown>;
  if (isPlainReadable(properties)) return { readable: cluster.properties as LiveProperties, kept: [] };
  const readable: Record<string, unknown> = {};
  const kept: KeptField[] = [];
  for (const [key, value] of Object.entries(properties)) {
    const pointer = childPointer('', key);
    const fact = findField(pointer);
    if (fact === undefined) kept.push({ pointer, path: pointerToDotted(pointer), value });
    else if (fact.writeOnly || fact.createOnly) continue;
    else readable[key] = fact.kind === 'object' && isPlainObject(value) ? readObject(pointer, value, kept) : value;
  }
  for (const { key, value } of API_DEFAULTS) if (readable[key] === undefined) readable[key] = value;
  return { readable: readable as unknown as LiveProperties, kept };
}

function readObject(pointer: string, value: Record<string, unknown>, kept: KeptField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const here = childPointer(pointer, key);
    if (findField(here) === undefined) kept.push({ pointer: here, path: pointerToDotted(here), value: child });
    else out[key] = child;
  }
  return out;
}

/** Per top-level key of the field table: whether it is readable, and for an object the keys of its children. */
interface TopLevel {
  readable: boolean;
  children: ReadonlySet<string> | undefined;
}

// Built once from the field table: the check below runs for every live cluster of a plan (50,000s), so it looks
// keys up in this map instead of building a pointer string per key.
const TOP_LEVEL: ReadonlyMap<string, TopLevel> = new Map(
  CLUSTER_FIELDS.filter((fact) => fact.pointer.lastIndexOf('/') === 0).map((fact) => {
    const prefix = `${fact.pointer}/`;
    const children =
      fact.kind === 'object'
        ? new Set(
            CLUSTER_FIELDS.filter(
              (c) => c.pointer.startsWith(prefix) && !c.pointer.slice(prefix.length).includes('/'),
            ).map((c) => unescapeSegment(c.pointer.slice(prefix.length))),
          )
        : undefined;
    return [unescapeSegment(fact.pointer.slice(1)), { readable: !fact.writeOnly && !fact.createOnly, children }];
  }),
);

/** Only known, readable keys (one level of objects deep), and every API-defaulted optional present. */
function isPlainReadable(properties: Record<string, unknown>): boolean {
  for (const key in properties) {
    const top = TOP_LEVEL.get(key);
    if (top === undefined || !top.readable) return false;
    if (top.children === undefined) continue;
    const value = properties[key];
    if (!isPlainObject(value)) continue;
    for (const child in value) if (!top.children.has(child)) return false;
  }
  for (const { key } of API_DEFAULTS) if (properties[key] === undefined) return false;
  return true;
}
