import type { Change } from '../plan/types.js';

/** Where the write-only password reference sits in `after`: only its source (env var, file) is ever shown. */
export const PASSWORD_POINTER = '/credentials/password';

/** One leaf field of a properties object, addressed by JSON pointer. */
export interface FieldLeaf {
  pointer: string;
  value: unknown;
}

/** One leaf field that differs between `before` and `after`; a missing side is `undefined`. */
export interface FieldChange {
  pointer: string;
  kind: 'add' | 'remove' | 'replace';
  before: unknown;
  after: unknown;
}

// C0/C1 controls, line/paragraph separators and bidi overrides: user data must not move the cursor, colour the
// terminal, break a line or reorder what a reviewer reads.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Replaces control and bidi characters with `\uXXXX`, so user data prints as one inert line. */
export function sanitizeInline(text: string): string {
  return text.replace(UNSAFE_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isWriteOnlyPointer(pointer: string): boolean {
  return pointer === PASSWORD_POINTER || pointer.startsWith(`${PASSWORD_POINTER}/`);
}

export function childPointer(parent: string, key: string): string {
  return `${parent}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** `/instances/cores` → `instances.cores` (the spelling of the spec file and of the planner's reasons). */
export function pointerToPath(pointer: string): string {
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** Reads a JSON pointer; undefined when absent. */
export function readPointer(value: unknown, pointer: string): unknown {
  let current = value;
  for (const raw of pointer === '' ? [] : pointer.slice(1).split('/')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

/** Says where a password comes from, never what it is (anything but a reference prints as plain write-only). */
export function describePasswordRef(ref: unknown): string {
  if (isPlainObject(ref) && typeof ref['fromEnv'] === 'string')
    return `(write-only, from env ${sanitizeInline(ref['fromEnv'])})`;
  if (isPlainObject(ref) && typeof ref['fromFile'] === 'string')
    return `(write-only, from file ${sanitizeInline(ref['fromFile'])})`;
  return '(write-only)';
}

/** One field's value as plain, sanitised text: strings quoted (so `""` is visible), the password as its source. */
export function formatValue(pointer: string, value: unknown): string {
  if (isWriteOnlyPointer(pointer)) return pointer === PASSWORD_POINTER ? describePasswordRef(value) : '(write-only)';
  if (value === undefined) return '(none)';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return sanitizeInline(JSON.stringify(value));
}

/** Whether a field is a documented default; `inherited` also counts fields under a defaulted object. */
export function isDefaulted(defaulted: readonly string[], pointer: string, inherited: boolean): boolean {
  return defaulted.some((d) => d === pointer || (inherited && pointer.startsWith(`${d}/`)));
}

/** Whether a value is expanded into its fields (plain non-empty objects, except the write-only password). */
export function isBranch(pointer: string, value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && !isWriteOnlyPointer(pointer) && Object.keys(value).length > 0;
}

/** The leaf fields of an object, depth first, in its own key order. */
export function listLeaves(value: unknown, pointer = ''): FieldLeaf[] {
  const leaves: FieldLeaf[] = [];
  collectLeaves(value, pointer, leaves);
  return leaves;
}

function collectLeaves(value: unknown, pointer: string, out: FieldLeaf[]): void {
  if (isBranch(pointer, value)) {
    for (const [key, child] of Object.entries(value)) collectLeaves(child, childPointer(pointer, key), out);
  } else if (pointer !== '' && value !== undefined) {
    out.push({ pointer, value });
  }
}

/** The leaf-level field changes of a change, read from its `patch` (whole-object ops expanded to their fields). */
export function listFieldChanges(change: Change): FieldChange[] {
  const out: FieldChange[] = [];
  for (const op of change.patch) {
    const before = readPointer(change.before, op.path);
    const after = op.op === 'remove' ? undefined : 'value' in op ? op.value : readPointer(change.after, op.path);
    collectFieldChanges(op.path, before, after, out);
  }
  return sortInFieldOrder(out, change);
}

/** Patches list ops in whatever order the differ walked; show them in the spec's field order instead. */
function sortInFieldOrder(fields: FieldChange[], change: Change): FieldChange[] {
  const rank = new Map<string, number>();
  for (const leaf of [...listLeaves(change.after), ...listLeaves(change.before)]) {
    if (!rank.has(leaf.pointer)) rank.set(leaf.pointer, rank.size);
  }
  const last = Number.MAX_SAFE_INTEGER;
  return fields.sort((a, b) => (rank.get(a.pointer) ?? last) - (rank.get(b.pointer) ?? last));
}

function collectFieldChanges(pointer: string, before: unknown, after: unknown, out: FieldChange[]): void {
  const expandable = (v: unknown) => v === undefined || isBranch(pointer, v);
  if ((isBranch(pointer, before) || isBranch(pointer, after)) && expandable(before) && expandable(after)) {
    const b = (before ?? {}) as Record<string, unknown>;
    const a = (after ?? {}) as Record<string, unknown>;
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
      collectFieldChanges(childPointer(pointer, key), b[key], a[key], out);
    }
    return;
  }
  if (before === undefined && after === undefined) return;
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  const kind = before === undefined ? 'add' : after === undefined ? 'remove' : 'replace';
  out.push({ pointer, kind, before, after });
}
