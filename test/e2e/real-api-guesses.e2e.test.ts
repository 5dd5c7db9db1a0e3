/**
 * Correct whichever way the emulator's guesses fall (product.md §7, issue 9 acceptance), with the emulator playing
 * the other side of each guess: creates by POST when PUT cannot create (one cluster even when the POST response is
 * lost, inside the run and after a SIGKILL), silent page caps and 400s for large limits, and live fields pgensure
 * does not know (never diffed, carried unchanged in every PUT).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FAST_APPLY, liveProperties, type SafetyWorld, startSafetyWorld, waitUntil } from '../helpers/safety-world.js';

let world: SafetyWorld;
afterEach(() => world.close());

const posts = () => world.writes().filter((r) => r.method === 'POST');

describe('an API that cannot create by PUT (--put-create off)', () => {
  it('creates by POST, says so, and plans empty afterwards', async () => {
    world = await startSafetyWorld({ provisioningDelayMs: 100, putCreate: 'off' });
    world.writeSpec({ name: 'orders' });
    const apply = await world.cli(['apply', 'specs', ...FAST_APPLY]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(world.writes().map((r) => `${r.method} ${r.status}`)).toEqual(['PUT 404', 'POST 201']);
    expect(world.named('orders')).toHaveLength(1);
    expect((await world.cli(['plan', 'specs', '--detailed-exitcode'])).code).toBe(0);
  });

  it('makes exactly one cluster when the POST response is lost: the name check before a retry adopts it', async () => {
    world = await startSafetyWorld({ provisioningDelayMs: 100, putCreate: 'off' });
    world.writeSpec({ name: 'orders' });
    world.emulator.setFaults({ dropResponses: { methods: ['POST'], count: 1 } });
    const apply = await world.cli(['apply', 'specs', ...FAST_APPLY]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(posts().map((r) => r.status)).toEqual([0]);
    expect(world.named('orders')).toHaveLength(1);
    expect(apply.stdout).toContain("this run's write, whose response was lost");
    expect((await world.cli(['plan', 'specs', '--detailed-exitcode'])).code).toBe(0);
  });

  it('makes exactly one cluster when the CLI is killed before the POST answer, and a re-run comes back', async () => {
    world = await startSafetyWorld({ provisioningDelayMs: 100, putCreate: 'off' });
    world.writeSpec({ name: 'orders' });
    world.emulator.setFaults({ latencyRules: [{ method: 'POST', latencyMs: 2000 }] });
    let pid = 0;
    const first = world.cli(['apply', 'specs', ...FAST_APPLY], { onSpawn: (p) => (pid = p) });
    await waitUntil(() => world.named('orders').length === 1, first);
    process.kill(pid, 'SIGKILL');
    expect((await first).code).toBeNull();
    world.emulator.setFaults({});
    const rerun = await world.cli(['apply', 'specs', ...FAST_APPLY]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(posts()).toHaveLength(1);
    expect(world.named('orders')).toHaveLength(1);
    expect((await world.cli(['plan', 'specs', '--detailed-exitcode'])).code).toBe(0);
  });
});

describe('page sizes the server decides', () => {
  const seed250 = () => {
    for (let i = 0; i < 250; i++) {
      const name = `c-${String(i).padStart(3, '0')}`;
      world.emulator.seedCluster('de-fra', liveProperties({ name }));
      world.writeSpec({ name });
    }
  };

  it('a silent cap at 100 (the asked limit echoed): 250 in-sync clusters in one region plan as all no-op', async () => {
    world = await startSafetyWorld({ maxPageSize: 100, silentCap: true });
    seed250();
    const plan = await world.cli(['plan', 'specs', '--detailed-exitcode'], { env: { PGENSURE_PAGE_SIZE: '1000' } });
    expect(plan.code, plan.stdout.slice(-500) + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes. 250 unchanged.');
  });

  it('a 400 for large limits: it still plans (250 no-ops), asking smaller', async () => {
    world = await startSafetyWorld({ maxLimit: 50 });
    seed250();
    const plan = await world.cli(['plan', 'specs', '--detailed-exitcode'], { env: { PGENSURE_PAGE_SIZE: '1000' } });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes. 250 unchanged.');
    const limits = world.emulator.requests.filter((r) => r.path === '/de-fra/clusters').map((r) => r.query.limit);
    expect(limits[0]).toBe('1000');
    expect(limits.every((l) => Number(l) <= 1000)).toBe(true);
  });
});

describe('a live field pgensure does not know (--extra-property)', () => {
  it('is never diffed, is listed as kept, and an update PUT carries it unchanged', async () => {
    world = await startSafetyWorld({ provisioningDelayMs: 60, extraProperties: { tier: 'standard' } });
    const orders = world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders', cores: 2 }));
    world.emulator.editCluster('de-fra', orders.id, (p) => ({ ...p, tier: 'gold' }) as typeof p, 'console@example.com');
    world.writeSpec({ name: 'orders', cores: 2 });
    expect((await world.cli(['plan', 'specs', '--detailed-exitcode'])).code).toBe(0);
    world.writeSpec({ name: 'orders', cores: 4 });
    const plan = await world.cli(['plan', 'specs']);
    expect(plan.stdout).toContain('= tier: "gold" (kept as live: not known to pgensure)');
    expect(plan.stdout).not.toMatch(/[~+-] tier/);
    world.emulator.clearRequests();
    const apply = await world.cli(['apply', 'specs', ...FAST_APPLY]);
    expect(apply.code, apply.stderr).toBe(0);
    const [put] = world.writes();
    expect((put!.body as { properties: { tier: string } }).properties.tier).toBe('gold');
    expect((world.named('orders')[0]!.properties as unknown as { tier: string }).tier).toBe('gold');
  });
});
