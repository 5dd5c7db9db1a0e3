import { describe, expect, it } from 'vitest';
import { renderStatusText } from '../../../src/render/index.js';
import type { StatusReport } from '../../../src/status/index.js';
import { aBackup, ago, aManaged, aMixedReport, DAY, statusOf } from '../status/builders.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI colour codes
const ANSI = /\u001b\[\d+m/g;

/** The table's lines: from the header line to the blank line after it. */
function tableOf(text: string): string[] {
  const lines = text.replace(ANSI, '').split('\n');
  const start = lines.findIndex((line) => line.startsWith('HEALTH'));
  const end = lines.indexOf('', start);
  return lines.slice(start, end);
}

/** Every column starts where its header starts, after at least two spaces, in every row. */
function expectAligned(table: readonly string[]): void {
  const header = table[0]!;
  const starts = [...header.matchAll(/(?<= {2})\S/g)].map((match) => match.index!);
  expect(starts.length).toBe(7);
  for (const row of table.slice(1)) {
    const chars = [...row];
    for (const start of starts) expect(chars.slice(start - 2, start + 1).join(''), row).toMatch(/^ {2}\S$/);
  }
}

function aFleet(count: number, nameOf: (i: number) => string): StatusReport {
  const managed = Array.from({ length: count }, (_, i) => aManaged(nameOf(i), i % 7 === 3 ? 'FAILED' : 'AVAILABLE'));
  const backups = managed.filter((_, i) => i % 5 !== 1).map(({ live }) => aBackup(live.id, {}, ago(DAY)));
  return statusOf(
    managed.map((m) => m.doc),
    managed.map((m) => m.live),
    backups,
  );
}

describe('renderStatusText', () => {
  it('puts the problems first, each with its reason and the statusMessage quoted, then the table and a verdict', () => {
    const text = renderStatusText(aMixedReport(), { color: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Problems:');
    expect(text).toContain('  ! de-fra/billing-prod');
    expect(text).toMatch(/! de-fra\/billing-prod +FAILED: "disk full on replica 2"\n/);
    expect(text).toMatch(/! de-fra\/analytics +no active backup: the newest backup \(b-id-analytics\) is inactive/);
    expect(text).toMatch(/! de-fra\/new-service +missing: no live cluster in de-fra is named "new-service"/);
    expect(text).toContain('is 3h old, older than --max-recovery-age 1h');
    expect(lines.at(-2)).toBe(
      'Unhealthy: 4 of 5 managed clusters (1 missing, 1 not AVAILABLE, 1 without an active backup, 1 with a recovery point older than 1h). 1 document with ensure: absent is not checked.',
    );
    expect(text).toContain(
      'Not checked:\n  - de-fra/retired: ensure: absent, but the cluster still exists (AVAILABLE)',
    );
  });

  it('shows the healthy cluster with its recovery window, its backup and its DNS name', () => {
    const table = tableOf(renderStatusText(aMixedReport(), { color: false }));
    const row = table.find((line) => line.includes('de-fra/orders-prod'))!;
    expect(row).toMatch(
      /^ok +de-fra\/orders-prod +AVAILABLE +16 +1 × 2c\/4GB\/20GB +eu-central-3 active +2030-12-21 18:00 → now +pg-orders-prod\.postgresql\.de-fra\.ionos\.com$/,
    );
    const stale = table.find((line) => line.includes('reporting'))!;
    expect(stale).toContain('2030-12-22 18:00 → 2030-12-24 15:00 (3h ago)');
    expect(table.find((line) => line.includes('new-service'))).toMatch(/^UNHEALTHY +de-fra\/new-service +missing +- /);
    expect(table.find((line) => line.includes('analytics'))).toContain('eu-central-3 inactive');
    expect(table.at(-1)).toMatch(/^absent +de-fra\/retired +AVAILABLE/);
  });

  it('stays aligned with long names: a 63-character name is cut in the middle, its problem line shows it whole', () => {
    const long = (i: number) =>
      `${'orders-service-with-a-long-and-descriptive-name-'.padEnd(59, 'x')}-${String(i).padStart(3, '0')}`;
    const report = aFleet(200, (i) => (i % 3 === 0 ? long(i) : `db-${i}`));
    const text = renderStatusText(report, { color: false });
    const table = tableOf(text);
    expect(table).toHaveLength(201);
    expectAligned(table);
    // Both ends kept: names that share a long prefix still differ in the table.
    const [start, end] = [...table[0]!.matchAll(/(?<= {2})\S/g)].slice(0, 2).map((match) => match.index!);
    const cells = table.slice(1).map((row) => [...row].slice(start, end).join('').trim());
    expect(new Set(cells).size).toBe(200);
    expect(cells).toContain('de-fra/orders-servic…ame-xxxxxxxxxxx-003');
    expect(text).toContain(`  ! de-fra/${long(3)}  FAILED`);
    expect(Math.max(...table.map((row) => [...row].length))).toBeLessThanOrEqual(200);
  });

  it('stays aligned with colour on (codes wrap the padded cell) and with hostile live data', () => {
    const report = aFleet(12, (i) => `db-${i}`);
    report.clusters[0]!.dnsName = 'evil\u001b[31m\nname.example.com';
    report.clusters[0]!.state = 'FAILED\u202e';
    report.clusters[0]!.problems[0]!.message = 'FAILED: "line one\nline two\u001b[2J"';
    const coloured = renderStatusText(report, { color: true });
    expect(coloured).toContain('\u001b[31mUNHEALTHY\u001b[0m');
    expectAligned(tableOf(coloured));
    const plain = renderStatusText(report, { color: false });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the test
    expect(plain).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(plain).toContain('evil\\u001b[31m\\u000aname.example.com');
    expect(plain).toContain('FAILED: "line one\\u000aline two\\u001b[2J"');
  });

  it('says so in one line when all are healthy', () => {
    const { doc, live } = aManaged('solo');
    const one = statusOf([doc], [live], [aBackup(live.id)]);
    const text = renderStatusText(one, { color: false });
    expect(text.startsWith('HEALTH')).toBe(true); // no Problems section
    expect(text.split('\n').at(-2)).toBe(
      'Healthy: the managed cluster is AVAILABLE, with an active backup and a recovery point within 24h.',
    );
  });
});
