/** Extra properties (`extraProperties`): properties the real API has and pgensure does not know (issue 9). */
import type { ClusterProperties } from '../api/types.js';
import type { RawProps } from './rules-checks.js';
import type { Problem } from './types.js';

/** The JSON type of a value, in the words of error messages. */
function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Splits the extra properties off a body's `properties` so the v2 rules never see them, and checks them: a value must
 * have the JSON type of its default (any type when the default is null); null counts as omitted.
 */
export function splitExtras(
  raw: RawProps,
  extras: Readonly<Record<string, unknown>>,
  out: Problem[],
): { known: RawProps; values: Record<string, unknown> } {
  const known: RawProps = {};
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!Object.hasOwn(extras, key)) known[key] = value;
    else if (value !== null && value !== undefined) {
      const expected = jsonTypeOf(extras[key]);
      if (expected !== 'null' && jsonTypeOf(value) !== expected) {
        out.push({
          errorCode: 'INVALID_TYPE',
          message: `properties.${key}: must be ${expected} (got ${jsonTypeOf(value)})`,
        });
      }
      values[key] = value;
    }
  }
  return { known, values };
}

/** Adds every extra property after the v2 ones: the value sent, else its default (a PUT resets what it omits). */
export function addExtras(
  properties: ClusterProperties,
  values: Record<string, unknown>,
  extras: Readonly<Record<string, unknown>>,
): ClusterProperties {
  const out = properties as ClusterProperties & Record<string, unknown>;
  for (const [key, fallback] of Object.entries(extras)) out[key] = structuredClone(values[key] ?? fallback);
  return out;
}
