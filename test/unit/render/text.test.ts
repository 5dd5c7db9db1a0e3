import { describe, expect, it } from 'vitest';
import { renderPlanText } from '../../../src/render/index.js';
import { aCreate, aDelete, aNoop, anUnmanaged, anUpdate, aPlan, aReplace } from './plan-builders.js';
import { SCENARIOS } from './scenarios.js';

const ESC = '\u001b';
const mixed = aPlan([
  aDelete('de-fra/a-gone'),
  aReplace('de-fra/b-moved', { after: { backup: { location: 'eu-central-3', retentionDays: 7 } } }),
  aCreate('de-fra/c-new'),
  anUpdate('de-fra/d-grown', { after: { version: '17' } }),
  aNoop('de-fra/e-same'),
]);

describe('renderPlanText', () => {
  it('colours each action symbol when colour is on', () => {
    const out = renderPlanText(mixed, { color: true });
    expect(out).toContain(`${ESC}[31m  -${ESC}[0m de-fra/a-gone`);
    expect(out).toContain(`${ESC}[35m-/+${ESC}[0m de-fra/b-moved`);
    expect(out).toContain(`${ESC}[32m  +${ESC}[0m de-fra/c-new`);
    expect(out).toContain(`${ESC}[33m  ~${ESC}[0m de-fra/d-grown`);
  });

  it('writes no ANSI escape at all when colour is off, even for hostile user data', () => {
    for (const plan of [mixed, ...Object.values(SCENARIOS)]) {
      expect(renderPlanText(plan, { color: false })).not.toContain(ESC);
    }
  });

  it('keeps the plan order of changes', () => {
    const out = renderPlanText(mixed, { color: false });
    const order = ['a-gone', 'b-moved', 'c-new', 'd-grown'].map((name) => out.indexOf(`de-fra/${name} (`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  it('shows an update as its changed fields only, old → new', () => {
    const plan = aPlan([
      anUpdate('de-fra/db', {
        before: { instances: { count: 1, cores: 2, ram: 4, storageSize: 20 } },
        after: { instances: { count: 1, cores: 8, ram: 4, storageSize: 20 } },
      }),
    ]);
    const out = renderPlanText(plan, { color: false });
    // One instance has no standby to switch to: vertical scaling means downtime (product.md §8).
    expect(out).toContain('  ~ instances.cores: 2 → 8 [downtime]\n');
    expect(out).not.toContain('instances.ram');
    expect(out).not.toContain('credentials');
  });

  it('marks defaulted fields of a create, and only those', () => {
    const plan = aPlan([aCreate('de-fra/db', { after: { logsEnabled: false }, defaulted: ['/logsEnabled'] })]);
    const out = renderPlanText(plan, { color: false });
    expect(out).toContain('+ logsEnabled: false (default)\n');
    expect(out).toContain('+ metricsEnabled: true\n');
  });

  it('shows why a replace happens and which field forces it', () => {
    const plan = aPlan([
      aReplace('de-fra/db', {
        after: { backup: { location: 'eu-central-3', retentionDays: 7 } },
        reasons: ['backup.location is immutable'],
      }),
    ]);
    const out = renderPlanText(plan, { color: false });
    expect(out).toContain('# backup.location is immutable\n');
    expect(out).toContain(
      '~ backup.location: "de" → "eu-central-3" [destructive, irreversible] # forces replacement\n',
    );
    expect(out).toContain('will be replaced (deleted, then created) [destructive, irreversible]\n');
  });

  it('strikes every field of a deleted cluster', () => {
    const out = renderPlanText(aPlan([aDelete('de-fra/db')]), { color: false });
    expect(out).toContain('  - de-fra/db (');
    expect(out).toContain('      - instances:\n          - count: 1\n');
  });

  it('only counts no-ops when something changes, and lists them when nothing does', () => {
    expect(renderPlanText(mixed, { color: false })).not.toContain('de-fra/e-same');
    const quiet = renderPlanText(aPlan([aNoop('de-fra/e-same')]), { color: false });
    expect(quiet).toContain('  = de-fra/e-same (');
    expect(quiet.trimEnd().split('\n').at(-1)).toBe('No changes. 1 unchanged.');
  });

  it('lists unmanaged clusters and ends with the summary line', () => {
    const plan = aPlan([aCreate('de-fra/db')], [anUnmanaged('de-txl/legacy', { state: 'FAILED' })]);
    const out = renderPlanText(plan, { color: false });
    expect(out).toContain('1 cluster is not managed by any file; pgensure never touches it:\n    de-txl/legacy (');
    expect(out).toContain(', FAILED)');
    expect(
      out.endsWith(
        'Plan: 1 to create, 0 to update, 0 to replace, 0 to delete, 0 unchanged. Worst impact: none (no effect on the running database).\n',
      ),
    ).toBe(true);
  });

  it('prints user strings as one inert line (no raw newline or control character)', () => {
    const plan = aPlan([aCreate('de-fra/db', { after: { description: 'one\ntwo\u009b\u202e' } })]);
    const line = renderPlanText(plan, { color: false })
      .split('\n')
      .find((l) => l.includes('description'));
    expect(line).toBe('      + description: "one\\ntwo\\u009b\\u202e"');
  });
});
