import { describe, expect, it } from 'vitest';
import type { Answer } from './api.js';
import { LiveConfigError, readLiveConfig } from './config.js';
import {
  describeCredentialEchoes,
  describeDnsName,
  describeErrorBody,
  describeErrorCodes,
  describeIdentities,
  describeRetryAfter,
  describeStates,
  describeUnknownProperties,
  describeUrn,
} from './derive.js';
import { GUESSES } from './guesses.js';
import {
  failureReasons,
  formatDuration,
  judgeGuesses,
  type LiveReport,
  renderReportText,
  summarize,
} from './report.js';
import { isScratchName, renderSpec, scratchName } from './scratch.js';

const LIVE_ENV = {
  PGENSURE_LIVE: '1',
  IONOS_TOKEN: 'tok',
  PGENSURE_LIVE_REGION: 'de-fra',
  PGENSURE_LIVE_DATACENTER_ID: '5a029f4a-72e5-11ec-90d6-0242ac120003',
  PGENSURE_LIVE_LAN_ID: '2',
};

describe('scratch names', () => {
  it('embed the UTC start time and four hex digits', () => {
    expect(scratchName(new Date('2030-01-02T03:04:05.678Z'), 'beef')).toBe('pgensure-live-20300102030405-beef');
  });

  it.each([
    ['pgensure-live-20300102030405-beef', true],
    ['pgensure-live-keep', false],
    ['pgensure-live-20300102030405-beef-x', false],
    ['PGENSURE-LIVE-20300102030405-beef', false],
    ['orders-pgensure-live-20300102030405-beef', false],
    ['pgensure-live-2030010203040-beef', false],
  ])('%s is a scratch name: %s', (name, expected) => {
    expect(isScratchName(name)).toBe(expected);
  });

  it('the spec is the smallest cluster, the password a reference', () => {
    const yaml = renderSpec({
      name: 'pgensure-live-20300102030405-beef',
      region: 'de-fra',
      description: 'scratch',
      version: '16',
      datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
      lanId: '2',
      cidr: '192.168.230.10/24',
      backupLocation: 'eu-central-3',
      retentionDays: 1,
      absent: true,
    });
    expect(yaml).toContain('instances: { count: 1, cores: 1, ram: 4, storageSize: 10 }');
    expect(yaml).toContain('password: { fromEnv: PGENSURE_LIVE_PASSWORD }');
    expect(yaml).toContain('policy: { ensure: absent }');
  });
});

describe('readLiveConfig', () => {
  it('without PGENSURE_LIVE=1 it is the emulator, even with a token in the environment', () => {
    expect(readLiveConfig({ IONOS_TOKEN: 'real', PGENSURE_ENDPOINT: 'https://x/{region}' }, [])).toMatchObject({
      mode: 'emulator',
      token: undefined,
      endpointTemplate: undefined,
    });
  });

  it('live mode reads every variable, with the real API as the default endpoint', () => {
    expect(readLiveConfig(LIVE_ENV, [])).toMatchObject({
      mode: 'live',
      region: 'de-fra',
      endpointTemplate: 'https://postgresql.{region}.ionos.com',
      pollMs: 5000,
      waitTimeoutMs: 45 * 60_000,
      reportPath: 'pgensure-live-report.json',
    });
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      readLiveConfig({ PGENSURE_LIVE: '1', PGENSURE_LIVE_LAN_ID: 'two' }, ['--frobnicate']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LiveConfigError);
    expect((error as LiveConfigError).problems.map((p) => p.split(' ')[0])).toEqual([
      'unknown',
      'IONOS_TOKEN',
      'PGENSURE_LIVE_REGION',
      'PGENSURE_LIVE_DATACENTER_ID',
      'PGENSURE_LIVE_LAN_ID',
    ]);
  });
});

const answer = (body: unknown, overrides: Partial<Answer> = {}): Answer => ({
  method: 'GET',
  path: '/clusters/0b6c1f0e-6a8e-4f31-9d7c-2a1e5d7c9b10',
  status: 200,
  headers: {},
  body,
  ms: 1,
  ...overrides,
});

describe('derive', () => {
  it('finds properties and nested keys outside the schema', () => {
    expect(describeUnknownProperties({ name: 'a', instances: { count: 1 } })).toBe('none');
    expect(describeUnknownProperties({ name: 'a', backupLocation: 'de', instances: { count: 1, gpus: 2 } })).toBe(
      'backupLocation, instances.gpus',
    );
  });

  it('orders states by the lifecycle and flags unknown ones', () => {
    expect(describeStates(['AVAILABLE', 'PROVISIONING', 'BUSY'])).toBe(
      'PROVISIONING, AVAILABLE, BUSY (unknown to pgensure)',
    );
  });

  it('finds credentials, or the password itself, in any answer, naming the request but no id', () => {
    expect(describeCredentialEchoes([answer({ properties: {} })], ['Secret1!'])).toBe('never');
    expect(describeCredentialEchoes([answer({ properties: { credentials: { username: 'u' } } })], [])).toBe(
      'in GET /clusters/{id}',
    );
    expect(describeCredentialEchoes([answer('echo Secret1!', { method: 'PUT' })], ['Secret1!'])).toBe(
      'in PUT /clusters/{id}',
    );
  });

  it('describes error bodies and codes', () => {
    const error = { httpStatus: 404, messages: [{ errorCode: 'NOT_FOUND', message: 'gone' }] };
    expect(describeErrorBody(error)).toBe('matches');
    expect(describeErrorBody({ error: 'x' })).toBe('other keys: error');
    expect(
      describeErrorCodes([
        answer(error, { status: 404 }),
        answer({ messages: [{ errorCode: 'A' }] }, { status: 400 }),
        answer({}, { status: 404 }),
        answer({}, { status: 429 }),
      ]),
    ).toBe('400 A, 404 NOT_FOUND');
  });

  it('reports shapes, never values, of identities, DNS names and URNs', () => {
    expect(describeIdentities({ createdBy: 'jane@example.com', lastModifiedBy: 'ops@example.com' })).toBe('e-mail');
    expect(describeIdentities({ createdBy: 'jane', lastModifiedBy: 'ops@example.com' })).toBe(
      'createdBy not an e-mail (4 characters), e-mail',
    );
    expect(describeDnsName('pg-abcdefgh12345678.postgresql.de-fra.ionos.com', 'de-fra')).toBe('matches');
    expect(describeDnsName('db42.internal', 'de-fra')).toBe('other: db99.internal');
    const id = '0b6c1f0e-6a8e-4f31-9d7c-2a1e5d7c9b10';
    expect(describeUrn(`ionos:dbaas:psql:de-fra:cluster:${id}`, 'de-fra', id)).toBe('matches');
    expect(describeUrn(`urn:psql:${id}`, 'de-fra', id)).toBe('other: urn:psql:{id}');
  });

  it('tells the Retry-After formats apart, and says when no 429 came', () => {
    expect(describeRetryAfter([answer({})])).toBeNull();
    expect(describeRetryAfter([answer({}, { status: 429, headers: { 'retry-after': '3' } })])).toBe('seconds');
    expect(
      describeRetryAfter([answer({}, { status: 429, headers: { 'retry-after': 'Wed, 21 Oct 2030 07:28:00 GMT' } })]),
    ).toBe('HTTP date');
  });
});

describe('report', () => {
  const observations = new Map([
    ['put-create', { observed: '201', detail: '' }],
    ['put-while-busy', { observed: '200', detail: '200' }],
    ['page-cap', { observed: null, detail: 'only 3 clusters' }],
  ]);
  const guesses = judgeGuesses(GUESSES, observations);
  const report = (over: Partial<LiveReport> = {}): LiveReport => ({
    formatVersion: 1,
    kind: 'pgensure-live-conformance',
    pgensureVersion: '0.1.0',
    mode: 'live',
    server: 'postgresql.de-fra.ionos.com',
    region: 'de-fra',
    scratchName: 'pgensure-live-20300102030405-beef',
    startedAt: '2030-01-02T03:04:05.000Z',
    finishedAt: '2030-01-02T03:44:05.000Z',
    durationMs: 2_400_000,
    interrupted: null,
    steps: [{ id: 'create', title: 'create', ok: true, ms: 600_000, detail: 'by PUT' }],
    guesses,
    cleanup: { ok: true, detail: 'nothing left to delete' },
    summary: summarize([], guesses),
    ...over,
  });

  it('judges each guess: same, differs, or not observed (never probed counts as not observed)', () => {
    const byId = new Map(guesses.map((g) => [g.id, g]));
    expect(byId.get('put-create')?.verdict).toBe('same');
    expect(byId.get('put-while-busy')?.verdict).toBe('differs');
    expect(byId.get('page-cap')?.verdict).toBe('not observed');
    expect(byId.get('dns-name')).toMatchObject({ verdict: 'not observed', detail: expect.stringContaining('stopped') });
  });

  it('live: differences are findings, not failures; a failed step, clean-up or an interruption fails', () => {
    const optional = new Set(['page-cap']);
    expect(failureReasons(report(), false, optional)).toEqual([]);
    expect(failureReasons(report({ cleanup: { ok: false, detail: 'x' } }), false, optional)).toEqual([
      'clean-up failed: x',
    ]);
    expect(failureReasons(report({ interrupted: 'SIGINT' }), false, optional)).toEqual(['interrupted by SIGINT']);
  });

  it('against the emulator (strict), any guess that is not its documented answer fails', () => {
    const reasons = failureReasons(report(), true, new Set(['page-cap']));
    expect(reasons).toContain('put-while-busy: the emulator documents "409" but did "200"');
    expect(reasons.some((r) => r.startsWith('page-cap'))).toBe(false);
    expect(reasons.some((r) => r.startsWith('dns-name'))).toBe(true);
  });

  it('renders one line per guess, with both answers only when they differ', () => {
    const text = renderReportText(report());
    expect(text).toMatch(/^ {2}same {5}put-create +201$/m);
    expect(text).toMatch(/^ {2}DIFFERS {2}put-while-busy +409 → 200$/m);
    expect(text).toMatch(/^ {2}unseen {3}page-cap +no cap → \(only 3 clusters\)$/m);
    expect(text).toContain('pgensure live conformance: postgresql.de-fra.ionos.com, region de-fra, 40m00s');
  });

  it('formats durations', () => {
    expect([850, 12_340, 59_990, 119_700, 3_600_000].map(formatDuration)).toEqual([
      '850ms',
      '12.3s',
      '1m00s',
      '2m00s',
      '60m00s',
    ]);
  });
});
