/**
 * The main flow against the other side of every guess the emulator makes about the real API (issue 9, "the e2e
 * suite runs the main flows in both modes"): no create by PUT, a silent page cap of 2, a 400 above limit 50, a live
 * property pgensure does not know, DELETE accepted while busy, and deleted ids refused.
 */
import { describe, expect, it } from 'vitest';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { DEMO_PASSWORDS } from '../helpers/workspace.js';

const SPECS = 'examples/clusters';
const APPLY = ['--auto-approve', '--poll-interval', '50ms'];
const world = useE2eWorld('e2e-other-side-token', {
  env: DEMO_PASSWORDS,
  emulator: {
    putCreate: 'off',
    maxPageSize: 2,
    silentCap: true,
    maxLimit: 50,
    extraProperties: { tier: 'standard' },
    deleteWhileBusy: 'accept',
    reuseDeletedIds: 'refuse',
  },
});
const writes = () => world.emulator.requests.filter((r) => r.method !== 'GET');

describe('the main flow against the other side of every guess', () => {
  it('validates, plans, creates by POST, converges, updates carrying the unknown field, and deletes', async () => {
    expect((await world.cli(['validate', SPECS])).code).toBe(0);
    const apply = await world.cli(['apply', SPECS, ...APPLY]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(
      writes()
        .filter((r) => r.method === 'POST')
        .map((r) => r.status),
    ).toEqual([201, 201, 201]);
    expect(
      world.emulator
        .listClusters()
        .map((c) => c.properties.name)
        .sort(),
    ).toEqual(['analytics', 'billing-staging', 'orders-prod']);
    const again = await world.cli(['plan', SPECS, '--detailed-exitcode']);
    expect(again.code, again.stdout + again.stderr).toBe(0);

    world.ws.edit('orders-prod.yaml', 'cores: 4', 'cores: 8');
    world.emulator.clearRequests();
    expect((await world.cli(['apply', SPECS, ...APPLY])).code).toBe(0);
    const [put] = writes();
    expect(put!.method).toBe('PUT');
    expect((put!.body as { properties: { tier: string } }).properties.tier).toBe('standard');

    world.ws.edit('billing-staging.yaml', 'metadata:', 'policy:\n  ensure: absent\nmetadata:');
    expect((await world.cli(['apply', SPECS, ...APPLY])).code).toBe(0);
    expect(
      world.emulator
        .listClusters()
        .map((c) => c.properties.name)
        .sort(),
    ).toEqual(['analytics', 'orders-prod']);
    expect((await world.cli(['plan', SPECS, '--detailed-exitcode'])).code).toBe(0);
  });
});
