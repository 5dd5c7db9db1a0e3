import { describe, expect, it } from 'vitest';
import { isLabelKey, isLabelValue, matchesSelector, parseSelectorFlags } from '../../../src/desired/labels.js';
import { UsageError } from '../../../src/errors.js';

describe('label syntax (Kubernetes)', () => {
  it('takes a name, optionally after a lower-case DNS prefix', () => {
    for (const key of ['env', 'a', 'app.kubernetes.io/name', 'example.com/team', 'Tier_2', 'x'.repeat(63)]) {
      expect(isLabelKey(key), key).toBe(true);
    }
    for (const key of [
      '',
      '-env',
      'env-',
      'has space',
      'Example.com/team',
      'a/b/c',
      '/env',
      'x'.repeat(64),
      `${'a'.repeat(254)}/x`,
    ]) {
      expect(isLabelKey(key), key).toBe(false);
    }
  });

  it('takes values of at most 63 characters, or empty', () => {
    for (const value of ['', 'prod', 'v1.2-rc_3', 'x'.repeat(63)]) expect(isLabelValue(value), value).toBe(true);
    for (const value of ['-prod', 'prod.', 'a b', 'x'.repeat(64), 'é']) expect(isLabelValue(value), value).toBe(false);
  });
});

describe('--selector', () => {
  it('is KEY=VALUE, repeatable, and every label must match', () => {
    const selector = parseSelectorFlags(['env=prod', 'team=orders']);
    expect(selector).toEqual({ env: 'prod', team: 'orders' });
    expect(matchesSelector({ env: 'prod', team: 'orders', tier: '1' }, selector)).toBe(true);
    expect(matchesSelector({ env: 'prod' }, selector)).toBe(false);
    expect(matchesSelector(undefined, selector)).toBe(false);
    expect(matchesSelector(undefined, undefined)).toBe(true);
    expect(parseSelectorFlags(undefined)).toBeUndefined();
    expect(parseSelectorFlags(['empty='])).toEqual({ empty: '' });
  });

  it('refuses what is not a label, and a key given two values', () => {
    for (const bad of [['env'], ['=prod'], ['env=pr od'], ['Bad Key=x'], ['env=prod', 'env=dev']]) {
      expect(() => parseSelectorFlags(bad), bad.join(' ')).toThrow(UsageError);
    }
  });
});
