import { describe, expect, it } from 'vitest';
import { NETWORK_OPTIONS, parseCommandArgs, parseDuration, parseRegions } from '../../../src/cli/args.js';
import { UsageError } from '../../../src/errors.js';

const OPTIONS = { ...NETWORK_OPTIONS, 'auto-approve': { type: 'boolean' }, out: { type: 'string' } } as const;

function usageErrorOf(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('parseCommandArgs', () => {
  it('names an unknown flag and guesses the one meant, without parseArgs advice on positionals', () => {
    const error = usageErrorOf(() => parseCommandArgs('apply', ['dir', '--auto-aprove'], OPTIONS));
    expect(error.message).toBe('apply: unknown flag --auto-aprove (did you mean --auto-approve?)');
    expect(error.hint).toBe("run 'pgensure apply --help'");
  });

  it('guesses nothing when no flag is close', () => {
    const error = usageErrorOf(() => parseCommandArgs('plan', ['--timeout', '5s'], OPTIONS));
    expect(error.message).toBe('plan: unknown flag --timeout');
  });

  it('keeps parseArgs words for other mistakes, such as a missing value', () => {
    const error = usageErrorOf(() => parseCommandArgs('plan', ['--out'], OPTIONS));
    expect(error.message).toMatch(/^plan: Option '--out <value>' argument missing/);
  });

  it('parses flags and positionals', () => {
    const { values, positionals } = parseCommandArgs('plan', ['a', '--region', 'de-fra', '--no-color'], OPTIONS);
    expect(positionals).toEqual(['a']);
    expect(values).toMatchObject({ region: ['de-fra'], 'no-color': true });
  });
});

describe('flag values', () => {
  it('reads durations with units, bare numbers as seconds', () => {
    expect(parseDuration('wait-timeout', '500ms', 0)).toBe(500);
    expect(parseDuration('wait-timeout', '2m', 0)).toBe(120_000);
    expect(parseDuration('wait-timeout', '3', 0)).toBe(3000);
    expect(parseDuration('wait-timeout', undefined, 7)).toBe(7);
    expect(() => parseDuration('wait-timeout', 'soon', 0)).toThrow(/--wait-timeout must be a duration/);
  });

  it('reads regions, comma-separated or repeated, sorted and unique', () => {
    expect(parseRegions(['fr-par,de-fra', 'de-fra'])).toEqual(['de-fra', 'fr-par']);
    expect(() => parseRegions(['de-muc'])).toThrow(/unknown region "de-muc"/);
  });
});
