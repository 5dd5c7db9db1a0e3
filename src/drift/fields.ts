import type { DesiredCluster, DesiredProperties } from '../desired/types.js';
import type { SourcePos } from '../errors.js';
import { diffProperties, readPointer } from '../plan/diff.js';
import { isImmutablePath, pointerToDotted } from '../plan/rules.js';
import type { LiveProperties } from '../plan/types.js';
import type { DriftField } from './types.js';

/** The readable part of desired properties: credentials are write-only and restoreFromBackup is create-only. */
export function comparableProperties(properties: DesiredProperties): object {
  const { credentials: _credentials, restoreFromBackup: _restore, ...rest } = properties;
  return rest;
}

/**
 * The leaf fields where the live cluster differs from the document, in the document's field order. Built from the
 * same diff the planner uses, so drift and plan never disagree about whether a cluster changed.
 */
export function listDriftFields(doc: DesiredCluster, live: LiveProperties): DriftField[] {
  const desired = comparableProperties(doc.properties);
  const out: DriftField[] = [];
  for (const op of diffProperties(live, desired)) {
    collectLeaves(op.path, readPointer(desired, op.path), readPointer(live, op.path), doc, out);
  }
  const order = new Map<string, number>();
  for (const pointer of [...listPointers(desired), ...listPointers(live)]) {
    if (!order.has(pointer)) order.set(pointer, order.size);
  }
  const last = Number.MAX_SAFE_INTEGER;
  return out.sort((a, b) => (order.get(a.pointer) ?? last) - (order.get(b.pointer) ?? last));
}

function collectLeaves(pointer: string, desired: unknown, live: unknown, doc: DesiredCluster, out: DriftField[]): void {
  const expandable = (value: unknown) => value === undefined || isObject(value);
  if ((isObject(desired) || isObject(live)) && expandable(desired) && expandable(live)) {
    const d = (desired ?? {}) as Record<string, unknown>;
    const l = (live ?? {}) as Record<string, unknown>;
    for (const key of new Set([...Object.keys(d), ...Object.keys(l)])) {
      collectLeaves(`${pointer}/${escapeToken(key)}`, d[key], l[key], doc, out);
    }
    return;
  }
  if (JSON.stringify(desired) === JSON.stringify(live)) return;
  const field: DriftField = {
    path: pointerToDotted(pointer),
    pointer,
    defaulted: doc.defaulted.some((d) => pointer === d || pointer.startsWith(`${d}/`)),
    immutable: isImmutablePath(pointer),
    source: positionOf(doc, pointer),
  };
  if (desired !== undefined) field.desired = desired;
  if (live !== undefined) field.live = live;
  out.push(field);
}

/** The field's own line, else its nearest written parent's (a defaulted field has none), else the document's. */
function positionOf(doc: DesiredCluster, pointer: string): SourcePos {
  for (let p = pointer; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) {
    const pos = doc.positions.get(p);
    if (pos) return pos;
  }
  return doc.source;
}

/** What apply can and cannot do about each field, so a reader knows whether to revert or to edit the file. */
export function describeFieldNotes(fields: readonly DriftField[]): string[] {
  const notes: string[] = [];
  let revertible = 0;
  for (const field of fields) {
    const note = describeIrreversible(field);
    if (note) notes.push(note);
    else revertible += 1;
  }
  if (revertible > 0 && notes.length > 0) notes.push('pgensure apply would set the other fields back to the files');
  else if (revertible > 0) notes.push('pgensure apply would set these fields back to the files');
  return notes;
}

function describeIrreversible(field: DriftField): string | null {
  const live = JSON.stringify(field.live);
  if (field.immutable) {
    return `${field.path} is immutable: plan refuses to change it back (with policy.allowReplace it would delete and recreate the cluster); to keep the live value, write ${live} in the file`;
  }
  if (field.pointer === '/instances/storageSize' && isGreater(field.live, field.desired)) {
    return `instances.storageSize can only grow: apply cannot shrink it back to ${field.desired} GB; write ${live} in the file`;
  }
  if (field.pointer === '/version' && isGreater(Number(field.live), Number(field.desired))) {
    return `the live cluster runs version ${field.live}: apply cannot downgrade it to ${field.desired}; write ${live} in the file`;
  }
  return null;
}

function isGreater(a: unknown, b: unknown): boolean {
  return typeof a === 'number' && typeof b === 'number' && a > b;
}

function listPointers(value: unknown, pointer = ''): string[] {
  if (!isObject(value)) return pointer === '' ? [] : [pointer];
  return Object.entries(value).flatMap(([key, child]) => listPointers(child, `${pointer}/${escapeToken(key)}`));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapeToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
