import jsonpatch from 'fast-json-patch';
import type { PatchOp } from './types.js';

/** RFC 6902 operations turning `before` into `after`. The only place that imports fast-json-patch. */
export function diffProperties(before: object, after: object): PatchOp[] {
  // fast-json-patch's default import: named imports crash under plain node (CJS interop).
  return jsonpatch.compare(before, after).map((operation) => {
    const op = operation as { op: string; path: string; value?: unknown };
    if (op.op !== 'add' && op.op !== 'remove' && op.op !== 'replace') return { op: 'replace', path: op.path };
    return op.op === 'remove' ? { op: 'remove', path: op.path } : { op: op.op, path: op.path, value: op.value };
  });
}

/** Reads a JSON pointer (`/instances/cores`) from a plain object; undefined when absent. */
export function readPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let current: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
