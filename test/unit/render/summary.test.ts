import { describe, expect, it } from 'vitest';
import { summarizePlan } from '../../../src/render/index.js';
import { aCreate, aDelete, aNoop, anUnmanaged, anUpdate, aPlan } from './plan-builders.js';

describe('summarizePlan', () => {
  it('counts every action in one line and names the worst impact', () => {
    const plan = aPlan([
      aDelete('de-fra/a'),
      aCreate('de-fra/b'),
      anUpdate('de-fra/c'),
      anUpdate('de-fra/d'),
      aNoop('de-fra/e'),
    ]);
    expect(summarizePlan(plan)).toBe(
      'Plan: 1 to create, 2 to update, 0 to replace, 1 to delete, 1 unchanged. Worst impact: destructive (the cluster and its data are deleted; some of it cannot be undone).',
    );
  });

  it('says "No changes." when nothing would be written, unmanaged clusters notwithstanding', () => {
    expect(summarizePlan(aPlan([aNoop('de-fra/a'), aNoop('de-fra/b')], [anUnmanaged('de-fra/x')]))).toBe(
      'No changes. 2 unchanged.',
    );
    expect(summarizePlan(aPlan([]))).toBe('No changes. 0 unchanged.');
  });
});
