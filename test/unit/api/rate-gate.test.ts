import { describe, expect, it } from 'vitest';
import { DEFAULT_ADAPTIVE_RPS, RateGate, type RateGateOptions } from '../../../src/api/index.js';
import { rejectionOf } from './harness.js';

/** A gate on a fake clock; `sleep` records and (optionally) advances the clock. */
function gateOn(options: Partial<RateGateOptions>, advance = true) {
  const clock = { t: 0 };
  const delays: number[] = [];
  const gate = new RateGate({
    now: () => clock.t,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      delays.push(ms);
      if (advance) clock.t += ms;
    },
    ...options,
  });
  return { gate, clock, delays };
}

describe('RateGate', () => {
  it('never waits when unlimited and not blocked', async () => {
    const { gate, delays } = gateOn({});
    await Promise.all([gate.acquire(), gate.acquire(), gate.acquire()]);
    expect(delays).toEqual([]);
    expect(gate.rate).toBe(Number.POSITIVE_INFINITY);
  });

  it('spaces concurrent requests by the token bucket, first come first served', async () => {
    const { gate, delays } = gateOn({ requestsPerSecond: 2, burst: 1 }, false);
    await Promise.all([gate.acquire(), gate.acquire(), gate.acquire()]);
    expect(delays).toEqual([500, 1000]);
  });

  it('lets a burst through, then applies the rate', async () => {
    const { gate, delays } = gateOn({ requestsPerSecond: 1, burst: 3 }, false);
    await Promise.all([gate.acquire(), gate.acquire(), gate.acquire(), gate.acquire()]);
    expect(delays).toEqual([1000]);
  });

  it('holds every request until a block deadline, which only ever moves out', async () => {
    const { gate, delays, clock } = gateOn({});
    gate.blockUntil(2000);
    gate.blockUntil(1000); // a shorter Retry-After does not shorten the block
    expect(gate.blockedForMs()).toBe(2000);
    await gate.acquire();
    expect(delays).toEqual([2000]);
    expect(clock.t).toBe(2000);
    await gate.acquire();
    expect(delays).toEqual([2000]);
  });

  it('keeps waiting when another 429 extends the block while it sleeps', async () => {
    const clock = { t: 0 };
    const delays: number[] = [];
    const gate: RateGate = new RateGate({
      now: () => clock.t,
      sleep: async (ms) => {
        delays.push(ms);
        clock.t += ms;
        if (delays.length === 1) gate.blockUntil(clock.t + 3000);
      },
    });
    gate.blockUntil(1000);
    await gate.acquire();
    expect(delays).toEqual([1000, 3000]);
  });

  it('rejects with the signal reason when aborted while blocked', async () => {
    const { gate } = gateOn({});
    gate.blockUntil(60_000);
    const reason = new Error('cancelled');
    expect(await rejectionOf(gate.acquire(AbortSignal.abort(reason)))).toBe(reason);
  });

  it('adaptive: halves the rate on 429 (once per cooldown), down to a floor', () => {
    const { gate, clock } = gateOn({ requestsPerSecond: 8, adaptive: true });
    expect(gate.rate).toBe(8);
    gate.recordThrottle();
    expect(gate.rate).toBe(4);
    gate.recordThrottle(); // the same burst of 429s: counted once
    expect(gate.rate).toBe(4);
    for (let i = 0; i < 10; i++) {
      clock.t += 1000;
      gate.recordThrottle();
    }
    expect(gate.rate).toBe(0.5);
  });

  it('adaptive: grows slowly on success, never above the ceiling', () => {
    const { gate } = gateOn({ requestsPerSecond: 8, adaptive: true });
    gate.recordThrottle();
    gate.recordSuccess();
    expect(gate.rate).toBeCloseTo(4.25); // + 1/rate per success
    for (let i = 0; i < 4; i++) gate.recordSuccess();
    expect(gate.rate).toBeGreaterThan(5);
    expect(gate.rate).toBeLessThan(5.2); // ~+1 req/s after ~rate successes
    for (let i = 0; i < 1000; i++) gate.recordSuccess();
    expect(gate.rate).toBe(8);
  });

  it('adaptive without a rate starts at the default ceiling; non-adaptive ignores 429 signals', () => {
    expect(gateOn({ adaptive: true }).gate.rate).toBe(DEFAULT_ADAPTIVE_RPS);
    const { gate } = gateOn({ requestsPerSecond: 8 });
    gate.recordThrottle();
    expect(gate.rate).toBe(8);
  });
});
