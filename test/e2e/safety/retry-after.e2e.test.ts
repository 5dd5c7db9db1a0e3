import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../../src/emulator/index.js';
import { FAST_APPLY, type SafetyWorld, startSafetyWorld } from '../../helpers/safety-world.js';

let world: SafetyWorld;
beforeEach(async () => {
  world = await startSafetyWorld({ provisioningDelayMs: 200 });
});
afterEach(() => world.close());

/** The emulator's own grace for timer granularity (docs/emulator.md §9): a request this close is not early. */
const GRACE_MS = 1;
/**
 * A request arriving this soon after a 429 may have been sent before that answer reached the client (a region's
 * lists are read in parallel, and on a loaded 2-core machine the CLI can be descheduled between sending them), so it
 * could not have honoured it. Every request sent later must. Still far below what a client ignoring Retry-After
 * would do: its own throttle floor (1 s) would bring it back ~1 s early, and that is caught (tried).
 */
const IN_FLIGHT_MS = 250;

/**
 * Every request that reached a region before the deadline an earlier 429 of that region announced
 * (arrival + Retry-After seconds), measured from the emulator's request log alone.
 */
function earlyArrivals(log: readonly RecordedRequest[], retryAfterSeconds: number): string[] {
  const deadline = new Map<string, number>();
  const early: string[] = [];
  for (const request of log) {
    const region = request.region ?? '';
    const until = deadline.get(region);
    const inFlight = until !== undefined && request.at < until - retryAfterSeconds * 1000 + IN_FLIGHT_MS;
    if (until !== undefined && !inFlight && request.at < until - GRACE_MS) {
      early.push(`#${request.seq} ${request.method} ${request.path} came ${(until - request.at).toFixed(1)} ms early`);
    }
    if (request.status === 429) deadline.set(region, Math.max(until ?? 0, request.at + retryAfterSeconds * 1000));
  }
  return early;
}

describe('Retry-After is honoured', () => {
  it('converges under a 429 storm (Retry-After: 2) and no request arrives before the server allowed it', async () => {
    // One cluster per region: the limit is per region. A region's three lists are read in parallel, so a request can
    // be on the wire when another one's 429 is issued; it could not have honoured it (IN_FLIGHT_MS), every later one must.
    world.writeSpec({ name: 'orders', region: 'de-fra' });
    world.writeSpec({ name: 'billing', region: 'es-vit' });
    world.writeSpec({ name: 'search', region: 'fr-par' });
    world.emulator.setFaults({ rateLimit: { requestsPerSecond: 1, burst: 3, retryAfterSeconds: 2 } });

    const apply = await world.cli(['apply', 'specs', ...FAST_APPLY]);
    const stats = world.emulator.stats();
    const log = [...world.emulator.requests];
    expect(apply.code, apply.stderr).toBe(0);
    expect(stats.rateLimited, 'the storm really happened').toBeGreaterThanOrEqual(3);
    expect(earlyArrivals(log, 2)).toEqual([]);
    expect(new Set(log.filter((r) => r.status === 429).map((r) => r.region)).size, 'every region was throttled').toBe(
      3,
    );

    world.emulator.setFaults({}); // the counters and the log above were taken first
    for (const [name, region] of [
      ['orders', 'de-fra'],
      ['billing', 'es-vit'],
      ['search', 'fr-par'],
    ] as const) {
      expect(world.named(name, region), `${region}/${name} exists once`).toHaveLength(1);
    }
    const again = await world.cli(['plan', 'specs', '--detailed-exitcode']);
    expect(again.code, again.stdout).toBe(0);
  });
});
