/** A copy with `keys` first (when present), then any other keys in their own order. */
export function orderKeys(value: object, keys: readonly string[]): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (Object.hasOwn(source, key)) out[key] = source[key];
  for (const [key, child] of Object.entries(source)) if (!Object.hasOwn(out, key)) out[key] = child;
  return out;
}
