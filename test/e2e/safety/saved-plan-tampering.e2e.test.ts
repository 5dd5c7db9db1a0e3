/**
 * A saved plan is checked, not trusted (product.md §6, issue 8): every kind of hand edit to a plan file is refused
 * before any write, with a message that says what differs, and the live clusters keep what they had.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.js';
import type { Plan } from '../../../src/plan/types.js';
import { FAST_APPLY, liveProperties, type SafetyWorld, startSafetyWorld } from '../../helpers/safety-world.js';

let world: SafetyWorld;
let orders: string;
let keep: string;
let legacy: string;

beforeEach(async () => {
  world = await startSafetyWorld({ provisioningDelayMs: 60 });
  orders = world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders', cores: 2 })).id;
  keep = world.emulator.seedCluster('de-fra', liveProperties({ name: 'keep' })).id;
  legacy = world.emulator.seedCluster('de-fra', liveProperties({ name: 'legacy' })).id;
  world.writeSpec({ name: 'orders', cores: 4 });
  world.writeSpec({ name: 'keep' });
  const keepSpec = join(world.dir, 'specs/keep.yaml');
  writeFileSync(keepSpec, `${readFileSync(keepSpec, 'utf8')}policy:\n  preventDestroy: true\n`);
  const plan = await world.cli(['plan', 'specs', '--out', 'plan.json']);
  expect(plan.code, plan.stderr).toBe(0);
});
afterEach(() => world.close());

const planPath = () => join(world.dir, 'plan.json');
const readPlan = (): Plan => JSON.parse(readFileSync(planPath(), 'utf8')) as Plan;
const writePlan = (plan: unknown) => writeFileSync(planPath(), JSON.stringify(plan, null, 2));
const change = (plan: Plan, name: string) => plan.changes.find((c) => c.name === name)!;

/** Applies the (tampered) plan and checks: exit 1, zero writes, the clusters as they were, and the message. */
async function expectRefused(message: RegExp, env: Record<string, string> = {}): Promise<void> {
  world.emulator.clearRequests();
  const apply = await world.cli(['apply', '--plan', 'plan.json', ...FAST_APPLY], { env });
  expect(apply.code, apply.stdout + apply.stderr).toBe(1);
  expect(apply.stderr).toMatch(message);
  expect(apply.stderr).toContain('nothing was written');
  expect(world.writes()).toEqual([]);
  expect(world.named('orders')[0]!.properties.instances.cores).toBe(2);
  expect(world.named('keep')).toHaveLength(1);
  expect(world.named('legacy')).toHaveLength(1);
}

describe('apply --plan refuses a tampered plan file with zero writes', () => {
  it('an after with fields removed (a partial body would reset them)', async () => {
    const plan = readPlan();
    const after = change(plan, 'orders').after as unknown as Record<string, unknown>;
    for (const key of ['logsEnabled', 'connectionPooler', 'description']) delete after[key];
    writePlan(plan);
    await expectRefused(/changes\/\d+\/after must have required property '(logsEnabled|connectionPooler|description)'/);
  });

  it('an after with a field changed (the schema accepts it; planning again does not)', async () => {
    const plan = readPlan();
    change(plan, 'orders').after!.description = 'not what the files say';
    writePlan(plan);
    await expectRefused(
      /de-fra\/orders: the body the plan would send \(after\) is not what the spec files give now \(differs in description\)/,
    );
  });

  it('a no-op turned into a delete of a preventDestroy cluster', async () => {
    const plan = readPlan();
    const noop = change(plan, 'keep');
    Object.assign(noop, {
      action: 'delete',
      after: null,
      fields: [],
      patch: [],
      impact: 'destructive',
      reversible: false,
    });
    writePlan(plan);
    await expectRefused(/de-fra\/keep: the plan says delete, planning now says noop/);
  });

  it('an added delete of an unmanaged cluster', async () => {
    const plan = readPlan();
    const template = change(plan, 'keep');
    plan.changes.unshift({
      ...template,
      address: 'de-fra/legacy',
      name: 'legacy',
      id: legacy,
      action: 'delete',
      after: null,
      fields: [],
      patch: [],
      impact: 'destructive',
      reversible: false,
    } as Plan['changes'][number]);
    writePlan(plan);
    await expectRefused(/de-fra\/legacy: the plan has a delete, but planning now gives nothing for it/);
  });

  it('an id swapped to another cluster', async () => {
    const plan = readPlan();
    change(plan, 'orders').id = keep;
    writePlan(plan);
    await expectRefused(
      new RegExp(`de-fra/orders: the plan targets cluster ${keep}, but planning now binds it to ${orders}`),
    );
  });

  it('a password read from another file than the spec names', async () => {
    const plan = readPlan();
    change(plan, 'orders').after!.credentials.password = { fromFile: '/etc/shadow' };
    writePlan(plan);
    await expectRefused(
      /de-fra\/orders: the body the plan would send \(after\) is not what the spec files give now \(differs in credentials\.password\.f/,
    );
  });

  it('a plan made against one endpoint, applied against another', async () => {
    const other = await startEmulator({ token: 'safety-e2e-token-91c4', provisioningDelayMs: 60 });
    try {
      other.seedCluster('de-fra', liveProperties({ name: 'orders', cores: 2 }));
      world.emulator.clearRequests();
      const apply = await world.cli(['apply', '--plan', 'plan.json', ...FAST_APPLY], {
        env: { PGENSURE_ENDPOINT: other.endpointTemplate },
      });
      expect(apply.code).toBe(1);
      expect(apply.stderr).toContain(
        `it was made against ${world.emulator.endpointTemplate}, not ${other.endpointTemplate}`,
      );
      expect(other.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      expect(world.writes()).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('a truncated file', async () => {
    const text = readFileSync(planPath(), 'utf8');
    writeFileSync(planPath(), text.slice(0, Math.floor(text.length / 2)));
    await expectRefused(/plan\.json: not a pgensure plan: the JSON is broken .*; nothing was written/);
  });

  it('an unknown action', async () => {
    const plan = readPlan();
    (change(plan, 'orders') as { action: string }).action = 'recreate';
    writePlan(plan);
    await expectRefused(/not a valid pgensure plan \(schemas\/plan\.schema\.json\)/);
  });

  it('and the untouched plan applies', async () => {
    const apply = await world.cli(['apply', '--plan', 'plan.json', ...FAST_APPLY]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(world.writes().map((r) => `${r.method} ${r.path.split('/').pop()}`)).toEqual([`PUT ${orders}`]);
  });
});
