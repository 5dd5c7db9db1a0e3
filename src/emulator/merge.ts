/** The console-edit merge of the admin API and of scheduled edits. */

type Body = Record<string, unknown>;

/** Whether a value is a plain JSON object. */
export function isPlainObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge recursively; null deletes a key (an optional goes back to its default); anything else replaces. */
export function mergeDeep(base: Body, patch: Body): Body {
  const out: Body = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    if (value === null) delete out[key];
    else if (isPlainObject(value) && isPlainObject(current)) out[key] = mergeDeep(current, value);
    else out[key] = value;
  }
  return out;
}
