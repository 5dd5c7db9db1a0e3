/** JSON pointers (RFC 6901) into cluster properties and spec documents: the one set of helpers everything uses. */

/** Escapes one pointer segment: `~` → `~0`, `/` → `~1`. */
export function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Undoes escapeSegment. */
export function unescapeSegment(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** `/instances` + `cores` → `/instances/cores`. */
export function childPointer(parent: string, key: string): string {
  return `${parent}/${escapeSegment(key)}`;
}

/** The unescaped segments of a pointer (`''` → `[]`). */
export function splitPointer(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeSegment);
}

/** `/instances/cores` → `instances.cores`, the spelling of spec files and messages. */
export function pointerToDotted(pointer: string): string {
  return splitPointer(pointer).join('.');
}

/** Reads a pointer from a plain JSON value; `undefined` when any step is missing. */
export function readPointer(value: unknown, pointer: string): unknown {
  let current = value;
  for (const key of splitPointer(pointer)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Whether `pointer` is `prefix` itself or lies below it (`/backup/location` is under `/backup`). */
export function isUnderPointer(pointer: string, prefix: string): boolean {
  return pointer === prefix || pointer.startsWith(`${prefix}/`);
}

/** Plain JSON objects (not arrays, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
