import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasChanges } from '../../../src/plan/order.js';
import { MARKDOWN_MARKER, renderPlanMarkdown, summarizePlan } from '../../../src/render/index.js';
import { summarizeCounts } from '../../../src/render/plan/summary.js';
import { aCreate, aDelete, aLargePlan, aNoop, anUpdate, aPlan, aReplace } from './plan-builders.js';
import { SCENARIOS } from './scenarios.js';

const opts = { color: false };
// Mostly characters that mean something to Markdown/HTML, plus any code point at all.
const markdownishChar = fc.oneof(
  fc.constantFrom(...'|<>`\\*_[]~&#!\n\r\u001b\u2028'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/** Pipes a Markdown table would split a row on (those not escaped by an odd run of backslashes). */
function countCellSeparators(row: string): number {
  return [...row.matchAll(/(\\*)\|/g)].filter((m) => m[1]!.length % 2 === 0).length;
}

function tableRow(markdown: string, firstCell: string): string {
  const row = markdown.split('\n').find((line) => line.startsWith(`| ${firstCell} |`));
  if (!row) throw new Error(`no row for ${firstCell}`);
  return row;
}

describe('renderPlanMarkdown', () => {
  it('starts with the hidden marker, then the one-line summary with the worst impact', () => {
    for (const plan of Object.values(SCENARIOS)) {
      const [marker, summary] = renderPlanMarkdown(plan, opts).split('\n');
      expect(marker).toBe(MARKDOWN_MARKER);
      expect(summary).toMatch(/^### (Plan: \d+ to create|No changes\.)/);
      if (hasChanges(plan.summary)) expect(summary).toContain(`Worst impact: **${plan.impact}**`);
      else expect(summary).toBe(`### ${summarizePlan(plan)}`);
    }
  });

  it('warns only when the plan deletes or replaces', () => {
    expect(renderPlanMarkdown(SCENARIOS['replace-and-delete']!, opts)).toContain(
      '> **Warning: destructive changes.** This plan deletes 1 cluster and replaces 1 cluster',
    );
    expect(renderPlanMarkdown(SCENARIOS['update-with-defaults']!, opts)).not.toContain('Warning');
  });

  it('lists destructive changes, with reasons, before the table', () => {
    const md = renderPlanMarkdown(SCENARIOS['replace-and-delete']!, opts);
    const list = md.indexOf('#### Destructive changes');
    expect(list).toBeGreaterThan(0);
    expect(list).toBeLessThan(md.indexOf('| Cluster | Action | Impact |'));
    expect(md).toContain('- **delete** de-fra/old-reports (`');
    expect(md).toContain('): policy.ensure is absent\n');
  });

  it('rates impact per change from the field table: destructive, downtime, switchover, none', () => {
    const plan = aPlan([
      aDelete('de-fra/a'),
      aReplace('de-fra/b', { after: { backup: { location: 'eu-central-3', retentionDays: 7 } } }),
      aCreate('de-fra/c'),
      anUpdate('de-fra/d', { after: { version: '17' } }),
      anUpdate('de-fra/e', { after: { replicationMode: 'STRICTLY_SYNCHRONOUS' } }),
      anUpdate('de-fra/f', { after: { instances: { count: 1, cores: 2, ram: 8, storageSize: 20 } } }),
      anUpdate('de-fra/g', { after: { description: 'renamed' } }),
    ]);
    const md = renderPlanMarkdown(plan, opts);
    const impact = (name: string) => tableRow(md, `de-fra/${name}`).slice(0, -2).split(' | ')[2];
    expect(['a', 'b'].map(impact)).toEqual(['**destructive**, irreversible', '**destructive**, irreversible']);
    expect(['c', 'g'].map(impact)).toEqual(['none', 'none']);
    // A major upgrade cannot be undone; a single instance has no standby, so scaling it means downtime.
    expect(['d', 'e', 'f'].map(impact)).toEqual(['**downtime**, irreversible', '**switchover**', '**downtime**']);
  });

  it('marks defaults and write-only fields in the per-field details', () => {
    const md = renderPlanMarkdown(SCENARIOS['update-with-defaults']!, opts);
    expect(md).toContain('| connectionPooler | "TRANSACTION" | "DISABLED" _(default)_ |');
    const create = renderPlanMarkdown(SCENARIOS['all-creates']!, opts);
    expect(create).toContain('| credentials.password | _(write-only, from env ORDERS\\_PG\\_PASSWORD)_ |');
  });

  it('collapses no-ops into one details list', () => {
    const md = renderPlanMarkdown(SCENARIOS['update-with-defaults']!, opts);
    expect(md).toContain(
      '<details><summary>2 unchanged clusters</summary>\n\n- de-fra/catalog\n- fr-par/sessions\n\n</details>',
    );
    // With at most 20 changes, no change's fields hide behind a click.
    expect(md).not.toMatch(/<details><summary>(update|create|delete|replace) /);
  });

  it('shows every field change of a 5-change plan outside any collapsed block', () => {
    const plan = aPlan([
      anUpdate('de-fra/a', { after: { instances: { count: 1, cores: 8, ram: 4, storageSize: 20 } } }),
      anUpdate('de-fra/b', { after: { description: 'renamed' } }),
      anUpdate('de-fra/c', { after: { version: '17' } }),
      aCreate('de-fra/d'),
      aDelete('de-fra/e'),
    ]);
    const md = renderPlanMarkdown(plan, opts);
    const outside = md.replace(/<details>[\s\S]*?<\/details>/g, '');
    expect(outside).toContain('| instances.cores | 2 | 8 | **downtime**');
    expect(outside).toContain('| description | "b database" | "renamed" | none |');
    expect(outside).toContain('| version | "16" | "17" | **downtime**, irreversible');
    expect(outside).toContain('##### create de-fra/d');
    expect(outside).toContain('##### delete de-fra/e');
  });

  it('escapes |, <, >, backticks from user data so table rows keep their columns', () => {
    fc.assert(
      fc.property(fc.string({ unit: markdownishChar, maxLength: 60 }), (description) => {
        const md = renderPlanMarkdown(aPlan([aCreate('de-fra/db', { after: { description } })]), opts);
        const row = tableRow(md, 'description');
        expect(countCellSeparators(row)).toBe(3);
        expect(row.slice(2, -2)).not.toMatch(/[<>\n]|(^|[^\\])`/);
      }),
      { numRuns: 300 },
    );
  });

  it('never leaves raw HTML from user data, in cells or in <summary>', () => {
    const md = renderPlanMarkdown(SCENARIOS['hostile-user-data']!, opts);
    expect(md).not.toContain('<script');
    expect(md).not.toContain('<name>');
    expect(md).toContain('- de-fra/we\\|rd&lt;name&gt;\\` (`');
  });

  it('defuses GitHub @mentions and #references in user data, and leaves e-mail addresses alone', () => {
    const md = renderPlanMarkdown(SCENARIOS['hostile-user-data']!, opts);
    expect(md).toContain('@&#8203;org/db-admins #&#8203;42 bob@example.com');
    // As GitHub reads it: the entity becomes a zero-width space, and no sign is left directly before a word.
    const shown = md.replaceAll('&#8203;', '\u200b');
    expect(shown).not.toMatch(/(^|[^\w@#])[@#]\w/m);
  });

  it('is not truncated when it fits', () => {
    for (const plan of Object.values(SCENARIOS)) expect(renderPlanMarkdown(plan, opts)).not.toMatch(/truncated/i);
  });
});

describe('renderPlanMarkdown size cap', () => {
  const large = aLargePlan(5000);

  it('keeps a 5,000-cluster plan under the default cap, visibly truncated, marker and summary kept', () => {
    const md = renderPlanMarkdown(large, { color: false, planArtifact: 'artifacts/plan.json' });
    expect(md.length).toBeLessThanOrEqual(60_000);
    expect(md.startsWith(`${MARKDOWN_MARKER}\n### ${summarizeCounts(large)} Worst impact: **destructive**`)).toBe(true);
    expect(md).toContain('> **This comment was truncated**');
    expect(md).toContain('The full plan is in the JSON artefact `artifacts/plan.json`.');
    expect(md).toMatch(
      /_Truncated here: \d+ more changes in the table are not shown, nor is anything after this point\./,
    );
  });

  it('matches the reviewed golden for a 5,000-cluster plan (test/fixtures/render-capped/large-5000-truncated)', async () => {
    const md = renderPlanMarkdown(large, { color: false, planArtifact: 'artifacts/plan.json' });
    await expect(md).toMatchFileSnapshot('../../fixtures/render-capped/large-5000-truncated/expected.md');
  });

  it('keeps the whole destructive list and a prefix of the table when truncating', () => {
    const md = renderPlanMarkdown(large, opts);
    const destructive = large.changes.filter((c) => c.action === 'delete' || c.action === 'replace');
    for (const change of destructive) expect(md).toContain(`** ${change.address} (`);
    const rows = md.split('\n').filter((line) => /^\| de-fra\//.test(line));
    expect(rows.length).toBeGreaterThan(100);
    const expected = large.changes.filter((c) => c.action !== 'noop').slice(0, rows.length);
    expect(rows.map((row) => row.split(' | ')[0]!.slice(2))).toEqual(expected.map((c) => c.address));
    expect(md).not.toContain('#### Details');
  });

  it('names the JSON artefact even without planArtifact', () => {
    expect(renderPlanMarkdown(large, opts)).toContain(
      'The full plan is in the JSON plan artefact (`pgensure plan --out FILE`).',
    );
  });

  it('never exceeds maxChars, closes what it opens, and is the full comment whenever that fits', () => {
    const plans = [aLargePlan(300, 30), SCENARIOS['replace-and-delete']!, SCENARIOS['unmanaged-only']!];
    const full = plans.map((plan) => renderPlanMarkdown(plan, { color: false, maxChars: 1e9 }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: plans.length - 1 }), fc.integer({ min: 0, max: 40_000 }), (i, maxChars) => {
        const md = renderPlanMarkdown(plans[i]!, { color: false, maxChars });
        expect(md.length).toBeLessThanOrEqual(maxChars);
        if (full[i]!.length <= maxChars) expect(md).toBe(full[i]);
        if (maxChars >= 2000) {
          expect(md.startsWith(MARKDOWN_MARKER)).toBe(true);
          expect(md.match(/<details/g)?.length ?? 0).toBe(md.match(/<\/details>/g)?.length ?? 0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the marker and the truncation notice even with a tiny cap', () => {
    const md = renderPlanMarkdown(aPlan([aNoop('de-fra/a'), aDelete('de-fra/b')]), { color: false, maxChars: 700 });
    expect(md.length).toBeLessThanOrEqual(700);
    expect(md).toContain(MARKDOWN_MARKER);
    expect(md).toContain('This comment was truncated');
  });
});
