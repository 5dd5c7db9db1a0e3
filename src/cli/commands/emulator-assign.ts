/** `KEY=VALUE` / `KEY:=JSON` arguments of `pgensure emulator edit|seed`, and the field diff printed after an edit. */
import { UsageError } from '../../errors.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readAt(root: unknown, path: string[]): unknown {
  let value = root;
  for (const key of path) value = isObject(value) ? value[key] : undefined;
  return value;
}

/** A VALUE typed like the value it replaces: strings stay strings, numbers and booleans are parsed, else JSON. */
function typedValue(key: string, raw: string, current: unknown): unknown {
  if (typeof current === 'string') return raw;
  if (typeof current === 'number') {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${key}: expected a number (got "${raw}")`);
    return n;
  }
  if (typeof current === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw new UsageError(`${key}: expected true or false (got "${raw}")`);
    return raw === 'true';
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/**
 * Builds a deep-partial patch from `a.b=value` and `a.b:=JSON` arguments; `reference` (the live cluster's or the
 * sample's properties) gives each VALUE its type. Keys are dotted paths into the v2 properties.
 */
export function parseAssignments(args: readonly string[], reference: unknown): Json {
  const patch: Json = {};
  for (const arg of args) {
    const match = /^([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)(:?=)(.*)$/s.exec(arg);
    if (match === null) {
      throw new UsageError(`"${arg}" is not KEY=VALUE or KEY:=JSON`, {
        hint: 'e.g. instances.cores=8 description="nightly" logsEnabled:=true',
      });
    }
    const [, key, operator, raw] = match as unknown as [string, string, string, string];
    const path = key.split('.');
    let value: unknown;
    if (operator === ':=') {
      try {
        value = JSON.parse(raw) as unknown;
      } catch {
        throw new UsageError(`${key}: ${raw} is not valid JSON (KEY:=JSON)`);
      }
    } else value = typedValue(key, raw, readAt(reference, path));
    setAt(patch, path, value);
  }
  return patch;
}

function setAt(root: Json, path: string[], value: unknown): void {
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Json;
  }
  node[path[path.length - 1]!] = value;
}

function leaves(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (isObject(value)) for (const [k, v] of Object.entries(value)) leaves(v, prefix === '' ? k : `${prefix}.${k}`, out);
  else out.set(prefix, value);
  return out;
}

/** `path before → after` for every leaf that differs, in the order of the properties. */
export function describeChanges(before: unknown, after: unknown): string[] {
  const a = leaves(before, '', new Map());
  const b = leaves(after, '', new Map());
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys
    .filter((k) => JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k)))
    .map((k) => `${k}: ${JSON.stringify(a.get(k)) ?? '(none)'} → ${JSON.stringify(b.get(k)) ?? '(none)'}`);
}
