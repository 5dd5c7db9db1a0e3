import { describe, expect, it } from 'vitest';
import type { DriftedCluster, DriftReport } from '../../../src/drift/index.js';
import {
  DEFAULT_MARKDOWN_MAX_CHARS,
  DRIFT_MARKDOWN_MARKER,
  renderDriftGithub,
  renderDriftJson,
  renderDriftMarkdown,
  renderDriftText,
} from '../../../src/render/index.js';

function aDriftedCluster(n: number): DriftedCluster {
  const name = `cluster-${String(n).padStart(5, '0')}`;
  const source = { file: `clusters/${name}.yaml`, line: 2, col: 1 };
  return {
    address: `de-fra/${name}`,
    region: 'de-fra',
    name,
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    status: 'changed',
    source,
    fields: [
      {
        path: 'instances.cores',
        pointer: '/instances/cores',
        desired: 2,
        live: 4,
        defaulted: false,
        immutable: false,
        source: { ...source, line: 9 },
      },
      {
        path: 'description',
        pointer: '/description',
        desired: '',
        live: 'edited in the console',
        defaulted: true,
        immutable: false,
        source,
      },
    ],
    notes: ['pgensure apply would set these fields back to the files'],
    live: {
      lastModifiedBy: 'alice@example.com',
      lastModifiedDate: '2030-01-01T00:00:00.000Z',
      state: 'AVAILABLE',
      fingerprint: 'cyrb53:00000000000000',
    },
  };
}

function aReport(drifted: number, unmanaged = 0): DriftReport {
  const items = Array.from({ length: drifted }, (_, i) => aDriftedCluster(i));
  const others = Array.from({ length: unmanaged }, (_, i) => ({
    address: `de-fra/unmanaged-${i}`,
    region: 'de-fra' as const,
    name: `unmanaged-${i}`,
    id: `11111111-0000-4000-8000-${String(i).padStart(12, '0')}`,
    state: 'AVAILABLE' as const,
    lastModifiedBy: null,
    lastModifiedDate: null,
  }));
  return {
    formatVersion: 1,
    createdAt: '2030-12-24T18:00:00.000Z',
    regions: ['de-fra'],
    drifted: items,
    unmanaged: others,
    summary: { managed: drifted + 10, inSync: 10, changed: drifted, missing: 0, exists: 0, unmanaged },
  };
}

describe('drift Markdown', () => {
  it('starts with the stable hidden marker, then the verdict', () => {
    const lines = renderDriftMarkdown(aReport(1), { color: false }).split('\n');
    expect(lines[0]).toBe(DRIFT_MARKDOWN_MARKER);
    expect(DRIFT_MARKDOWN_MARKER).toBe('<!-- pgensure-drift -->');
    expect(lines[1]).toBe('### Drift: 1 of 11 managed clusters differs from its file (1 changed).');
  });

  it('keeps a 5,000-cluster report under the cap, says it was truncated, and keeps the summary and footer', () => {
    const text = renderDriftMarkdown(aReport(5000, 200), { color: false });
    expect(text.length).toBeLessThanOrEqual(DEFAULT_MARKDOWN_MAX_CHARS);
    expect(text.length).toBeGreaterThan(DEFAULT_MARKDOWN_MAX_CHARS - 2000); // it uses the room it has
    expect(text).toContain(
      '### Drift: 5000 of 5010 managed clusters differ from their files (5000 changed). 200 unmanaged clusters.',
    );
    expect(text).toContain('**This report was truncated**');
    expect(text).toMatch(/_Truncated here: \d+ more [a-z ]+ are not shown/);
    expect(text).toContain('`pgensure drift --format json`');
    expect(text.trimEnd().endsWith('</sub>')).toBe(true);
    // Every HTML block that was opened is closed: the cut never lands inside a <details>.
    expect(text.split('<details').length).toBe(text.split('</details>').length);
  });

  it('honours a smaller cap', () => {
    for (const maxChars of [2000, 5000, 20_000]) {
      const text = renderDriftMarkdown(aReport(300), { color: false, maxChars });
      expect(text.length).toBeLessThanOrEqual(maxChars);
      expect(text).toContain('truncated');
    }
  });

  it('is not truncated when it fits, and collapses details when there are many', () => {
    const small = renderDriftMarkdown(aReport(3), { color: false });
    expect(small).not.toContain('truncated');
    expect(small).toContain('<details open>');
    const many = renderDriftMarkdown(aReport(40), { color: false });
    expect(many).not.toContain('<details open><summary>de-fra/cluster');
  });

  it('says "No drift" without a table when nothing drifted', () => {
    const text = renderDriftMarkdown(aReport(0), { color: false });
    expect(text).toContain('### No drift: 10 managed clusters match their files.');
    expect(text).not.toContain('| Cluster |');
  });
});

describe('drift text', () => {
  it('colours only when asked to', () => {
    const report = aReport(2);
    expect(renderDriftText(report, { color: false })).not.toContain('\u001b[');
    expect(renderDriftText(report, { color: true })).toContain('\u001b[33m~\u001b[0m');
  });

  it('ends with the verdict line, values as in the files → live, defaults marked', () => {
    const text = renderDriftText(aReport(1), { color: false });
    expect(text).toContain('~ instances.cores: 2 → 4');
    expect(text).toContain('~ description: "" (default) → "edited in the console"');
    expect(text).toContain('last modified by alice@example.com at 2030-01-01T00:00:00.000Z (AVAILABLE)');
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'Drift: 1 of 11 managed clusters differs from its file (1 changed).',
    );
  });
});

describe('drift GitHub annotations', () => {
  it('puts one ::warning per drifted field at the line that sets it, escaping workflow-command syntax', () => {
    const report = aReport(1);
    report.drifted[0]!.fields[0]!.source.file = 'clusters/a,b:c.yaml';
    report.drifted[0]!.fields[1]!.live = '50% done\r\nnext';
    const lines = renderDriftGithub(report).split('\n');
    expect(lines[0]).toBe(
      '::warning file=clusters/a%2Cb%3Ac.yaml,line=9,col=1,title=pgensure drift%3A de-fra/cluster-00000 changed::instances.cores: 2 in the files, 4 live (last modified by alice@example.com at 2030-01-01T00:00:00.000Z)',
    );
    expect(lines[1]).toContain('"50%25 done\\r\\nnext" live');
    expect(lines[2]).toBe('These clusters differ from their files (each field: in the files → live):');
  });
});

describe('drift JSON', () => {
  it('writes the report with keys in the published order and round-trips', () => {
    const report = aReport(2, 1);
    const text = renderDriftJson(report);
    expect(Object.keys(JSON.parse(text))).toEqual([
      'formatVersion',
      'createdAt',
      'regions',
      'drifted',
      'unmanaged',
      'summary',
    ]);
    expect(JSON.parse(text)).toEqual(report);
    expect(text.endsWith('}\n')).toBe(true);
  });
});
