import { isImmutablePath } from '../plan/rules.js';
import { paint, type Style } from './ansi.js';
import {
  childPointer,
  type FieldChange,
  formatValue,
  isBranch,
  isDefaulted,
  pointerToPath,
  sanitizeInline,
} from './fields.js';

/** Indentation of field lines under a change header, and of each nesting level. */
const FIELD_INDENT = 6;
const LEVEL_INDENT = 4;

/** How one side of a change is drawn: the symbol before each field and its colour. */
export interface TreeMark {
  symbol: '+' | '-';
  style: Style;
}

/** All fields of an object as an indented tree (`+ instances:` then `    + cores: 4`), defaults marked. */
export function renderFieldTree(
  value: object,
  mark: TreeMark,
  defaulted: readonly string[],
  color: boolean,
  pointer = '',
  depth = 0,
): string[] {
  const lines: string[] = [];
  const indent = ' '.repeat(FIELD_INDENT + depth * LEVEL_INDENT);
  const symbol = paint(color, mark.style, mark.symbol);
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    const here = childPointer(pointer, key);
    const note = isDefaulted(defaulted, here, false) ? ' (default)' : '';
    if (isBranch(here, child)) {
      lines.push(`${indent}${symbol} ${sanitizeInline(key)}:${note}`);
      lines.push(...renderFieldTree(child, mark, defaulted, color, here, depth + 1));
    } else {
      lines.push(`${indent}${symbol} ${sanitizeInline(key)}: ${formatValue(here, child)}${note}`);
    }
  }
  return lines;
}

const ROW_MARKS: Record<FieldChange['kind'], TreeMark | { symbol: '~'; style: Style }> = {
  add: { symbol: '+', style: 'green' },
  remove: { symbol: '-', style: 'red' },
  replace: { symbol: '~', style: 'yellow' },
};

/** Changed fields, one per line: `~ instances.cores: 4 → 8`, `+ path: value`, `- path: value`. */
export function renderFieldChanges(
  fields: readonly FieldChange[],
  defaulted: readonly string[],
  color: boolean,
): string[] {
  const indent = ' '.repeat(FIELD_INDENT);
  return fields.map((field) => {
    const mark = ROW_MARKS[field.kind];
    const path = sanitizeInline(pointerToPath(field.pointer));
    const notes = [
      isDefaulted(defaulted, field.pointer, true) ? ' (default)' : '',
      isImmutablePath(field.pointer) ? ' # forces replacement' : '',
    ].join('');
    return `${indent}${paint(color, mark.style, mark.symbol)} ${path}: ${describeFieldValues(field)}${notes}`;
  });
}

function describeFieldValues(field: FieldChange): string {
  if (field.kind === 'add') return formatValue(field.pointer, field.after);
  if (field.kind === 'remove') return formatValue(field.pointer, field.before);
  return `${formatValue(field.pointer, field.before)} → ${formatValue(field.pointer, field.after)}`;
}

/** Free-text notes (reasons) under a header, as comments. */
export function renderNotes(notes: readonly string[]): string[] {
  const indent = ' '.repeat(FIELD_INDENT);
  return notes.map((note) => `${indent}# ${sanitizeInline(note)}`);
}
