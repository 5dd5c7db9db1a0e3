/** RFC 6902 patches from before to after over the readable fields, built from the comparison's field changes. */
import type { FieldChange } from '../compare/types.js';
import { isReadableTopLevel } from '../model/cluster-fields.js';
import { escapeSegment, splitPointer } from '../model/pointer.js';
import type { PatchOp } from './types.js';

/** The patch of an update or replace: one op per changed leaf (a whole object where `before` lacks it). */
export function patchFromFields(before: object, fields: readonly FieldChange[]): PatchOp[] {
  const ops: PatchOp[] = [];
  const addedObjects = new Set<string>();
  for (const field of fields) {
    const [top] = splitPointer(field.pointer);
    const topPointer = `/${escapeSegment(top!)}`;
    const parentMissing = topPointer !== field.pointer && (before as Record<string, unknown>)[top!] === undefined;
    if (parentMissing) {
      // RFC 6902 cannot add below a missing parent: add the whole object once.
      if (addedObjects.has(topPointer)) continue;
      addedObjects.add(topPointer);
      ops.push({ op: 'add', path: topPointer, value: collectObject(topPointer, fields) });
    } else if (field.kind === 'remove') ops.push({ op: 'remove', path: field.pointer });
    else ops.push({ op: field.kind, path: field.pointer, value: field.after });
  }
  return ops;
}

/** The patch of a create: every readable top-level field added. */
export function patchForCreate(after: object): PatchOp[] {
  return readableEntries(after).map(([key, value]) => ({ op: 'add', path: `/${escapeSegment(key)}`, value }));
}

/** The patch of a delete: every readable top-level field removed. */
export function patchForDelete(before: object): PatchOp[] {
  return readableEntries(before).map(([key]) => ({ op: 'remove', path: `/${escapeSegment(key)}` }));
}

function readableEntries(properties: object): [string, unknown][] {
  return Object.entries(properties).filter(([key, value]) => value !== undefined && isReadableTopLevel(key));
}

function collectObject(topPointer: string, fields: readonly FieldChange[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (!field.pointer.startsWith(`${topPointer}/`) || field.after === undefined) continue;
    out[splitPointer(field.pointer).slice(1).join('/')] = field.after;
  }
  return out;
}
