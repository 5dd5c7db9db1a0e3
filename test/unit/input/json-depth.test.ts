import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonOrUndefined } from '../../../src/api/errors.js';
import { isNestedDeeper, MAX_JSON_DEPTH } from '../../../src/input/json-depth.js';

const nested = (n: number) => JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`) as unknown;

/** The obvious walk (every node's Object.values, no early stop), as the reference the fast one must agree with. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

describe('isNestedDeeper: JSON too deep for the recursive walks after it', () => {
  it('counts arrays and objects, not scalars, and stops at the limit', () => {
    expect(isNestedDeeper(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(isNestedDeeper(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(isNestedDeeper({ a: { b: 'x' } }, 2)).toBe(false);
    expect(isNestedDeeper({ a: { b: {} } }, 2)).toBe(true);
    expect(isNestedDeeper('x', 0)).toBe(false);
  });

  it('agrees with the plain depth of any JSON value, at any limit', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, limit) => {
        expect(isNestedDeeper(value, limit)).toBe(depthOf(value) > limit);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads an own "__proto__" key as the value JSON.parse gave it', () => {
    expect(isNestedDeeper(JSON.parse('{"__proto__": {"a": {"b": {}}}}'), 3)).toBe(true);
    expect(isNestedDeeper(JSON.parse('{"__proto__": {"a": 1}}'), 2)).toBe(false);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(isNestedDeeper(nested(100_000))).toBe(true);
  });

  it('an API answer nested deeper than the limit is not taken as JSON (JSON.stringify of it would overflow)', () => {
    expect(parseJsonOrUndefined(JSON.stringify({ items: [] }))).toEqual({ items: [] });
    expect(parseJsonOrUndefined(`${'['.repeat(5000)}${']'.repeat(5000)}`)).toBeUndefined();
  });
});
