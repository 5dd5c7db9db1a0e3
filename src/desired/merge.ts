import { isPlainObject, readPointer, splitPointer } from '../model/pointer.js';
import type { DefaultsLayer } from './defaults-doc.js';
import type { InheritedValue } from './types.js';

/** Two or more Defaults documents that set one field for one cluster. */
export interface DefaultsConflict {
  pointer: string;
  layers: DefaultsLayer[];
}

/** A cluster's spec after its Defaults: the merged spec, which leaves came from which Defaults, and conflicts. */
export interface MergeResult {
  spec: Record<string, unknown>;
  inherited: Map<string, InheritedValue>;
  conflicts: DefaultsConflict[];
}

/**
 * The cluster's own spec with the leaves of its Defaults filled in under it (product.md §9): the cluster's own value
 * wins, maps merge key by key, and a leaf that two Defaults set is a conflict whether or not the cluster sets it too
 * (so the conflict never hides behind one cluster's value and reappears when it is removed). A new object.
 */
export function mergeDefaults(own: Record<string, unknown>, layers: readonly DefaultsLayer[]): MergeResult {
  const setters = new Map<string, DefaultsLayer[]>();
  for (const layer of layers) {
    for (const pointer of layer.leaves.keys()) {
      const list = setters.get(pointer);
      if (list === undefined) setters.set(pointer, [layer]);
      else list.push(layer);
    }
  }
  const spec = structuredClone(own);
  const inherited = new Map<string, InheritedValue>();
  const conflicts: DefaultsConflict[] = [];
  for (const [pointer, setBy] of setters) {
    if (setBy.length > 1) {
      conflicts.push({ pointer, layers: setBy });
      continue;
    }
    const layer = setBy[0]!;
    if (readPointer(own, pointer) !== undefined) continue;
    setAt(spec, pointer, structuredClone(layer.leaves.get(pointer)));
    inherited.set(pointer, { defaults: layer.name, at: layer.positionOf(pointer) });
  }
  return { spec, inherited, conflicts };
}

function setAt(target: Record<string, unknown>, pointer: string, value: unknown): void {
  const segments = splitPointer(pointer);
  let current = target;
  for (const key of segments.slice(0, -1)) {
    if (!isPlainObject(current[key])) current[key] = {};
    current = current[key] as Record<string, unknown>;
  }
  current[segments[segments.length - 1]!] = value;
}
