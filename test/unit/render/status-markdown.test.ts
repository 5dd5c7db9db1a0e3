import { describe, expect, it } from 'vitest';
import { renderStatusMarkdown, STATUS_MARKDOWN_MARKER } from '../../../src/render/index.js';
import { aBackup, aManaged, aMixedReport, statusOf } from '../status/builders.js';

describe('renderStatusMarkdown', () => {
  it('starts with the marker the GitHub Action looks for, then the verdict', () => {
    const markdown = renderStatusMarkdown(aMixedReport(), { color: false });
    expect(STATUS_MARKDOWN_MARKER).toBe('<!-- pgensure-status -->');
    expect(markdown.startsWith(`${STATUS_MARKDOWN_MARKER}\n### Unhealthy: 4 of 5 managed clusters`)).toBe(true);
  });

  it('lists the problems with their reasons before a table of every cluster, problems first', () => {
    const markdown = renderStatusMarkdown(aMixedReport(), { color: false });
    expect(markdown).toContain('- **de-fra/billing-prod**: FAILED: "disk full on replica 2"\n');
    expect(markdown.indexOf('#### Problems')).toBeLessThan(markdown.indexOf('#### Clusters'));
    expect(markdown).toContain(
      '| ok | de-fra/orders-prod | AVAILABLE | 16 | 1 × 2c/4GB/20GB | eu-central-3 active | 2030-12-21 18:00 → now | pg-orders-prod.postgresql.de-fra.ionos.com |\n',
    );
    const rows = markdown.split('\n').filter((line) => /^\| (\*\*UNHEALTHY\*\*|ok|absent) \|/.test(line));
    expect(rows.map((row) => row.split(' | ')[0])).toEqual([
      '| **UNHEALTHY**',
      '| **UNHEALTHY**',
      '| **UNHEALTHY**',
      '| **UNHEALTHY**',
      '| ok',
      '| absent',
    ]);
    expect(markdown).toContain('#### Not checked (ensure: absent)\n\n- de-fra/retired: ensure: absent');
    expect(markdown).toMatch(
      /<sub>pgensure status format 1 · regions read: de-fra · max recovery age 1h · 2030-12-24T18:00:00\.000Z<\/sub>\n$/,
    );
  });

  it('escapes live data: no HTML, no broken table, no mention, one line', () => {
    const { doc, live } = aManaged('hostile', 'FAILED');
    live.metadata.statusMessage = '<img src=x> | @platform-team see #12\nnext `line`';
    live.metadata.dnsName = 'a|b<script>.example.com';
    const markdown = renderStatusMarkdown(statusOf([doc], [live], [aBackup(live.id)]), { color: false });
    expect(markdown).not.toMatch(/<img|<script/);
    expect(markdown).toContain('&lt;img src=x&gt; \\| @&#8203;platform-team see #&#8203;12\\\\nnext \\`line\\`');
    expect(markdown).toContain('| a\\|b&lt;script&gt;.example.com |');
    const row = markdown.split('\n').find((line) => line.includes('de-fra/hostile |'))!;
    expect(row.split(/(?<!\\)\|/)).toHaveLength(10); // 8 cells between 9 pipes: nothing broke out of a cell
  });

  it('stays under its cap, visibly truncated, with the problems kept first', () => {
    const managed = Array.from({ length: 2000 }, (_, i) => aManaged(`cluster-${String(i).padStart(4, '0')}`));
    const report = statusOf(
      managed.map((m) => m.doc),
      managed.map((m) => m.live),
      managed.slice(10).map(({ live }) => aBackup(live.id)),
    );
    const markdown = renderStatusMarkdown(report, { color: false, maxChars: 20_000 });
    expect(markdown.length).toBeLessThanOrEqual(20_000);
    expect(markdown.startsWith(STATUS_MARKDOWN_MARKER)).toBe(true);
    expect(markdown).toContain('**This report was truncated** to stay under 20000 characters');
    expect(markdown).toContain('The full report: `pgensure status --format json`.');
    expect(markdown).toContain('- **de-fra/cluster-0009**: no active backup');
    expect(markdown).toMatch(/_Truncated here: \d+ more cluster rows are not shown/);
    const whole = renderStatusMarkdown(report, { color: false });
    expect(whole.length).toBeLessThanOrEqual(60_000);
  });
});
