import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupRead, ClusterRead } from '../../../src/api/types.js';
import { loadDesiredClusters } from '../../../src/desired/index.js';
import type { Impact } from '../../../src/model/impact.js';
import { renderPlanJson } from '../../../src/render/index.js';
import { planFor } from '../../helpers/builders.js';
import { ROOT } from '../../helpers/run-cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/impact');
const LIVE_ID = '0b6c1f0e-6a8e-4f31-9d7c-2a1e5d7c9b10';

/**
 * ../shared/api/change-impact.md, one row per fixture: what the JSON plan must say the change does (product.md §8).
 * `estimate`: the provider's documentation is silent and the higher plausible level was taken.
 */
const TABLE: Record<string, { impact: Impact; reversible: boolean; estimate?: boolean }> = {
  description: { impact: 'none', reversible: true },
  rename: { impact: 'none', reversible: true },
  'maintenance-window': { impact: 'none', reversible: true },
  'backup-retention': { impact: 'none', reversible: true },
  'logs-and-metrics': { impact: 'none', reversible: true },
  'count-up': { impact: 'online', reversible: true },
  'count-down': { impact: 'switchover', reversible: true },
  cores: { impact: 'switchover', reversible: true },
  ram: { impact: 'switchover', reversible: true },
  'cores-single-instance': { impact: 'downtime', reversible: true },
  'storage-up': { impact: 'switchover', reversible: false, estimate: true },
  'major-upgrade': { impact: 'downtime', reversible: false },
  'replication-mode': { impact: 'switchover', reversible: true, estimate: true },
  'connection-pooler': { impact: 'switchover', reversible: true, estimate: true },
  connection: { impact: 'downtime', reversible: true },
  'credentials-rotation': { impact: 'online', reversible: true, estimate: true },
  create: { impact: 'none', reversible: true },
  'create-from-backup': { impact: 'none', reversible: true },
  delete: { impact: 'destructive', reversible: false },
  replace: { impact: 'destructive', reversible: false },
  'mixed-worst-wins': { impact: 'switchover', reversible: true },
};

interface Case {
  live: ClusterRead['properties'] | null;
  rotateCredentials: boolean;
  backup?: string;
}

/** The change of one fixture's plan, as the JSON plan writes it. */
async function planFixture(dir: string) {
  const [doc] = await loadDesiredClusters([join(dir, 'spec.yaml')], { cwd: dir });
  const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
  const metadata = {
    state: 'AVAILABLE' as const,
    lastModifiedBy: 'a@example.com',
    lastModifiedDate: '2026-11-01T00:00:00Z',
  };
  const live: ClusterRead[] = c.live ? [{ id: LIVE_ID, type: 'cluster', href: '', metadata, properties: c.live }] : [];
  const backups = new Map<string, BackupRead>();
  if (c.backup)
    backups.set(c.backup, { id: c.backup, type: 'backup', href: '', metadata: {}, properties: { isActive: true } });
  const { plan, issues } = planFor({
    desired: [doc!],
    live: new Map([['de-fra', live]]),
    backups,
    rotateCredentials: new Set(c.rotateCredentials ? [doc!.address] : []),
  });
  expect(issues).toEqual([]);
  return JSON.parse(renderPlanJson(plan)).changes[0] as Record<string, unknown> & { fields: Record<string, unknown>[] };
}

describe('impact of each row of change-impact.md, in the JSON plan', () => {
  it('has a fixture for every row of the table, and a row for every fixture', () => {
    expect(readdirSync(FIXTURES).sort()).toEqual(Object.keys(TABLE).sort());
  });

  it.each(Object.entries(TABLE))('%s', async (name, row) => {
    const dir = join(FIXTURES, name);
    const change = await planFixture(dir);
    expect({ impact: change.impact, reversible: change.reversible }).toEqual({
      impact: row.impact,
      reversible: row.reversible,
    });
    const worst = change.fields.filter((f) => f.impact === row.impact);
    if (row.estimate !== undefined && change.action === 'update') {
      expect(worst.some((f) => f.estimate === row.estimate)).toBe(true);
    }
    const summary = {
      action: change.action,
      impact: change.impact,
      reversible: change.reversible,
      fields: change.fields.map(({ path, impact, reversible, estimate, why }) => ({
        path,
        impact,
        reversible,
        estimate,
        why,
      })),
    };
    await expect(`${JSON.stringify(summary, null, 2)}\n`).toMatchFileSnapshot(join(dir, 'expected.json'));
  });
});
