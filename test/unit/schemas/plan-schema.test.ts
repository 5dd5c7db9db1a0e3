import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClusterProperties, ClusterRead, Region } from '../../../src/api/types.js';
import { loadDesiredClusters } from '../../../src/desired/index.js';
import type { DesiredCluster } from '../../../src/desired/types.js';
import type { Plan } from '../../../src/plan/index.js';
import { renderPlanJson } from '../../../src/render/index.js';
import { planFor } from '../../helpers/builders.js';
import { ROOT } from '../../helpers/run-cli.js';
import { compileSchema, describeErrors } from './load-schema.js';

const validate = compileSchema('plan.schema.json');
const RENDER_FIXTURES = join(ROOT, 'test/fixtures/render');

function readPlan(scenario: string): Plan {
  return JSON.parse(readFileSync(join(RENDER_FIXTURES, scenario, 'plan.json'), 'utf8')) as Plan;
}

function expectValid(value: unknown): void {
  expect(validate(value), describeErrors(validate)).toBe(true);
}

function expectInvalid(value: unknown): void {
  expect(validate(value)).toBe(false);
}

/** What the API would list for a document: its readable properties. */
function readableOf(doc: DesiredCluster, id: string, overrides: Partial<ClusterProperties> = {}): ClusterRead {
  const { credentials: _c, restoreFromBackup: _r, ...readable } = doc.properties;
  const metadata = { state: 'AVAILABLE' as const, lastModifiedBy: 'a@b.c', lastModifiedDate: '2030-01-01T00:00:00Z' };
  return { id, type: 'cluster', href: '', metadata, properties: { ...readable, ...overrides } };
}

/** A real plan of examples/clusters/: one create, one update, one no-op and an unmanaged cluster. */
async function planExamples(): Promise<Plan> {
  const desired = await loadDesiredClusters(['examples/clusters'], { cwd: ROOT });
  const [created, ...existing] = desired;
  const live = new Map<Region, ClusterRead[]>(desired.map((doc) => [doc.region, []]));
  existing.forEach((doc, i) => {
    const overrides = doc.name === 'billing-staging' ? { description: 'edited' } : {};
    live.get(doc.region)!.push(readableOf(doc, `00000000-0000-4000-8000-00000000000${i}`, overrides));
  });
  live.get('de-fra')!.push(readableOf(created!, '00000000-0000-4000-8000-000000000099', { name: 'legacy' }));
  const { plan, issues } = planFor({
    desired,
    live,
    catalogs: new Map(),
    backups: new Map(),
    now: '2030-01-01T00:00:00.000Z',
    rotateCredentials: new Set(),
    listUnmanaged: true,
  });
  expect(issues).toEqual([]);
  return JSON.parse(renderPlanJson(plan)) as Plan;
}

describe('schemas/plan.schema.json', () => {
  it.each(readdirSync(RENDER_FIXTURES).sort())('accepts the rendered plan of scenario %s', (scenario) => {
    expectValid(readPlan(scenario));
  });

  it('accepts a plan the planner makes from examples/clusters/ (create, update, noop, unmanaged)', async () => {
    const plan = await planExamples();
    expect(plan.summary).toMatchObject({ create: 1, update: 1, noop: 1 });
    expect(plan.unmanaged).toHaveLength(1);
    expectValid(plan);
  });

  it('refuses a plan with a literal password', () => {
    const plan = readPlan('all-creates');
    (plan.changes[0]!.after!.credentials as { password: unknown }).password = 'Secret-Passw0rd!';
    expectInvalid(plan);
  });

  it('refuses live properties that carry credentials', () => {
    const plan = readPlan('update-with-defaults');
    const update = plan.changes.find((c) => c.action === 'update')!;
    (update.before as Record<string, unknown>)['credentials'] = { username: 'u', database: 'd' };
    expectInvalid(plan);
  });

  it('refuses a change whose shape does not fit its action', () => {
    const create = readPlan('all-creates');
    (create.changes[0] as { before: unknown }).before = create.changes[0]!.after;
    expectInvalid(create);
    const replace = readPlan('replace-and-delete');
    delete (replace.changes.find((c) => c.action === 'replace') as { replacementId?: string }).replacementId;
    expectInvalid(replace);
    const noop = readPlan('no-changes');
    noop.changes[0]!.patch = [{ op: 'replace', path: '/description', value: 'x' }];
    expectInvalid(noop);
  });

  it('refuses unknown actions, other format versions, missing summary counts and unknown top-level keys', () => {
    const plan = readPlan('replace-and-delete');
    expectInvalid({ ...plan, formatVersion: 1 });
    expectInvalid({ ...plan, impact: 'catastrophic' });
    expectInvalid({ ...plan, changes: [{ ...plan.changes[0]!, fields: [{ path: 'x' }] }] });
    expectInvalid({ ...plan, summary: { ...plan.summary, noop: undefined } });
    expectInvalid({ ...plan, extra: true });
    expectInvalid({ ...plan, changes: [{ ...plan.changes[0]!, action: 'recreate' }] });
    expectInvalid({ ...plan, createdAt: 'yesterday' });
  });
});
