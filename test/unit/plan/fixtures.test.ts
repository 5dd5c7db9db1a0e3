import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClusterRead, ClusterState, Region } from '../../../src/api/types.js';
import { loadDesiredClusters } from '../../../src/desired/index.js';
import { CATALOG, planFor } from '../../helpers/builders.js';
import { ROOT } from '../../helpers/run-cli.js';

/** live.json: a compact list of live clusters, expanded to what the v2 API returns. */
interface LiveFixture {
  region: Region;
  id: string;
  state: ClusterState;
  lastModifiedBy: string;
  lastModifiedDate: string;
  statusMessage?: string;
  properties: ClusterRead['properties'];
}

const FIXTURES = join(ROOT, 'test/fixtures/plan');

/** Each directory is one scenario: specs/*.yaml + live.json → expected.json (plan and refusals). */
describe.each(readdirSync(FIXTURES).sort())('plan fixture %s', (scenario) => {
  it('assembles the expected plan', async () => {
    const dir = join(FIXTURES, scenario);
    const desired = await loadDesiredClusters([join(dir, 'specs')], { cwd: dir });
    const live = (JSON.parse(readFileSync(join(dir, 'live.json'), 'utf8')) as LiveFixture[]).map(
      (c): ClusterRead => ({
        id: c.id,
        type: 'cluster',
        href: `https://postgresql.${c.region}.ionos.com/clusters/${c.id}`,
        metadata: {
          state: c.state,
          lastModifiedBy: c.lastModifiedBy,
          lastModifiedDate: c.lastModifiedDate,
          ...(c.statusMessage === undefined ? {} : { statusMessage: c.statusMessage }),
        },
        properties: c.properties,
      }),
    );
    const regions = [...new Set<Region>(desired.map((d) => d.region))];
    const result = planFor({
      desired,
      live: new Map(regions.map((r) => [r, live.filter((c) => c.href.includes(`.${r}.`))])),
      catalogs: new Map(regions.map((r) => [r, CATALOG])),
      backups: new Map(),
      now: '2026-11-24T12:00:00.000Z',
      rotateCredentials: new Set(),
      listUnmanaged: true,
    });
    expect(existsSync(join(dir, 'specs'))).toBe(true);
    await expect(`${JSON.stringify(result, null, 2)}\n`).toMatchFileSnapshot(join(dir, 'expected.json'));
  });
});
