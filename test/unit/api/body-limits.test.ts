import { describe, expect, it } from 'vitest';
import { BodyLock } from '../../../src/api/body-lock.js';
import { ApiError } from '../../../src/errors.js';
import { createHarness, FRA, rejectionOf } from './harness.js';

describe('response body limits', () => {
  it('a body over maxBodyBytes fails the call, naming the URL, and is not retried', async () => {
    const h = createHarness({ maxBodyBytes: 1000 });
    h.agent
      .get(FRA)
      .intercept({ path: '/clusters/big' })
      .reply(200, JSON.stringify({ id: 'big', blob: 'x'.repeat(2000) }));
    const e = (await rejectionOf(h.client.getCluster('de-fra', 'big'))) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toBe(
      `GET ${FRA}/clusters/big failed: HTTP 200: the response body is larger than 1000 bytes; stopped reading it`,
    );
    expect(h.delays).toEqual([]);
  });

  it('an error body over the limit is cut off too', async () => {
    const h = createHarness({ maxBodyBytes: 1000 });
    h.agent.get(FRA).intercept({ path: '/clusters/big' }).reply(503, 'y'.repeat(5000));
    const e = (await rejectionOf(h.client.getCluster('de-fra', 'big'))) as ApiError;
    expect(e.message).toContain('larger than 1000 bytes');
  });

  it('a body at the limit is read; a UTF-8 byte-order mark is not part of the JSON', async () => {
    const body = `\uFEFF${JSON.stringify({ id: 'c', type: 'cluster', metadata: {}, properties: {} })}`;
    const h = createHarness({ maxBodyBytes: Buffer.byteLength(body) });
    h.agent.get(FRA).intercept({ path: '/clusters/c' }).reply(200, body);
    expect((await h.client.getCluster('de-fra', 'c'))?.id).toBe('c');
  });
});

describe('BodyLock', () => {
  it('lets one holder at a time through, in order, and a release twice is harmless', async () => {
    const lock = new BodyLock();
    const signal = new AbortController().signal;
    const order: string[] = [];
    const first = await lock.acquire(signal);
    const second = lock.acquire(signal).then((release) => {
      order.push('second');
      return release;
    });
    const third = lock.acquire(signal).then((release) => {
      order.push('third');
      return release;
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    first();
    first();
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
    const again = await lock.acquire(signal); // free again
    again();
  });

  it('a waiter whose signal aborts leaves the queue and rejects with the reason', async () => {
    const lock = new BodyLock();
    const holder = await lock.acquire(new AbortController().signal);
    const controller = new AbortController();
    const waiting = lock.acquire(controller.signal);
    const next = lock.acquire(new AbortController().signal);
    controller.abort(new Error('timed out'));
    await expect(waiting).rejects.toThrow('timed out');
    holder();
    (await next)(); // the aborted waiter was skipped
  });
});
