import { describe, expect, it } from 'vitest';
import { checkClockSkew, checkRateLimitHeaders, estimateSkew } from '../../../src/doctor/checks-headers.js';
import { checkBackupLocations, checkPageSize, checkVersions } from '../../../src/doctor/checks-lists.js';
import { checkEndpoint, checkLatency, checkToken } from '../../../src/doctor/checks-reach.js';
import { checkRegion } from '../../../src/doctor/report.js';
import type { ConnectStep } from '../../../src/doctor/types.js';
import { exchange, listBody, observation, SETTINGS } from './observation.js';

function failedAt(step: ConnectStep['step'], code: string, detail = code): ConnectStep[] {
  const order: ConnectStep['step'][] = ['dns', 'tcp', 'tls'];
  return order
    .slice(0, order.indexOf(step) + 1)
    .map((s) =>
      s === step
        ? { step: s, state: 'failed', ms: null, detail, code }
        : { step: s, state: 'ok', ms: 1, detail: 'fine', code: null },
    );
}

describe('endpoint', () => {
  it.each([
    ['dns', 'ENOTFOUND', 'DNS', 'does not resolve'],
    ['tcp', 'ECONNREFUSED', 'TCP', 'nothing accepted a TCP connection'],
    ['tls', 'CERT_HAS_EXPIRED', 'TLS', "the server's certificate was refused (CERT_HAS_EXPIRED)"],
    ['tls', 'ERR_SSL_WRONG_VERSION_NUMBER', 'TLS', 'use http://'],
  ] as const)('a %s failure (%s) names its step', (step, code, summary, hint) => {
    const result = checkEndpoint(observation({ connect: failedAt(step, code), auth: undefined }));
    expect(result).toMatchObject({ status: 'fail', summary, data: { failedStep: step } });
    expect(result.hint).toContain(hint);
  });

  it('a request without an answer after connecting is an HTTP failure', () => {
    const obs = observation({
      auth: undefined,
      httpFailure: { path: '/clusters?offset=0&limit=1', code: 'ECONNRESET', message: 'other side closed' },
    });
    expect(checkEndpoint(obs)).toMatchObject({ status: 'fail', summary: 'HTTP', data: { failedStep: 'http' } });
  });

  it('404 on /clusters is a wrong base path', () => {
    const result = checkEndpoint(observation({ auth: exchange({ status: 404 }) }));
    expect(result).toMatchObject({ status: 'fail', summary: '404' });
    expect(result.hint).toContain('no /v2');
  });

  it('passes with the steps and their times in the detail', () => {
    const result = checkEndpoint(observation());
    expect(result.status).toBe('pass');
    expect(result.detail).toBe('DNS 3ms (2 addresses), TCP 12ms (192.0.2.1:443), TLS 25ms (TLSv1.3), HTTP 200');
  });
});

describe('token', () => {
  it.each([
    [200, 'pass', null],
    [401, 'fail', 'IONOS_TOKEN is wrong or expired'],
    [403, 'fail', 'lacks the DBaaS privilege'],
    [429, 'fail', 'throttling'],
    [503, 'fail', 'server error'],
    [418, 'fail', 'does not document'],
  ] as const)('HTTP %i → %s', (status, verdict, hint) => {
    const result = checkToken(observation({ auth: exchange({ status }) }));
    expect(result.status).toBe(verdict);
    if (hint === null) expect(result.hint).toBeNull();
    else expect(result.hint).toContain(hint);
  });

  it('is skipped when the endpoint did not answer', () => {
    expect(checkToken(observation({ auth: undefined })).status).toBe('skipped');
    expect(checkToken(observation({ auth: exchange({ status: 404 }) })).status).toBe('skipped');
  });
});

describe('latency', () => {
  it('is the median of the successful samples', () => {
    expect(checkLatency(observation(), SETTINGS)).toMatchObject({
      status: 'pass',
      summary: '25ms',
      data: { medianMs: 25 },
    });
  });

  it('fails above the threshold', () => {
    const slow = [3500, 3100, 4000].map((ms) => exchange({ answeredAt: 1_700_000_000_000 + ms }));
    expect(checkLatency(observation({ latency: slow }), SETTINGS)).toMatchObject({ status: 'fail', summary: '3.5s' });
  });
});

describe('catalogue', () => {
  it('passes with the names listed', () => {
    expect(checkVersions(observation())).toMatchObject({ status: 'pass', data: { count: 1, names: ['16'] } });
    expect(checkBackupLocations(observation()).detail).toBe('1 backup locations: de');
  });

  it.each([
    ['an empty list', exchange({ body: { items: [] } }), 'empty'],
    ['a missing items key (an empty list)', exchange({ body: {} }), 'empty'],
    ['no JSON list', exchange({ body: undefined }), 'not a list'],
    ['an error status', exchange({ status: 500 }), 'HTTP 500'],
  ])('fails on %s', (_, versions, summary) => {
    const result = checkVersions(observation({ versions }));
    expect(result).toMatchObject({ status: 'fail', summary });
    expect(result.hint).toBeTruthy();
  });
});

describe('page size', () => {
  const page = (body: unknown, status = 200) => exchange({ path: '/clusters?offset=0&limit=100', body, status });
  const next = (body: unknown) => exchange({ path: '/clusters?offset=5&limit=1', body });

  it('a full page is honoured', () => {
    expect(checkPageSize(observation(), SETTINGS)).toMatchObject({ status: 'pass', summary: '100' });
  });

  it('a short page while more exist and the asked limit echoed is a silent cap', () => {
    const obs = observation({ firstPage: page(listBody(5, 100)), nextPage: next(listBody(1, 1, 5)) });
    const result = checkPageSize(obs, SETTINGS);
    expect(result).toMatchObject({ status: 'fail', summary: 'cap 5', data: { cap: 5, echoedLimit: 100 } });
    expect(result.hint).toContain('PGENSURE_PAGE_SIZE=5');
  });

  it('a cap the body announces in `limit` passes (pgensure follows it)', () => {
    const obs = observation({ firstPage: page(listBody(5, 5)), nextPage: next(listBody(1, 1, 5)) });
    expect(checkPageSize(obs, SETTINGS)).toMatchObject({ status: 'pass', summary: 'cap 5', data: { cap: 5 } });
    const last = observation({ firstPage: page(listBody(5, 5)), nextPage: next(listBody(0, 1, 5)) });
    expect(checkPageSize(last, SETTINGS)).toMatchObject({ status: 'pass', summary: 'cap 5' });
  });

  it('an announced limit above what came back, with more to come, is still a silent cap', () => {
    const obs = observation({ firstPage: page(listBody(5, 50)), nextPage: next(listBody(1, 1, 5)) });
    expect(checkPageSize(obs, SETTINGS)).toMatchObject({ status: 'fail', summary: 'cap 5' });
  });

  it('a next page that repeats the first one means offset is ignored', () => {
    const obs = observation({ firstPage: page(listBody(5, 100)), nextPage: next(listBody(1, 1, 0)) });
    expect(checkPageSize(obs, SETTINGS)).toMatchObject({ status: 'fail', summary: 'offset ignored' });
  });

  it('too few clusters to tell is not verifiable, not a failure', () => {
    const empty = checkPageSize(observation({ firstPage: page(listBody(0, 100)) }), SETTINGS);
    expect(empty).toMatchObject({ status: 'unverifiable', summary: 'no clusters' });
    const few = observation({ firstPage: page(listBody(3, 100)), nextPage: next(listBody(0, 1, 3)) });
    expect(checkPageSize(few, SETTINGS)).toMatchObject({ status: 'unverifiable', summary: 'all 3' });
    const unread = observation({ firstPage: page(listBody(3, 100)), nextPage: undefined });
    expect(checkPageSize(unread, SETTINGS).status).toBe('unverifiable');
  });

  it('a 400 for the asked limit fails with a smaller page size as the hint', () => {
    const result = checkPageSize(observation({ firstPage: page({}, 400) }), { ...SETTINGS, pageSize: 1000 });
    expect(result).toMatchObject({ status: 'fail', summary: '400 refused' });
    expect(result.hint).toContain('e.g. 100');
  });

  it('more than asked is fine', () => {
    expect(checkPageSize(observation({ firstPage: page(listBody(120, 100)) }), SETTINGS).status).toBe('pass');
  });
});

describe('rate-limit headers', () => {
  it('reports Retry-After, RateLimit-* and X-RateLimit-* (and nothing else), and counts 429s', () => {
    const exchanges = [
      exchange({ headers: { 'ratelimit-limit': '100', 'x-ratelimit-remaining': '97', server: 'nginx' } }),
      exchange({ status: 429, headers: { 'retry-after': '2', ratelimit: 'limit=100, remaining=0' } }),
    ];
    const result = checkRateLimitHeaders(observation({ exchanges }));
    expect(result).toMatchObject({ status: 'pass', summary: '4 seen' });
    expect(result.data).toEqual({
      headers: {
        'ratelimit-limit': '100',
        'x-ratelimit-remaining': '97',
        'retry-after': '2',
        ratelimit: 'limit=100, remaining=0',
      },
      rateLimitedAnswers: 1,
      answers: 2,
    });
  });

  it('none seen is reported, not failed', () => {
    expect(checkRateLimitHeaders(observation())).toMatchObject({ status: 'pass', summary: 'none' });
  });
});

describe('clock skew', () => {
  const at = (localStart: number, serverDate: number) =>
    exchange({
      startedAt: localStart,
      answeredAt: localStart + 50,
      headers: { date: new Date(serverDate).toUTCString() },
    });

  it('intersects the one-second windows of several Date headers', () => {
    // Local 0.3 s and 0.8 s into a second; the server is 5.5 s ahead.
    const base = 1_700_000_000_000;
    const exchanges = [at(base + 300, base + 5800), at(base + 800, base + 6300)];
    const result = checkClockSkew(observation({ exchanges }), SETTINGS);
    expect(result.status).toBe('pass');
    const { skewMs, uncertaintyMs } = result.data as { skewMs: number; uncertaintyMs: number };
    expect(Math.abs(skewMs - 5500)).toBeLessThanOrEqual(uncertaintyMs);
    expect(uncertaintyMs).toBeLessThan(500);
  });

  it('fails beyond the threshold, either way', () => {
    const base = 1_700_000_000_000;
    const ahead = checkClockSkew(observation({ exchanges: [at(base, base + 45_000)] }), SETTINGS);
    expect(ahead).toMatchObject({ status: 'fail', summary: '+45.5s' });
    const behind = checkClockSkew(observation({ exchanges: [at(base, base - 90_000)] }), SETTINGS);
    expect(behind.status).toBe('fail');
    expect(behind.hint).toContain('NTP');
  });

  it('no Date header is not verifiable', () => {
    const result = checkClockSkew(observation({ exchanges: [exchange({ headers: {} })] }), SETTINGS);
    expect(result.status).toBe('unverifiable');
  });

  it('disagreeing servers fall back to the median of the windows', () => {
    const { skew } = estimateSkew([
      { lo: 0, hi: 1000 },
      { lo: 10_000, hi: 11_000 },
      { lo: 500, hi: 1500 },
    ]);
    expect(skew).toBe(1000);
  });
});

describe('checkRegion', () => {
  it('runs every check in order; a region is ok unless one fails (unverifiable is ok)', () => {
    const report = checkRegion(observation({ firstPage: exchange({ body: listBody(0, 100) }) }), SETTINGS);
    expect(report.checks.map((c) => c.id)).toEqual([
      'endpoint',
      'token',
      'latency',
      'versions',
      'backup-locations',
      'page-size',
      'rate-limit-headers',
      'clock-skew',
    ]);
    expect(report.ok).toBe(true);
    expect(checkRegion(observation({ auth: exchange({ status: 401 }) }), SETTINGS).ok).toBe(false);
  });
});
