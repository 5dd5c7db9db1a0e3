import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../../src/errors.js';
import { apiErrorBody, createHarness, FRA, rejectionOf } from './harness.js';

const ID = 'c-1';
const PATH = `/clusters/${ID}`;
const CLUSTER = { id: ID, type: 'cluster', href: PATH, metadata: {}, properties: {} };
const PROPS = { name: 'x' } as never;

describe('retries', () => {
  it('waits at least Retry-After seconds after a 429, then succeeds', async () => {
    const h = createHarness();
    const pool = h.agent.get(FRA);
    pool
      .intercept({ path: PATH })
      .reply(429, apiErrorBody(429, ['RL', 'slow down']), { headers: { 'retry-after': '2' } });
    pool.intercept({ path: PATH }).reply(200, CLUSTER);
    expect(await h.client.getCluster('de-fra', ID)).toEqual(CLUSTER);
    expect(h.delays).toHaveLength(1);
    expect(h.delays[0]).toBeGreaterThanOrEqual(2000);
    expect(h.delays[0]).toBeLessThan(2000 + 250); // jitter stays below one base delay
  });

  it('honours an HTTP-date Retry-After', async () => {
    const h = createHarness();
    const at = new Date(h.clock.t + 5000).toUTCString();
    const pool = h.agent.get(FRA);
    pool.intercept({ path: PATH }).reply(429, '', { headers: { 'retry-after': at } });
    pool.intercept({ path: PATH }).reply(200, CLUSTER);
    await h.client.getCluster('de-fra', ID);
    expect(h.delays[0]).toBeGreaterThanOrEqual(5000);
    expect(h.delays[0]).toBeLessThan(5250);
  });

  it('waits the throttle floor (1 s) after a 429 without Retry-After', async () => {
    const h = createHarness();
    const pool = h.agent.get(FRA);
    pool.intercept({ path: PATH }).reply(429, '');
    pool.intercept({ path: PATH }).reply(200, CLUSTER);
    await h.client.getCluster('de-fra', ID);
    expect(h.delays).toEqual([1125]); // floor 1000 + random 0.5 * base 250
  });

  it('Retry-After: 0 does not burn every attempt within a second: the floor doubles (1, 2, 4, 8, 8 s)', async () => {
    const h = createHarness({ random: () => 0 });
    h.agent
      .get(FRA)
      .intercept({ path: PATH })
      .reply(429, apiErrorBody(429, ['RL', 'slow down']), { headers: { 'retry-after': '0' } })
      .times(6);
    const e = (await rejectionOf(h.client.getCluster('de-fra', ID))) as ApiError;
    expect(e.status).toBe(429);
    expect(e.message).toContain('gave up after 6 attempts');
    expect(h.delays).toEqual([1000, 2000, 4000, 8000, 8000]); // 23 s in all, not ~1 s
  });

  it('Retry-After: 0 then success: one wait of the floor', async () => {
    const h = createHarness({ random: () => 0 });
    const pool = h.agent.get(FRA);
    pool.intercept({ path: PATH }).reply(429, '', { headers: { 'retry-after': '0' } });
    pool.intercept({ path: PATH }).reply(200, CLUSTER);
    expect(await h.client.getCluster('de-fra', ID)).toEqual(CLUSTER);
    expect(h.delays).toEqual([1000]);
  });

  it('a Retry-After longer than the floor wins', async () => {
    const h = createHarness({ random: () => 0 });
    const pool = h.agent.get(FRA);
    pool.intercept({ path: PATH }).reply(429, '', { headers: { 'retry-after': '3' } });
    pool.intercept({ path: PATH }).reply(429, '', { headers: { 'retry-after': '1' } });
    pool.intercept({ path: PATH }).reply(200, CLUSTER);
    await h.client.getCluster('de-fra', ID);
    expect(h.delays).toEqual([3000, 2000]); // max(3 s, 1 s), then max(1 s, 2 s)
  });

  it('retries a timeout only once: a second timeout fails the call whatever attempts are left', async () => {
    const h = createHarness({ timeoutMs: 20 });
    h.agent.get(FRA).intercept({ path: PATH }).reply(200, CLUSTER).delay(2000).times(2);
    const e = (await rejectionOf(h.client.getCluster('de-fra', ID))) as NetworkError;
    expect(e.causeCode).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(e.message).toContain('gave up after 2 attempts');
    expect(h.delays).toHaveLength(1);
  });

  it('counts timeouts, not attempts: a 503 between two timeouts still ends the call at the second', async () => {
    const h = createHarness({ timeoutMs: 20 });
    const pool = h.agent.get(FRA);
    pool.intercept({ path: PATH }).reply(200, CLUSTER).delay(2000);
    pool.intercept({ path: PATH }).reply(503, '');
    pool.intercept({ path: PATH }).reply(200, CLUSTER).delay(2000);
    const e = (await rejectionOf(h.client.getCluster('de-fra', ID))) as NetworkError;
    expect(e.message).toContain('gave up after 3 attempts');
  });

  it('retries 503 with full-jitter exponential backoff, then succeeds', async () => {
    const h = createHarness();
    const pool = h.agent.get(FRA);
    pool
      .intercept({ path: PATH })
      .reply(503, apiErrorBody(503, ['U', 'maintenance']))
      .times(3);
    pool.intercept({ path: PATH }).reply(200, CLUSTER);
    expect(await h.client.getCluster('de-fra', ID)).toEqual(CLUSTER);
    expect(h.delays).toEqual([125, 250, 500]); // 0.5 * 250 * 2^(n-1)
    expect(h.logs.filter((l) => l.level === 'warn')).toEqual([]); // quiet at the default level
    const infos = h.logs.filter((l) => l.level === 'info').map((l) => l.obj);
    expect(infos[0]).toMatchObject({ method: 'GET', path: PATH, attempt: 1, delayMs: 125, reason: 'HTTP 503' });
  });

  it('caps the backoff at maxDelayMs', async () => {
    const h = createHarness({ random: () => 0.999, retry: { maxAttempts: 8, maxDelayMs: 1000 } });
    const pool = h.agent.get(FRA);
    pool.intercept({ path: PATH }).reply(502, '').times(7);
    pool.intercept({ path: PATH }).reply(200, CLUSTER);
    await h.client.getCluster('de-fra', ID);
    expect(Math.max(...h.delays)).toBeLessThan(1000);
    expect(h.delays.slice(-3).every((d) => d >= 990)).toBe(true);
  });

  it('says how many attempts were made when the retries run out', async () => {
    const h = createHarness();
    h.agent
      .get(FRA)
      .intercept({ path: PATH })
      .reply(503, apiErrorBody(503, ['U', 'down']))
      .times(6);
    const e = (await rejectionOf(h.client.getCluster('de-fra', ID))) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(503);
    expect(e.message).toContain('gave up after 6 attempts');
    expect(h.delays).toHaveLength(5);
    expect(h.agent.pendingInterceptors()).toHaveLength(0);
  });

  it('retries 500 on GET but not on PUT or DELETE', async () => {
    const h = createHarness();
    const pool = h.agent.get(FRA);
    pool.intercept({ path: PATH }).reply(500, '');
    pool.intercept({ path: PATH }).reply(200, CLUSTER);
    pool.intercept({ path: PATH, method: 'PUT' }).reply(500, '');
    pool.intercept({ path: PATH, method: 'DELETE' }).reply(500, '');
    await h.client.getCluster('de-fra', ID);
    expect(((await rejectionOf(h.client.putCluster('de-fra', ID, PROPS))) as ApiError).status).toBe(500);
    expect(((await rejectionOf(h.client.deleteCluster('de-fra', ID))) as ApiError).status).toBe(500);
    expect(h.delays).toHaveLength(1);
  });

  it('never repeats a write itself, whatever the answer: apply reads the cluster again and decides', async () => {
    const h = createHarness();
    const pool = h.agent.get(FRA);
    pool.intercept({ path: PATH, method: 'PUT' }).reply(502, '');
    pool.intercept({ path: PATH, method: 'PUT' }).reply(429, apiErrorBody(429, ['R', 'slow down']), {
      headers: { 'retry-after': '0' },
    });
    pool.intercept({ path: PATH, method: 'DELETE' }).reply(503, '');
    expect(((await rejectionOf(h.client.putCluster('de-fra', ID, PROPS))) as ApiError).status).toBe(502);
    expect(((await rejectionOf(h.client.putCluster('de-fra', ID, PROPS))) as ApiError).status).toBe(429);
    expect(((await rejectionOf(h.client.deleteCluster('de-fra', ID))) as ApiError).status).toBe(503);
    // The only wait is the region's pause after the 429 (at least 1 s), before the DELETE: no write was repeated.
    expect(h.delays).toEqual([1000]);
  });

  it('retries a reset connection, then succeeds', async () => {
    const h = createHarness();
    const pool = h.agent.get(FRA);
    pool.intercept({ path: PATH }).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    pool
      .intercept({ path: PATH })
      .replyWithError(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }));
    pool.intercept({ path: PATH }).reply(200, CLUSTER);
    expect(await h.client.getCluster('de-fra', ID)).toEqual(CLUSTER);
    expect(h.delays).toHaveLength(2);
    expect(h.logs.filter((l) => l.level === 'info').map((l) => (l.obj as { reason: string }).reason)).toEqual([
      'ECONNRESET',
      'UND_ERR_SOCKET',
    ]);
  });

  it('fails at once, clearly, when Retry-After is longer than maxRetryAfterMs', async () => {
    const h = createHarness();
    h.agent
      .get(FRA)
      .intercept({ path: PATH })
      .reply(429, '', { headers: { 'retry-after': '600' } });
    const e = (await rejectionOf(h.client.getCluster('de-fra', ID))) as ApiError;
    expect(e.status).toBe(429);
    expect(e.message).toContain('retry after 600 s, longer than the 120 s');
    expect(h.delays).toEqual([]);
  });

  it('logs each attempt at debug with method, path, status, ms and attempt', async () => {
    const h = createHarness();
    h.agent.get(FRA).intercept({ path: PATH }).reply(200, CLUSTER);
    await h.client.getCluster('de-fra', ID);
    const debug = h.logs.filter((l) => l.level === 'debug');
    expect(debug).toHaveLength(1);
    expect(debug[0]?.obj).toMatchObject({ region: 'de-fra', method: 'GET', path: PATH, status: 200, attempt: 1 });
    expect(typeof (debug[0]?.obj as { ms?: unknown } | undefined)?.ms).toBe('number');
  });
});

describe('abort', () => {
  it('stops a retry wait at once and rejects with the signal reason', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const h = createHarness({
      sleep: (_ms, signal) =>
        new Promise((_, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason));
          controller.abort(reason); // abort while waiting
        }),
    });
    h.agent.get(FRA).intercept({ path: PATH }).reply(503, '');
    expect(await rejectionOf(h.client.getCluster('de-fra', ID, { signal: controller.signal }))).toBe(reason);
    expect(h.agent.pendingInterceptors()).toHaveLength(0);
  });

  it('stops a request in flight and does not retry it', async () => {
    const controller = new AbortController();
    const h = createHarness();
    h.agent.get(FRA).intercept({ path: PATH }).reply(200, CLUSTER).delay(10_000);
    const pending = h.client.getCluster('de-fra', ID, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user cancelled')), 5);
    const err = await rejectionOf(pending);
    expect(err).not.toBeInstanceOf(NetworkError);
    expect((err as Error).message).toBe('user cancelled');
    expect(h.delays).toEqual([]);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const h = createHarness();
    h.agent.get(FRA).intercept({ path: PATH }).reply(200, CLUSTER);
    const err = await rejectionOf(h.client.getCluster('de-fra', ID, { signal: AbortSignal.abort(new Error('early')) }));
    expect((err as Error).message).toBe('early');
    expect(h.agent.pendingInterceptors()).toHaveLength(1);
  });
});
