import { describe, expect, it } from 'vitest';
import { parseJsonOrUndefined } from '../../../src/api/errors.js';
import { isNestedDeeper, MAX_JSON_DEPTH } from '../../../src/input/json-depth.js';

const nested = (n: number) => JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`) as unknown;

describe('isNestedDeeper: JSON too deep for the recursive walks after it', () => {
  it('counts arrays and objects, not scalars, and stops at the limit', () => {
    expect(isNestedDeeper(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(isNestedDeeper(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(isNestedDeeper({ a: { b: 'x' } }, 2)).toBe(false);
    expect(isNestedDeeper({ a: { b: {} } }, 2)).toBe(true);
    expect(isNestedDeeper('x', 0)).toBe(false);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(isNestedDeeper(nested(100_000))).toBe(true);
  });

  it('an API answer nested deeper than the limit is not taken as JSON (JSON.stringify of it would overflow)', () => {
    expect(parseJsonOrUndefined(JSON.stringify({ items: [] }))).toEqual({ items: [] });
    expect(parseJsonOrUndefined(`${'['.repeat(5000)}${']'.repeat(5000)}`)).toBeUndefined();
  });
});
