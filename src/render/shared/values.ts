import { isWriteOnlyField } from '../../model/cluster-fields.js';
import { childPointer, isPlainObject } from '../../model/pointer.js';
import { sanitizeInline } from './text.js';

const PASSWORD_POINTER = '/credentials/password';

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
  if (pointer === PASSWORD_POINTER) return describePasswordRef(value);
  if (isWriteOnlyField(pointer)) return value === undefined ? '(write-only)' : formatPlain(value);
  if (value === undefined) return '(none)';
  return formatPlain(value);
}

function formatPlain(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return sanitizeInline(JSON.stringify(value) ?? String(value));
}

/** Whether a value is expanded into its fields (plain non-empty objects, except the write-only password). */
export function isBranch(pointer: string, value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && pointer !== PASSWORD_POINTER && Object.keys(value).length > 0;
}

/** Whether a field is a documented default; `inherited` also counts fields under a defaulted object. */
export function isDefaulted(defaulted: readonly string[], pointer: string, inherited: boolean): boolean {
  return defaulted.some((d) => d === pointer || (inherited && pointer.startsWith(`${d}/`)));
}

/** One leaf field of a properties object, addressed by JSON pointer. */
export interface FieldLeaf {
  pointer: string;
  value: unknown;
}

/** The leaf fields of an object, depth first, in its own key order. */
export function listLeaves(value: unknown, pointer = ''): FieldLeaf[] {
  const leaves: FieldLeaf[] = [];
  if (isBranch(pointer, value)) {
    for (const [key, child] of Object.entries(value)) leaves.push(...listLeaves(child, childPointer(pointer, key)));
  } else if (pointer !== '' && value !== undefined) {
    leaves.push({ pointer, value });
  }
  return leaves;
}
