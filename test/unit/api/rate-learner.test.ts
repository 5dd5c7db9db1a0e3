import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LEARN_START_RPS,
  estimateRate,
  LEARN_GROW_AFTER_MS,
  LEARN_GROWTH,
  LEARN_SAFETY,
  PROBE_GROW_AFTER_MS,
  RateLearner,
} from '../../../src/api/rate-learner.js';
import { createHarness, FRA } from './harness.js';

const CLUSTER = { id: 'a', type: 'cluster', href: '/clusters/a', metadata: {}, properties: {} };

describe('estimateRate', () => {
  it('is exact for a fixed window: 50 accepted, then 429 until the window resets', () => {
    const successes = Array.from({ length: 50 }, (_, i) => i); // 0..49 ms
    expect(estimateRate(successes, 50, 950)).toBeCloseTo(50);
  });

  it('is exact for a token bucket holding Retry-After worth of tokens, drained by a faster client', () => {
    // r = 20/s, burst 20, client at 40/s from t=0: the bucket is empty after 1 s (40 sent, 40 accepted).
    const successes = Array.from({ length: 40 }, (_, i) => i * 25);
    expect(estimateRate(successes, 1000, 1000)).toBeCloseTo(20, 0);
  });

  it('takes the best tail, so an idle stretch before the burst does not dilute it', () => {
    const successes = [0, 1, 2, ...Array.from({ length: 50 }, (_, i) => 5000 + i)];
    expect(estimateRate(successes, 5050, 950)).toBeCloseTo(50);
  });

  it('is 0 without successes', () => {
    expect(estimateRate([], 1000, 1000)).toBe(0);
  });
});

describe('RateLearner', () => {
  it('starts at 100 req/s with a burst of 20, or at the ceiling when that is lower', () => {
    expect(new RateLearner(undefined, 0).pace).toEqual({ rate: DEFAULT_LEARN_START_RPS, burst: 20 });
    expect(new RateLearner(5, 0).pace).toEqual({ rate: 5, burst: 5 });
  });

  it('after a 429 paces just under the estimate (LEARN_SAFETY), with no burst', () => {
    const learner = new RateLearner(undefined, 0);
    for (let i = 0; i < 50; i++) learner.onSuccess(i, i, 10);
    const pace = learner.onThrottle(50, 50, 950);
    expect(pace?.rate).toBeCloseTo(LEARN_SAFETY * 50);
    expect(pace?.burst).toBe(1);
  });

  it('ignores 429s of requests sent before the lesson (they were in flight), and counts only what is sent after the block', () => {
    const learner = new RateLearner(undefined, 0);
    for (let i = 0; i < 50; i++) learner.onSuccess(i, i, 10);
    const first = learner.onThrottle(50, 50, 950)!;
    expect(learner.onThrottle(49, 60, 950)).toBeUndefined();
    learner.onSuccess(40, 70, 10); // sent before the block ended: not evidence about the next window
    for (let t = 1000; t < 3000; t += 20) learner.onSuccess(t, t + 5, 10); // 50/s after the block
    const second = learner.onThrottle(3000, 3000, 1000)!;
    expect(second.rate).toBeLessThan(first.rate); // a 429 never speeds us up
    expect(second.rate).toBeCloseTo(LEARN_SAFETY * (100 / 3), 0); // 100 accepted over 2 s + 1 s Retry-After
  });

  it('a lone 429 with no history cuts the pace to a quarter at most', () => {
    const learner = new RateLearner(undefined, 0);
    expect(learner.onThrottle(0, 0, 1000)?.rate).toBe(DEFAULT_LEARN_START_RPS / 4);
  });

  it('grows 50 % per 2 s of queueing before any 429, up to the ceiling', () => {
    const learner = new RateLearner(120, 0);
    expect(learner.pace.rate).toBe(100);
    expect(learner.onSuccess(0, PROBE_GROW_AFTER_MS - 1, 5)).toBeUndefined();
    expect(learner.onSuccess(0, PROBE_GROW_AFTER_MS, 5)?.rate).toBe(120);
    expect(learner.onSuccess(0, 3 * PROBE_GROW_AFTER_MS, 5)).toBeUndefined();
  });

  it('after a lesson, grows only after a calm stretch of queueing without a 429; an empty queue restarts the clock', () => {
    const learner = new RateLearner(undefined, 0);
    for (let i = 0; i < 50; i++) learner.onSuccess(i, i, 10);
    const learnt = learner.onThrottle(50, 50, 950)!.rate;
    const calm = 1000 + LEARN_GROW_AFTER_MS;
    expect(learner.onSuccess(calm - 1, calm - 1, 10)).toBeUndefined();
    learner.onSuccess(calm - 1, calm - 1, 0); // nothing queued: not saturated
    expect(learner.onSuccess(calm, calm, 10)).toBeUndefined();
    expect(learner.onSuccess(0, calm - 1 + LEARN_GROW_AFTER_MS, 10)?.rate).toBeCloseTo(learnt * LEARN_GROWTH);
  });
});

describe('RateLearner after a probe that was too fast', () => {
  it('never grows to a pace that was throttled after a lesson again', () => {
    const learner = new RateLearner(undefined, 0);
    for (let i = 0; i < 50; i++) learner.onSuccess(i, i, 10);
    const learnt = learner.onThrottle(50, 50, 950)!.rate;
    const calm = 1000 + LEARN_GROW_AFTER_MS; // the block ended at 1000; 30 s of queueing since
    const probed = learner.onSuccess(calm, calm, 10)!.rate;
    expect(probed).toBeCloseTo(learnt * LEARN_GROWTH);
    // The probe is throttled: the server's bucket had 50 tokens, we sent faster (sent after the lesson: it counts).
    const at = calm + 500;
    for (let t = at - 1000; t < at; t += 20) learner.onSuccess(t, t, 10);
    const relearnt = learner.onThrottle(at, at, 1000)!.rate;
    expect(relearnt).toBeLessThan(probed);
    // However long it stays calm, growth stops just under the pace that failed.
    let now = at + 1000;
    for (let k = 0; k < 20; k++) {
      now += LEARN_GROW_AFTER_MS;
      learner.onSuccess(now, now, 10);
    }
    expect(learner.onSuccess(now, now + LEARN_GROW_AFTER_MS, 10)).toBeUndefined();
    expect(learner.onSuccess(now, now + 2 * LEARN_GROW_AFTER_MS, 10)).toBeUndefined();
  });
});

describe('the learning gate in the client', () => {
  it('after a 429 spaces the next requests by the learnt rate', async () => {
    const h = createHarness({ learnRateLimit: true, burst: 100 });
    const pool = h.agent.get(FRA);
    pool.intercept({ path: '/clusters/a' }).reply(200, CLUSTER).times(40);
    pool.intercept({ path: '/clusters/a' }).reply(429, '', { headers: { 'retry-after': '1' } });
    pool.intercept({ path: '/clusters/a' }).reply(200, CLUSTER).times(3);
    for (let i = 0; i < 40; i++) await h.client.getCluster('de-fra', 'a'); // all at T0 (the fake clock stands still)
    expect(h.delays).toEqual([]); // within the burst: no waiting before the first 429
    await h.client.getCluster('de-fra', 'a'); // 429: 40 accepted within 0 s + 1 s Retry-After → 40/s → pace 39.2/s
    await h.client.getCluster('de-fra', 'a');
    await h.client.getCluster('de-fra', 'a');
    // [Retry-After + jitter, then one token per 1/39.2 s]
    expect(h.delays).toEqual([1125, 26, 26]);
  });
});
