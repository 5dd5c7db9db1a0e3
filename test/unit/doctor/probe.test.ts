import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { type ProbeOptions, probeRegion } from '../../../src/doctor/probe.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

let server: Server | undefined;
const agent = new Agent();
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A fake region: `answer` decides each reply; every request is recorded. */
async function fakeRegion(
  answer: (url: string, n: number) => { status: number; headers?: Record<string, string>; body: unknown },
) {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const reply = answer(req.url ?? '', seen.length);
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { seen, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/de-fra` };
}

function options(overrides: Partial<ProbeOptions> = {}): ProbeOptions {
  return {
    token: 'probe-secret',
    userAgent: 'pgensure/test',
    pageSize: 10,
    dispatcher: agent,
    timeoutMs: 5000,
    latencySamples: 2,
    rateLimitRetries: 3,
    maxRetryAfterMs: 30_000,
    now: Date.now,
    sleep: async () => {},
    logger: { debug: () => {} },
    ...overrides,
  };
}

const list = (n: number, limit: number) => ({ items: Array.from({ length: n }, (_, i) => ({ id: `c${i}` })), limit });

describe('probeRegion', () => {
  it('sends only GETs with the client headers, and probes the next offset after a short page', async () => {
    const { seen, baseUrl } = await fakeRegion((url) => ({
      status: 200,
      body: url.includes('offset=3') ? list(0, 1) : url.includes('limit=10') ? list(3, 10) : list(1, 1),
    }));
    const obs = await probeRegion('de-fra', baseUrl, options());
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET /de-fra/clusters?offset=0&limit=1',
      'GET /de-fra/clusters?offset=0&limit=1',
      'GET /de-fra/clusters?offset=0&limit=1',
      'GET /de-fra/versions',
      'GET /de-fra/backup-locations',
      'GET /de-fra/clusters?offset=0&limit=10',
      'GET /de-fra/clusters?offset=3&limit=1',
    ]);
    expect(seen[0]!.headers).toMatchObject({
      authorization: 'Bearer probe-secret',
      accept: 'application/json',
      'user-agent': 'pgensure/test',
    });
    expect(obs.connect.map((s) => `${s.step}:${s.state}`)).toEqual(['dns:ok', 'tcp:ok', 'tls:n/a']);
    expect(obs.latency).toHaveLength(2);
    expect(obs.nextPage?.body).toEqual(list(0, 1));
    expect(obs.exchanges).toHaveLength(7);
  });

  it('waits out a 429 for its Retry-After, records it, and stops probing after a 401', async () => {
    const waits: number[] = [];
    const { seen, baseUrl } = await fakeRegion((_, n) =>
      n === 1
        ? { status: 429, headers: { 'retry-after': '2', 'ratelimit-remaining': '0' }, body: {} }
        : { status: 401, body: { httpStatus: 401, messages: [{ errorCode: 'UNAUTHORIZED', message: 'no' }] } },
    );
    const obs = await probeRegion('de-fra', baseUrl, options({ sleep: async (ms) => void waits.push(ms) }));
    expect(waits).toEqual([2000]);
    expect(seen).toHaveLength(2);
    expect(obs.auth?.status).toBe(401);
    expect(obs.exchanges.map((e) => e.status)).toEqual([429, 401]);
    expect(obs.exchanges[0]!.headers['ratelimit-remaining']).toBe('0');
  });

  it('gives up on a Retry-After longer than it will wait', async () => {
    const { seen, baseUrl } = await fakeRegion(() => ({ status: 429, headers: { 'retry-after': '600' }, body: {} }));
    const obs = await probeRegion('de-fra', baseUrl, options());
    expect(seen).toHaveLength(1);
    expect(obs.auth?.status).toBe(429);
  });

  it('records the failed step and nothing else when nothing listens', async () => {
    const obs = await probeRegion('de-fra', 'http://127.0.0.1:1/de-fra', options());
    expect(obs.connect.at(-1)).toMatchObject({ step: 'tcp', state: 'failed', code: 'ECONNREFUSED' });
    expect(obs.exchanges).toEqual([]);
  });
});
