import type { KeptField } from '../compare/types.js';
import type { DesiredProperties } from '../desired/types.js';
import { isPlainObject, splitPointer } from '../model/pointer.js';

/**
 * The body for an existing cluster: restoreFromBackup is create-only and never echoed into an update, and every
 * live field pgensure does not know is carried unchanged (a PUT resets whatever it omits). The document's properties
 * are never modified: when there is nothing to leave out or add they are the body themselves (nobody writes to a
 * plan's `after`; a create's `after` is the document's properties too), else a new object.
 */
export function existingClusterBody(properties: DesiredProperties, kept: readonly KeptField[]): DesiredProperties {
  if (kept.length === 0 && !Object.hasOwn(properties, 'restoreFromBackup')) return properties;
  const { restoreFromBackup: _restore, ...rest } = properties;
  if (kept.length === 0) return rest;
  const body = structuredClone(rest) as unknown as Record<string, unknown>;
  for (const field of kept) setAt(body, splitPointer(field.pointer), field.value);
  return body as unknown as DesiredProperties;
}

function setAt(target: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let current = target;
  for (const key of segments.slice(0, -1)) {
    const next = current[key];
    if (!isPlainObject(next)) return; // the known parent is always an object in the body; never invent one
    current = next;
  }
  current[segments[segments.length - 1]!] = value;
}
