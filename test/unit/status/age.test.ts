import { describe, expect, it } from 'vitest';
import { describeAge } from '../../../src/status/index.js';

describe('describeAge', () => {
  it.each([
    [0, '0s'],
    [-5000, '0s'],
    [59_999, '59s'],
    [60_000, '1m'],
    [3_599_999, '59m'],
    [3_600_000, '1h'],
    [5_400_000, '1h 30m'],
    [86_400_000, '24h'],
    [47 * 3_600_000 + 59 * 60_000, '47h 59m'],
    [48 * 3_600_000, '2d'],
    [76 * 3_600_000, '3d 4h'],
  ])('%i ms → %s', (ms, words) => {
    expect(describeAge(ms)).toBe(words);
  });
});
