import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/plan/types.js';
import {
  FAST_APPLY,
  liveProperties,
  SAFETY_PASSWORD,
  SAFETY_PASSWORD_ENV,
  type SafetyWorld,
  startSafetyWorld,
} from '../../helpers/safety-world.js';

let world: SafetyWorld;
beforeEach(async () => {
  world = await startSafetyWorld({ provisioningDelayMs: 60 });
});
afterEach(() => world.close());

const readPlan = (): Plan => JSON.parse(readFileSync(join(world.dir, 'plan.json'), 'utf8')) as Plan;

describe('apply --plan: exactly the saved plan', () => {
  it('creates with the UUIDs the plan chose, with the password read at apply time (the plan file holds none)', async () => {
    world.writeSpec({ name: 'orders' });
    world.writeSpec({ name: 'billing', region: 'es-vit' });
    const plan = await world.cli(['plan', 'specs', '--out', 'plan.json'], { env: { [SAFETY_PASSWORD_ENV]: '' } });
    expect(plan.code, plan.stderr).toBe(0);
    const saved = readPlan();
    expect(readFileSync(join(world.dir, 'plan.json'), 'utf8')).not.toContain(SAFETY_PASSWORD);

    const atApply = 'Applied-Later-Passw0rd!';
    const apply = await world.cli(['apply', '--plan', 'plan.json', ...FAST_APPLY], {
      env: { [SAFETY_PASSWORD_ENV]: atApply },
    });
    expect(apply.code, apply.stderr).toBe(0);
    const putPaths = world
      .writes()
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    const planned = saved.changes.map((c) => `PUT /${c.region}/clusters/${c.id}`).sort();
    expect(putPaths).toEqual(planned);
    const orders = saved.changes.find((c) => c.name === 'orders')!;
    expect(world.named('orders').map((c) => c.id)).toEqual([orders.id]);
    expect(world.emulator.credentialsOf('de-fra', orders.id!)?.password).toBe(atApply);
  });

  it('refuses --target, --region and --rotate-credentials with --plan instead of applying the whole plan', async () => {
    world.writeSpec({ name: 'orders' });
    world.writeSpec({ name: 'billing' });
    expect((await world.cli(['plan', 'specs', '--out', 'plan.json'])).code).toBe(0);
    world.emulator.clearRequests();
    for (const flag of [
      ['--target', 'de-fra/orders'],
      ['--region', 'de-fra'],
      ['--rotate-credentials', 'de-fra/orders'],
    ]) {
      const apply = await world.cli(['apply', '--plan', 'plan.json', ...flag, ...FAST_APPLY]);
      expect(apply.code, flag[0]).toBe(1);
      expect(apply.stderr).toContain(`applies exactly the saved plan; ${flag[0]} cannot change it`);
    }
    expect(world.emulator.requests).toEqual([]);
  });
});

describe('apply --plan: a stale plan is refused before any write', () => {
  it('refuses the whole plan when one cluster was edited in the console, naming it and how to re-plan', async () => {
    const orders = world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders', cores: 2 }));
    world.emulator.seedCluster('de-fra', liveProperties({ name: 'billing', cores: 2 }));
    world.writeSpec({ name: 'orders', cores: 4 });
    world.writeSpec({ name: 'billing', cores: 4 });
    expect((await world.cli(['plan', 'specs', '--out', 'plan.json'])).code).toBe(0);
    expect(readPlan().summary.update).toBe(2);

    world.emulator.editCluster('de-fra', orders.id, (p) => ({ ...p, description: 'tuned by hand' }), 'bob@example.com');
    world.emulator.clearRequests();
    const apply = await world.cli(['apply', '--plan', 'plan.json', ...FAST_APPLY]);
    expect(apply.code).toBe(1);
    expect(world.writes()).toEqual([]);
    expect(apply.stderr).toContain('stale');
    expect(apply.stderr).toContain('de-fra/orders');
    expect(apply.stderr).toContain('bob@example.com');
    expect(apply.stderr).not.toContain('de-fra/billing');
    expect(apply.stderr).toContain('pgensure plan --out');
    expect(world.named('billing')[0]!.properties.instances.cores).toBe(2);
  });

  it('refuses a saved create when a cluster with that name appeared since the plan', async () => {
    world.writeSpec({ name: 'orders' });
    expect((await world.cli(['plan', 'specs', '--out', 'plan.json'])).code).toBe(0);
    world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders' }));
    world.emulator.clearRequests();
    const apply = await world.cli(['apply', '--plan', 'plan.json', ...FAST_APPLY]);
    expect(apply.code).toBe(1);
    expect(world.writes()).toEqual([]);
    expect(apply.stderr).toMatch(
      /de-fra\/orders: the plan creates it, but cluster \S+ of that name exists now \(created since the plan\)/,
    );
    expect(world.named('orders')).toHaveLength(1);
  });

  it('refuses a saved delete whose cluster vanished since the plan', async () => {
    const orders = world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders' }));
    world.writeSpec({ name: 'orders', ensure: 'absent' });
    expect((await world.cli(['plan', 'specs', '--out', 'plan.json'])).code).toBe(0);
    expect(readPlan().summary.delete).toBe(1);
    // Replaced out of band by a same-named cluster: the plan's delete must not hit the newcomer.
    await world.cli(['apply', 'specs', ...FAST_APPLY]);
    world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders' }));
    world.emulator.clearRequests();
    const apply = await world.cli(['apply', '--plan', 'plan.json', ...FAST_APPLY]);
    expect(apply.code).toBe(1);
    expect(world.writes()).toEqual([]);
    expect(apply.stderr).toContain(`the plan targets cluster ${orders.id}, but planning now binds it to`);
    expect(world.named('orders')).toHaveLength(1);
  });

  it('refuses a plan of another formatVersion without sending a single request', async () => {
    world.writeSpec({ name: 'orders' });
    expect((await world.cli(['plan', 'specs', '--out', 'plan.json'])).code).toBe(0);
    writeFileSync(join(world.dir, 'plan.json'), JSON.stringify({ ...readPlan(), formatVersion: 3 }));
    world.emulator.clearRequests();
    const apply = await world.cli(['apply', '--plan', 'plan.json', ...FAST_APPLY]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(/formatVersion 3 is not supported/);
    expect(apply.stderr).toContain('make the plan again');
    expect(world.emulator.requests).toEqual([]);
    expect(world.named('orders')).toEqual([]);
  });
});
