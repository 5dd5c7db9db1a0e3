import { afterEach, describe, expect, it } from 'vitest';
import {
  FAST_APPLY,
  liveProperties,
  SAFETY_PASSWORD_ENV,
  type SafetyWorld,
  startSafetyWorld,
} from '../../helpers/safety-world.js';

let world: SafetyWorld;
afterEach(() => world.close());

describe('never a PUT while the cluster is busy', () => {
  it('waits for a cluster seen UPDATING to become AVAILABLE before sending the update', async () => {
    world = await startSafetyWorld({ provisioningDelayMs: 700 });
    const busy = world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders', cores: 2 }), {
      state: 'UPDATING',
    });
    const availableAt = Date.parse(busy.metadata.lastModifiedDate!) + 700;
    world.writeSpec({ name: 'orders', cores: 4 });
    const apply = await world.cli(['apply', 'specs', ...FAST_APPLY]);
    expect(apply.code, apply.stderr).toBe(0);
    // Whether apply had to wait depends on when its read lands (the plan saw UPDATING); it never PUTs before AVAILABLE.
    const puts = world.writes();
    expect(puts.map((r) => `${r.method} ${r.status}`)).toEqual(['PUT 200']);
    expect(puts[0]!.at).toBeGreaterThanOrEqual(availableAt);
    // Before the PUT, apply read the cluster and saw it AVAILABLE (the log holds what the emulator answered).
    const reads = world.emulator.requests.filter(
      (r) => r.method === 'GET' && r.path.endsWith(busy.id) && r.seq < puts[0]!.seq,
    );
    expect(reads.length).toBeGreaterThan(0);
    expect(world.named('orders')[0]!.properties.instances.cores).toBe(4);
  });
});

describe('FAILED gets a grace period, then fails that cluster with statusMessage', () => {
  it('sends no PUT to a cluster already FAILED: the plan says so, apply fails it after the grace, the rest goes on', async () => {
    world = await startSafetyWorld({ provisioningDelayMs: 100 });
    const broken = world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders', cores: 2 }));
    world.emulator.failCluster('de-fra', broken.id, 'replica lost quorum');
    const doomed = world.emulator.seedCluster('de-fra', liveProperties({ name: 'legacy' }));
    world.emulator.failCluster('de-fra', doomed.id, 'disk corrupted');
    world.writeSpec({ name: 'orders', cores: 4 });
    world.writeSpec({ name: 'legacy', ensure: 'absent' });

    const plan = await world.cli(['plan', 'specs', '--no-color']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(
      'the cluster is FAILED (replica lost quorum): apply sends no PUT while it is FAILED; it waits up to --failed-grace for AVAILABLE, then fails it',
    );
    expect(plan.stdout).toContain('the cluster is FAILED (disk corrupted): apply deletes it without waiting');

    const apply = await world.cli(['apply', 'specs', ...FAST_APPLY, '--failed-grace', '300ms']);
    expect(apply.code).toBe(1);
    expect(apply.stdout).toMatch(
      /failed: +de-fra\/orders \(update\): cluster \S+ is FAILED: replica lost quorum .*\[nothing was sent\]$/m,
    );
    expect(apply.stdout).toContain('1 deleted');
    expect(world.writes().map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /de-fra/clusters/${doomed.id}`]);
  });

  it('fails a cluster that stays FAILED after the grace, naming the statusMessage, without waiting for the timeout', async () => {
    world = await startSafetyWorld({ provisioningDelayMs: 100 });
    world.writeSpec({ name: 'orders' });
    world.writeSpec({ name: 'billing' });
    world.emulator.setFaults({ failWrites: { count: 1, message: 'storage backend quota exceeded (zone 2)' } });
    // Only the FAILED rule can end this wait with the statusMessage; without it, the wait would time out instead.
    const apply = await world.cli([
      'apply',
      'specs',
      ...FAST_APPLY,
      '--parallelism',
      '1',
      '--failed-grace',
      '300ms',
      '--wait-timeout',
      '8s',
    ]);
    expect(apply.code).toBe(1);
    expect(apply.stdout).toMatch(
      /failed: +de-fra\/billing \(create\): cluster \S+ is FAILED: storage backend quota exceeded \(zone 2\) \(fix the cause, then re-run apply\)$/m,
    );
    expect(apply.stdout).toContain('1 created'); // the other cluster is unaffected and reported as done
    expect(world.named('billing')[0]!.metadata.state).toBe('FAILED');
  });

  it('rides out a transient FAILED shorter than the grace', async () => {
    world = await startSafetyWorld({ provisioningDelayMs: 100 });
    world.writeSpec({ name: 'orders' });
    world.emulator.setFaults({ failWrites: { count: 1, message: 'transient hiccup', recoverAfterMs: 400 } });
    const apply = await world.cli(['apply', 'specs', ...FAST_APPLY, '--failed-grace', '5s']);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stderr).toContain('de-fra/orders: FAILED'); // it was seen FAILED, and waited through it
    expect(world.named('orders')[0]!.metadata.state).toBe('AVAILABLE');
  });

  it('does not ride out the same transient FAILED when the grace is shorter', async () => {
    world = await startSafetyWorld({ provisioningDelayMs: 100 });
    world.writeSpec({ name: 'orders' });
    world.emulator.setFaults({ failWrites: { count: 1, message: 'transient hiccup', recoverAfterMs: 2000 } });
    const apply = await world.cli(['apply', 'specs', ...FAST_APPLY, '--failed-grace', '100ms']);
    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain('is FAILED: transient hiccup');
  });
});

describe('--rotate-credentials', () => {
  it('sends exactly one PUT that re-sends the credentials, and nothing without the flag', async () => {
    world = await startSafetyWorld({ provisioningDelayMs: 60 });
    const live = world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders' }));
    world.emulator.seedCluster('de-fra', liveProperties({ name: 'billing' }));
    world.writeSpec({ name: 'orders' });
    world.writeSpec({ name: 'billing' });
    expect((await world.cli(['apply', 'specs', ...FAST_APPLY])).code).toBe(0);
    expect(world.writes()).toEqual([]);

    const rotated = 'Rotated-Passw0rd!';
    const apply = await world.cli(['apply', 'specs', ...FAST_APPLY, '--rotate-credentials', 'de-fra/orders'], {
      env: { [SAFETY_PASSWORD_ENV]: rotated },
    });
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain('credentials rotation requested');
    expect(apply.stdout + apply.stderr).not.toContain(rotated);
    const puts = world.writes();
    expect(puts.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /de-fra/clusters/${live.id}`]);
    const body = puts[0]!.body as { properties: { credentials: unknown; name: string } };
    expect(body.properties.credentials).toEqual({ username: 'app_user', database: 'app', password: rotated });
    expect(world.emulator.credentialsOf('de-fra', live.id)?.password).toBe(rotated);
  });
});
