import { StringCache } from '../model/string-cache.js';

/**
 * The strings a normalised document keeps. A value read from a spec file is a slice of the file's text and keeps the
 * whole text alive (V8 slices strings of 13 characters or more instead of copying them), and most values repeat
 * across a fleet ("16", "eu-central-3", a datacenter id). Each kept value is therefore a copy, shared where it
 * repeats (StringCache): 10,000 documents hold one "eu-central-3", and none of the files' texts once loading is done.
 */

const shared = new StringCache(copyString);

/** The shared copy of `value` (equal to it, independent of the text it was read from). */
export function keepString(value: string): string {
  return shared.share(value);
}

/** Strings, shared; objects and arrays copied with their strings kept; anything else as it is. */
export function keepValue(value: unknown): unknown {
  if (typeof value === 'string') return keepString(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(keepValue);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = keepValue((value as Record<string, unknown>)[key]);
  return out;
}

/**
 * A copy that does not share the original's storage: joining a character forces V8 to build a new flat string,
 * and the slice of it keeps only that. Short strings are copied by V8 already when they are sliced.
 */
function copyString(value: string): string {
  return value.length < 13 ? value : `${value} `.slice(0, value.length);
}
