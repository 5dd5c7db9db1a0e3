import { describe, expect, it } from 'vitest';
import { parseMaxRps } from '../../../src/cli/connect.js';
import { UsageError } from '../../../src/errors.js';

describe('PGENSURE_MAX_RPS', () => {
  it('is optional; a positive number caps the pace', () => {
    expect(parseMaxRps(undefined)).toBeUndefined();
    expect(parseMaxRps(' ')).toBeUndefined();
    expect(parseMaxRps('12.5')).toBe(12.5);
  });

  it.each(['0', '-3', 'fast', 'Infinity'])('refuses %s with a usage error', (value) => {
    expect(() => parseMaxRps(value)).toThrow(UsageError);
  });
});
