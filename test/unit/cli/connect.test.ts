import { describe, expect, it } from 'vitest';
import { parseMaxRps, parsePageSize } from '../../../src/cli/connect.js';
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

describe('PGENSURE_PAGE_SIZE', () => {
  it('is optional (the client then asks the SDK default of 100); a whole number 1..1000 is the page size', () => {
    expect(parsePageSize(undefined)).toBeUndefined();
    expect(parsePageSize('')).toBeUndefined();
    expect(parsePageSize('250')).toBe(250);
    expect(parsePageSize(' 1000 ')).toBe(1000);
    expect(parsePageSize('1')).toBe(1);
  });

  it.each(['0', '1001', '-5', '12.5', '1e3', '0x10', 'many', '100 items', '99999999999999999999'])(
    'refuses %s with a usage error that names the variable and the range',
    (value) => {
      expect(() => parsePageSize(value)).toThrow(UsageError);
      expect(() => parsePageSize(value)).toThrow(/^PGENSURE_PAGE_SIZE must be a whole number from 1 to 1000, got "/);
    },
  );

  it('shows a hostile value escaped and cut, never as raw lines', () => {
    let message = '';
    try {
      parsePageSize(`1\n::error::injected${'x'.repeat(100)}`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('\n');
    expect(message.length).toBeLessThan(140);
  });
});
