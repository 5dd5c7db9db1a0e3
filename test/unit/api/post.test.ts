import { describe, expect, it } from 'vitest';
import { type ClusterProperties, deliveryOf, mayHaveBeenApplied } from '../../../src/api/index.js';
import { ApiError, NetworkError, UsageError } from '../../../src/errors.js';
import { apiErrorBody, createHarness, FRA, rejectionOf, TOKEN } from './harness.js';

const PASSWORD = 'Post-Passw0rd-Secret';
const PROPERTIES = {
  name: 'orders',
  version: '16',
  credentials: { username: 'u', database: 'd', password: PASSWORD },
} as unknown as ClusterProperties;
const CREATED = {
  id: '5f0b0b7e-3f53-4a1b-8b5e-1d2f3a4b5c6d',
  type: 'cluster',
  href: '/clusters/5f0b0b7e-3f53-4a1b-8b5e-1d2f3a4b5c6d',
  metadata: { state: 'PROVISIONING' },
  properties: { name: 'orders' },
};
const err = (code: string) => Object.assign(new Error(code), { code });

describe('postCluster', () => {
  it('POSTs {properties} to /clusters with a JSON body and returns what the server created', async () => {
    const h = createHarness();
    let seen: { body?: unknown; headers?: unknown } | undefined;
    h.agent
      .get(FRA)
      .intercept({ path: '/clusters', method: 'POST' })
      .reply((req) => {
        seen = req;
        return { statusCode: 201, data: CREATED };
      });
    expect(await h.client.postCluster('de-fra', PROPERTIES)).toEqual(CREATED);
    expect(JSON.parse(String(seen?.body))).toEqual({ properties: PROPERTIES });
    expect(seen?.headers).toMatchObject({ 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` });
  });

  it.each([
    [503, 'unknown'],
    [502, 'unknown'],
    [500, 'unknown'],
    [429, 'not-applied'],
    [422, 'not-applied'],
    [409, 'not-applied'],
  ] as const)('is not retried on HTTP %i (delivery: %s)', async (status, delivery) => {
    const h = createHarness();
    h.agent
      .get(FRA)
      .intercept({ path: '/clusters', method: 'POST' })
      .reply(status, apiErrorBody(status, ['E', 'no']), { headers: { 'retry-after': '1' } });
    const e = await rejectionOf(h.client.postCluster('de-fra', PROPERTIES));
    expect(e).toBeInstanceOf(ApiError);
    expect(deliveryOf(e)).toBe(delivery);
    expect(mayHaveBeenApplied(e)).toBe(delivery === 'unknown');
    expect(h.delays).toEqual([]);
    expect(h.agent.pendingInterceptors()).toHaveLength(0);
  });

  it.each([['ECONNRESET'], ['UND_ERR_SOCKET'], ['EPIPE']])(
    'is not retried after %s (the server may have the request): delivery unknown',
    async (code) => {
      const h = createHarness();
      h.agent.get(FRA).intercept({ path: '/clusters', method: 'POST' }).replyWithError(err(code));
      const e = (await rejectionOf(h.client.postCluster('de-fra', PROPERTIES))) as NetworkError;
      expect(e.causeCode).toBe(code);
      expect(deliveryOf(e)).toBe('unknown');
      expect(h.delays).toEqual([]);
    },
  );

  it('is not retried after a timeout: delivery unknown', async () => {
    const h = createHarness({ timeoutMs: 20 });
    h.agent.get(FRA).intercept({ path: '/clusters', method: 'POST' }).reply(201, CREATED).delay(2000);
    const e = (await rejectionOf(h.client.postCluster('de-fra', PROPERTIES))) as NetworkError;
    expect(e.causeCode).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(deliveryOf(e)).toBe('unknown');
    expect(h.delays).toEqual([]);
  });

  it('is retried after a refused connection (nothing was sent), and then succeeds', async () => {
    const h = createHarness();
    const pool = h.agent.get(FRA);
    pool.intercept({ path: '/clusters', method: 'POST' }).replyWithError(err('ECONNREFUSED'));
    pool.intercept({ path: '/clusters', method: 'POST' }).reply(201, CREATED);
    expect((await h.client.postCluster('de-fra', PROPERTIES)).id).toBe(CREATED.id);
    expect(h.delays).toHaveLength(1);
  });

  it('refused on every attempt: delivery not-sent', async () => {
    const h = createHarness({ retry: { maxAttempts: 2 } });
    h.agent.get(FRA).intercept({ path: '/clusters', method: 'POST' }).replyWithError(err('ECONNREFUSED')).times(2);
    const e = await rejectionOf(h.client.postCluster('de-fra', PROPERTIES));
    expect(deliveryOf(e)).toBe('not-sent');
    expect(mayHaveBeenApplied(e)).toBe(false);
  });

  it('a 2xx without a usable body is an error whose delivery is unknown (the cluster probably exists)', async () => {
    const h = createHarness();
    const pool = h.agent.get(FRA);
    pool.intercept({ path: '/clusters', method: 'POST' }).reply(201, { type: 'cluster' });
    pool.intercept({ path: '/clusters', method: 'POST' }).reply(201, 'not json');
    for (const message of ['has no `id`', 'expected a JSON object']) {
      const e = (await rejectionOf(h.client.postCluster('de-fra', PROPERTIES))) as ApiError;
      expect(e.message).toContain(message);
      expect(deliveryOf(e)).toBe('unknown');
    }
  });

  it('never shows the password, even when the server echoes the body', async () => {
    const h = createHarness();
    h.agent
      .get(FRA)
      .intercept({ path: '/clusters', method: 'POST' })
      .reply(422, (req) => apiErrorBody(422, ['V', `bad body ${String(req.body)}`]));
    const e = (await rejectionOf(h.client.postCluster('de-fra', PROPERTIES))) as ApiError;
    expect(e.message).toContain('[REDACTED]');
    expect(JSON.stringify([e.message, e.apiMessage, h.logs])).not.toContain(PASSWORD);
  });
});

describe('deliveryOf', () => {
  it('classifies what a failed call may have done', () => {
    const req = { method: 'POST', url: `${FRA}/clusters` };
    expect(deliveryOf(new NetworkError(req, 'ENOTFOUND'))).toBe('not-sent');
    expect(deliveryOf(new NetworkError(req, 'UND_ERR_CONNECT_TIMEOUT'))).toBe('not-sent');
    expect(deliveryOf(new NetworkError(req, 'DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe('not-sent');
    expect(deliveryOf(new NetworkError(req, 'UND_ERR_BODY_TIMEOUT'))).toBe('unknown');
    expect(deliveryOf(new ApiError(req, { status: 307, message: 'moved' }))).toBe('not-applied');
    expect(deliveryOf(new ApiError(req, { status: 201, message: 'too large' }))).toBe('unknown');
    expect(deliveryOf(new UsageError('empty id'))).toBe('not-sent');
    expect(deliveryOf(new Error('aborted by the caller'))).toBe('unknown');
  });
});
