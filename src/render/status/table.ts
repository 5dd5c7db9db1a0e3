import { sanitizeInline } from '../shared/text.js';

/** One column: its header, the widest a cell may be, and how a cell too wide is cut. */
export interface Column {
  header: string;
  max: number;
  /** `middle` keeps both ends (names that share a long prefix stay apart); `end` keeps the start. */
  cut: 'middle' | 'end';
}

const ELLIPSIS = '…';

/**
 * Rows as aligned lines: every cell sanitised (one inert line), cut to its column's `max` (in code points) and
 * padded to the widest cell of its column, so a long name shortens its own cell, never shifts the others. The last
 * column is not padded. `decorate` may colour a cell after padding (ANSI codes take no room on the screen).
 */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  decorate: (row: number, column: number, padded: string) => string = (_r, _c, padded) => padded,
): string[] {
  const cells = rows.map((row) => row.map((text, i) => fitCell(sanitizeInline(text), columns[i]!)));
  const headers = columns.map((column) => column.header);
  const widths = columns.map((_, i) => Math.max(lengthOf(headers[i]!), ...cells.map((row) => lengthOf(row[i]!))));
  const line = (row: readonly string[], r: number) =>
    row
      .map((cell, i) => {
        const padded = i === row.length - 1 ? cell : padEnd(cell, widths[i]!);
        return r < 0 ? padded : decorate(r, i, padded);
      })
      .join('  ')
      .trimEnd();
  return [line(headers, -1), ...cells.map((row, r) => line(row, r))];
}

/** A cell no wider than its column's max, cut with `…` where the column says. */
export function fitCell(text: string, column: Pick<Column, 'max' | 'cut'>): string {
  const chars = [...text];
  if (chars.length <= column.max) return text;
  const keep = column.max - 1;
  if (column.cut === 'end') return chars.slice(0, keep).join('') + ELLIPSIS;
  const head = Math.ceil(keep / 2);
  return chars.slice(0, head).join('') + ELLIPSIS + chars.slice(chars.length - (keep - head)).join('');
}

/** Width on the screen, counted in code points (user text is sanitised; names are ASCII by the API's rules). */
function lengthOf(text: string): number {
  return [...text].length;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - lengthOf(text)));
}
