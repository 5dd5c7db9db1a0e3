import { describe, expect, it } from 'vitest';
import { PacedQueue } from '../../../src/api/paced-queue.js';
import { rejectionOf } from './harness.js';

/** A queue on a fake clock that its sleep advances; records when each request was released. */
function queueOn(rate: number, burst: number, blockedUntil = { t: 0 }) {
  const clock = { t: 0 };
  const sleeps: number[] = [];
  const queue = new PacedQueue(
    {
      now: () => clock.t,
      sleep: async (ms) => {
        sleeps.push(ms);
        await new Promise((resolve) => setImmediate(resolve)); // released requests record their time first
        clock.t += ms;
      },
      blockedForMs: () => Math.max(0, blockedUntil.t - clock.t),
    },
    rate,
    burst,
  );
  const released: number[] = [];
  const take = () => queue.acquire().then(() => released.push(clock.t));
  return { queue, clock, sleeps, released, take };
}

describe('PacedQueue', () => {
  it('releases queued requests first come first served, one token per 1/rate', async () => {
    const q = queueOn(10, 1);
    await Promise.all([q.take(), q.take(), q.take()]);
    expect(q.released).toEqual([0, 100, 200]);
  });

  it('lets a write (first) go before queued reads, behind earlier writes, so it follows its own read at once', async () => {
    const q = queueOn(10, 1);
    const order: string[] = [];
    const take = (name: string, first = false) => q.queue.acquire(undefined, first).then(() => order.push(name));
    await Promise.all([take('read-1'), take('read-2'), take('read-3'), take('write-1', true), take('write-2', true)]);
    expect(order).toEqual(['read-1', 'write-1', 'write-2', 'read-2', 'read-3']);
  });

  it('lets a burst go at once, then paces', async () => {
    const q = queueOn(4, 3);
    await Promise.all([q.take(), q.take(), q.take(), q.take()]);
    expect(q.released).toEqual([0, 0, 0, 250]);
  });

  it('applies a lowered rate to requests that are already waiting', async () => {
    const q = queueOn(10, 1);
    const first = q.take();
    const rest = Promise.all([q.take(), q.take()]);
    await first;
    q.queue.setRate(2, 1);
    q.queue.drain();
    await rest;
    expect(q.released).toEqual([0, 500, 1000]);
  });

  it('holds everything until the Retry-After block ends', async () => {
    const q = queueOn(Number.POSITIVE_INFINITY, 1, { t: 1500 });
    await Promise.all([q.take(), q.take()]);
    expect(q.released).toEqual([1500, 1500]);
    expect(q.sleeps).toEqual([1500]);
  });

  it('never sleeps when unlimited and not blocked', async () => {
    const q = queueOn(Number.POSITIVE_INFINITY, 1);
    await Promise.all([q.take(), q.take(), q.take()]);
    expect(q.sleeps).toEqual([]);
  });

  it('serves requests that arrive in the same tick right after the queue emptied', async () => {
    const q = queueOn(100, 5);
    await q.take();
    await Promise.all([q.take(), q.take()]); // would hang if the finished loop still looked busy
    expect(q.released).toEqual([0, 0, 0]);
  });

  it('an aborted request leaves the queue with its reason; the others still go', async () => {
    const q = queueOn(10, 1);
    await q.take();
    const controller = new AbortController();
    const aborted = q.queue.acquire(controller.signal);
    const next = q.take();
    controller.abort(new Error('cancelled'));
    expect(((await rejectionOf(aborted)) as Error).message).toBe('cancelled');
    await next;
    expect(q.released).toEqual([0, 100]);
    expect(q.queue.waiting).toBe(0);
  });
});
