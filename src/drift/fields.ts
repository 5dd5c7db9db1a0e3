import type { FieldChange } from '../compare/types.js';
import type { DesiredCluster } from '../desired/types.js';
import type { SourcePos } from '../errors.js';
import { factOf, isImmutableField } from '../model/cluster-fields.js';
import type { DriftField } from './types.js';

/** A field change of the comparison core as the drift report shows it: the files' value against the live one. */
export function toDriftField(doc: DesiredCluster, field: FieldChange): DriftField {
  const out: DriftField = {
    path: field.path,
    pointer: field.pointer,
    defaulted: field.defaulted,
    immutable: isImmutableField(field.pointer),
    source: positionOfField(doc, field.pointer),
  };
  if (field.after !== undefined) out.desired = field.after;
  if (field.before !== undefined) out.live = field.before;
  return out;
}

/** The field's own line, else its nearest written parent's (a defaulted field has none), else the document's. */
export function positionOfField(doc: DesiredCluster, pointer: string): SourcePos {
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

/** The field table's mutability says which live values apply cannot move back to the files. */
function describeIrreversible(field: DriftField): string | null {
  const live = JSON.stringify(field.live);
  switch (factOf(field.pointer)?.mutability) {
    case 'immutable':
      return `${field.path} is immutable: plan refuses to change it back (with policy.allowReplace it would delete and recreate the cluster); to keep the live value, write ${live} in the file`;
    case 'grow-only':
      return isGreater(field.live, field.desired)
        ? `${field.path} can only grow: apply cannot shrink it back to ${JSON.stringify(field.desired)}; write ${live} in the file`
        : null;
    case 'upgrade-path':
      return isGreater(Number(field.live), Number(field.desired))
        ? `the live cluster runs ${field.path} ${field.live}: apply cannot downgrade it to ${field.desired}; write ${live} in the file`
        : null;
    default:
      return null;
  }
}

function isGreater(a: unknown, b: unknown): boolean {
  return typeof a === 'number' && typeof b === 'number' && a > b;
}
