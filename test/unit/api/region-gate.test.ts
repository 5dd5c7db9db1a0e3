import { describe, expect, it } from 'vitest';
import { createHarness, FRA, LHR, T0 } from './harness.js';

const CLUSTER = (id: string) => ({ id, type: 'cluster', href: `/clusters/${id}`, metadata: {}, properties: {} });

/** A sleep the test releases by hand, to hold requests at known points. */
function manualSleep(clock: { t: number }) {
  const waiting: { ms: number; release: () => void }[] = [];
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      waiting.push({ ms, release: resolve });
    });
  const releaseAll = (toMs: number) => {
    clock.t = toMs;
    for (const w of waiting.splice(0)) w.release();
  };
  return { sleep, waiting, releaseAll };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('the per-region gate in the client', () => {
  it('a 429 with Retry-After holds a concurrent request to the same region, not to another region', async () => {
    const clock = { t: T0 };
    const manual = manualSleep(clock);
    const h = createHarness({ sleep: manual.sleep, now: () => clock.t, random: () => 0 });
    const fra = h.agent.get(FRA);
    fra.intercept({ path: '/clusters/a' }).reply(429, '', { headers: { 'retry-after': '2' } });
    fra.intercept({ path: '/clusters/a' }).reply(200, CLUSTER('a'));
    fra.intercept({ path: '/clusters/b' }).reply(200, CLUSTER('b'));
    h.agent.get(LHR).intercept({ path: '/clusters/c' }).reply(200, CLUSTER('c'));

    const a = h.client.getCluster('de-fra', 'a');
    await flush();
    expect(manual.waiting.map((w) => w.ms)).toEqual([2000]); // a waits for its own retry

    clock.t = T0 + 500;
    let bDone = false;
    const b = h.client.getCluster('de-fra', 'b').then((r) => {
      bDone = true;
      return r;
    });
    const c = await h.client.getCluster('gb-lhr', 'c');
    await flush();
    expect(c?.id).toBe('c'); // the other region is not held
    expect(bDone).toBe(false);
    expect(manual.waiting.map((w) => w.ms)).toEqual([2000, 1500]); // b waits out the rest of the block
    expect(h.agent.pendingInterceptors().map((i) => i.path)).toEqual(['/clusters/a', '/clusters/b']);

    manual.releaseAll(T0 + 2000);
    expect((await a)?.id).toBe('a');
    expect((await b)?.id).toBe('b');
  });

  it('adaptive: a 429 halves the rate, so the next requests to the region are spaced twice as far', async () => {
    const run = async (adaptive: boolean) => {
      const h = createHarness({ requestsPerSecond: 4, burst: 1, adaptive });
      const pool = h.agent.get(FRA);
      pool.intercept({ path: '/clusters/a' }).reply(429, '');
      pool.intercept({ path: '/clusters/a' }).reply(200, CLUSTER('a')).times(3);
      for (let i = 0; i < 3; i++) await h.client.getCluster('de-fra', 'a');
      return h.delays;
    };
    // [throttle floor 1000 + jitter 125 (the bucket slot has passed by then), bucket waits before the next two]
    expect(await run(false)).toEqual([1125, 250, 250]);
    expect(await run(true)).toEqual([1125, 500, 400]); // halved to 2 req/s, then growing by 1/rate per success
  });
});
