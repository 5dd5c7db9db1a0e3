/**
 * What a change does to the database, end to end (product.md §8, issue 10): --max-impact refuses before any write,
 * and --maintenance-window applies disruptive changes only to clusters whose weekly window is open now.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAYS_OF_THE_WEEK } from '../../src/api/types.js';
import { FAST_APPLY, liveProperties, type SafetyWorld, startSafetyWorld } from '../helpers/safety-world.js';

let world: SafetyWorld;
beforeEach(async () => {
  world = await startSafetyWorld({ provisioningDelayMs: 60 });
});
afterEach(() => world.close());

describe('--max-impact', () => {
  it('refuses a cores change above `online` at plan and at apply, naming the cluster; apply sends nothing', async () => {
    world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders', cores: 2, count: 3 }));
    world.writeSpec({ name: 'orders', cores: 4, count: 3 });
    const plan = await world.cli(['plan', 'specs', '--max-impact', 'online']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(
      /de-fra\/orders: impact switchover is above --max-impact online: instances\.cores \(switchover\)/,
    );
    expect(plan.stdout).toContain('instances.cores: 2 → 4 [switchover]');
    const apply = await world.cli(['apply', 'specs', '--max-impact', 'online', ...FAST_APPLY]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('de-fra/orders: impact switchover is above --max-impact online');
    expect(apply.stderr).toContain('nothing was written');
    expect(world.writes()).toEqual([]);
  });

  it('lets a description change through at plan and at apply', async () => {
    world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders', description: 'old' }));
    world.writeSpec({ name: 'orders', description: 'new' });
    expect((await world.cli(['plan', 'specs', '--max-impact', 'online', '--detailed-exitcode'])).code).toBe(2);
    const apply = await world.cli(['apply', 'specs', '--max-impact', 'online', ...FAST_APPLY]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(world.writes().map((r) => r.method)).toEqual(['PUT']);
  });
});

/** A window (day and time, UTC) that is open now: it started an hour ago. Another that opens in 12 hours. */
function windowsAroundNow(): {
  open: { dayOfTheWeek: (typeof DAYS_OF_THE_WEEK)[number]; time: string };
  closed: typeof open;
} {
  const at = (ms: number) => {
    const d = new Date(ms);
    const time = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}:00`;
    return { dayOfTheWeek: DAYS_OF_THE_WEEK[d.getUTCDay()]!, time };
  };
  const open = at(Date.now() - 3_600_000);
  return { open, closed: at(Date.now() + 12 * 3_600_000) };
}

describe('apply --maintenance-window', () => {
  it('PUTs only the cluster whose window is open now and lists the other as deferred, exit 0', async () => {
    const { open, closed } = windowsAroundNow();
    const inWindow = world.emulator.seedCluster(
      'de-fra',
      liveProperties({ name: 'open', cores: 2, count: 3, window: open }),
    );
    world.emulator.seedCluster('de-fra', liveProperties({ name: 'later', cores: 2, count: 3, window: closed }));
    world.writeSpec({ name: 'open', cores: 4, count: 3, window: open });
    world.writeSpec({ name: 'later', cores: 4, count: 3, window: closed });
    const plan = await world.cli(['plan', 'specs', '--maintenance-window', '--format', 'json']);
    expect(plan.code).toBe(0);
    const json = JSON.parse(plan.stdout);
    expect(json.changes.map((c: { address: string }) => c.address)).toEqual(['de-fra/open']);
    expect(json.deferred).toEqual([expect.objectContaining({ address: 'de-fra/later', impact: 'switchover' })]);
    const apply = await world.cli(['apply', 'specs', '--maintenance-window', ...FAST_APPLY]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(world.writes().map((r) => `${r.method} ${r.path.split('/').pop()}`)).toEqual([`PUT ${inWindow.id}`]);
    expect(apply.stdout).toMatch(
      /1 change deferred: the cluster's maintenance window is closed now:\n\s+de-fra\/later \(update, impact switchover\)/,
    );
    expect(apply.stdout).toMatch(/deferred: +de-fra\/later \(update, impact switchover\): its window opens \d{4}-/);
    expect(world.named('later')[0]!.properties.instances.cores).toBe(2);
  });
});
