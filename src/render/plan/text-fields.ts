import type { FieldChange, KeptField } from '../../compare/types.js';
import { isImmutableField } from '../../model/cluster-fields.js';
import { childPointer } from '../../model/pointer.js';
import { paint, type Style } from '../shared/ansi.js';
import { describeImpactTag } from '../shared/impact.js';
import { sanitizeInline } from '../shared/text.js';
import { formatValue, isBranch, isDefaulted } from '../shared/values.js';

/** Indentation of field lines under a change header, and of each nesting level. */
const FIELD_INDENT = 6;
/** The indent of a field row, made once (a 50,000-cluster plan renders a row list for every cluster). */
const ROW_INDENT = ' '.repeat(FIELD_INDENT);
const LEVEL_INDENT = 4;

/** How one side of a change is drawn: the symbol before each field and its colour. */
export interface TreeMark {
  symbol: '+' | '-';
  style: Style;
}

/** Where a value came from, when a Defaults document gave it: `(from Defaults production, defaults/prod.yaml:13)`. */
export function describeFrom(from: FieldChange['from']): string {
  return from === undefined
    ? ''
    : ` (from Defaults ${sanitizeInline(from.defaults)}, ${sanitizeInline(from.file)}:${from.line})`;
}

/** The Defaults each field's value came from, by pointer (for a create's tree). */
export function sourcesOf(fields: readonly FieldChange[]): ReadonlyMap<string, FieldChange['from']> {
  return new Map(fields.filter((field) => field.from !== undefined).map((field) => [field.pointer, field.from]));
}

/** All fields of an object as an indented tree (`+ instances:` then `    + cores: 4`), defaults marked. */
export function renderFieldTree(
  value: object,
  mark: TreeMark,
  defaulted: readonly string[],
  color: boolean,
  pointer = '',
  depth = 0,
  from: ReadonlyMap<string, FieldChange['from']> = new Map(),
): string[] {
  const lines: string[] = [];
  const indent = ' '.repeat(FIELD_INDENT + depth * LEVEL_INDENT);
  const symbol = paint(color, mark.style, mark.symbol);
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    const here = childPointer(pointer, key);
    const note = isDefaulted(defaulted, here, false) ? ' (default)' : describeFrom(from.get(here));
    if (isBranch(here, child)) {
      lines.push(`${indent}${symbol} ${sanitizeInline(key)}:${note}`);
      lines.push(...renderFieldTree(child, mark, defaulted, color, here, depth + 1, from));
    } else {
      lines.push(`${indent}${symbol} ${sanitizeInline(key)}: ${formatValue(here, child)}${note}`);
    }
  }
  return lines;
}

const ROW_MARKS: Record<FieldChange['kind'], { symbol: string; style: Style }> = {
  add: { symbol: '+', style: 'green' },
  remove: { symbol: '-', style: 'red' },
  replace: { symbol: '~', style: 'yellow' },
};

/** Changed fields, one per line: `~ instances.cores: 4 → 8 [switchover]`; tags only above impact `none`. */
export function renderFieldChanges(fields: readonly FieldChange[], color: boolean): string[] {
  const indent = ROW_INDENT;
  return fields.map((field) => {
    const mark = ROW_MARKS[field.kind];
    const notes = [
      field.defaulted ? ' (default)' : describeFrom(field.from),
      field.impact === 'none' ? '' : ` [${describeImpactTag(field)}]`,
      isImmutableField(field.pointer) ? ' # forces replacement' : '',
    ].join('');
    return `${indent}${paint(color, mark.style, mark.symbol)} ${sanitizeInline(field.path)}: ${describeFieldValues(field)}${notes}`;
  });
}

/** Live fields pgensure does not know: listed, and sent back unchanged. */
export function renderKeptFields(kept: readonly KeptField[]): string[] {
  const indent = ROW_INDENT;
  return kept.map(
    (field) =>
      `${indent}= ${sanitizeInline(field.path)}: ${formatValue(field.pointer, field.value)} (kept as live: not known to pgensure)`,
  );
}

function describeFieldValues(field: FieldChange): string {
  if (field.kind === 'add') return formatValue(field.pointer, field.after);
  if (field.kind === 'remove') return formatValue(field.pointer, field.before);
  // A re-sent write-only field (credentials rotation) has no readable "before".
  if (field.before === undefined) return `${formatValue(field.pointer, field.after)} (re-sent)`;
  return `${formatValue(field.pointer, field.before)} → ${formatValue(field.pointer, field.after)}`;
}

/** Free-text notes (reasons) under a header, as comments. */
export function renderNotes(notes: readonly string[]): string[] {
  const indent = ROW_INDENT;
  return notes.map((note) => `${indent}# ${sanitizeInline(note)}`);
}
