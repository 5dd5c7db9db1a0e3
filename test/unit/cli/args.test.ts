import { describe, expect, it } from 'vitest';
import {
  NETWORK_OPTIONS,
  parseChoice,
  parseCommandArgs,
  parseDuration,
  parsePositiveInt,
  parseRegions,
} from '../../../src/cli/args.js';
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

  it('guesses flags with a transposition, and completes a unique beginning', () => {
    expect(usageErrorOf(() => parseCommandArgs('plan', ['--taregt', 'x'], OPTIONS)).message).toBe(
      'plan: unknown flag --taregt (did you mean --target?)',
    );
    expect(usageErrorOf(() => parseCommandArgs('apply', ['--auto'], OPTIONS)).message).toBe(
      'apply: unknown flag --auto (did you mean --auto-approve?)',
    );
  });

  it.each([
    [['--out'], 'plan: --out needs a value'],
    [['--out', '--region', 'de-fra'], 'plan: --out needs a value, but the next word is a flag'],
    [['--no-color=false'], 'plan: --no-color takes no value'],
    [['--out='], 'plan: --out needs a value (got "")'],
    [['--region', ''], 'plan: --region needs a value (got "")'],
  ])('rephrases %j plainly', (argv, message) => {
    const error = usageErrorOf(() => parseCommandArgs('plan', argv, OPTIONS));
    expect(error.message.startsWith(message), error.message).toBe(true);
    expect(error.hint).toBe("run 'pgensure plan --help'");
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

  it('refuses a --poll-interval under its 20ms floor (0 polled in a tight loop: 222 GETs in 2 s)', () => {
    for (const value of ['0', '0ms', '19ms', '0.01']) {
      expect(usageErrorOf(() => parseDuration('poll-interval', value, 2000)).message).toBe(
        `--poll-interval must be at least 20ms (got "${value}"): a shorter interval only spends the API's rate limit`,
      );
    }
    expect(parseDuration('poll-interval', '20ms', 2000)).toBe(20);
    expect(parseDuration('wait-timeout', '0', 1)).toBe(0); // other durations may be 0
  });

  it('reads regions, comma-separated or repeated, sorted and unique', () => {
    expect(parseRegions(['fr-par,de-fra', 'de-fra'])).toEqual(['de-fra', 'fr-par']);
    expect(() => parseRegions(['de-muc'])).toThrow(/unknown region "de-muc"/);
  });

  it.each([
    ['de-fr', 'de-fra'],
    ['defra', 'de-fra'],
    ['DE-FRA', 'de-fra'],
    ['us-ewt', 'us-ewr'],
  ])('guesses the region meant by %s', (typed, meant) => {
    const error = usageErrorOf(() => parseRegions([`fr-par,${typed}`]));
    expect(error.message).toBe(`--region: unknown region "${typed}" (did you mean "${meant}"?)`);
    expect(error.hint).toMatch(/^regions: de-txl de-fra /);
  });

  it('names the choices of a fixed-value flag and guesses the one meant', () => {
    const error = usageErrorOf(() => parseChoice('format', 'jsno', ['text', 'json', 'markdown'], 'text'));
    expect(error.message).toBe(
      '--format must be one of text, json, markdown (got "jsno") (did you mean --format json?)',
    );
    expect(error.hint).toBe('e.g. --format text');
    expect(usageErrorOf(() => parseChoice('format', 'yaml', ['text', 'json'], 'text')).message).toBe(
      '--format must be one of text, json (got "yaml")',
    );
  });

  it('says how to write a duration and a count', () => {
    expect(usageErrorOf(() => parseDuration('wait-timeout', '5min', 0)).hint).toBe(
      'one number and one unit (ms, s, m, h) with no space, e.g. --wait-timeout 90s or --wait-timeout 5m',
    );
    expect(usageErrorOf(() => parsePositiveInt('parallelism', '0', 10)).hint).toBe('e.g. --parallelism 10');
  });
});
