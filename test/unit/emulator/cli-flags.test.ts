/** `pgensure emulator` flags → EmulatorOptions, KEY=VALUE arguments, and the --log-requests line. */
import { describe, expect, it } from 'vitest';
import { formatRequestLine } from '../../../src/cli/commands/emulator.js';
import { describeChanges, parseAssignments } from '../../../src/cli/commands/emulator-assign.js';
import { type ServeValues, toEmulatorOptions } from '../../../src/cli/commands/emulator-flags.js';
import { parseMatcher, SAMPLE_CLUSTER } from '../../../src/emulator/index.js';
import { UsageError } from '../../../src/errors.js';

const options = (values: ServeValues, env: NodeJS.ProcessEnv = {}) => toEmulatorOptions(values, env, parseMatcher);

describe('serve flags', () => {
  it('map every flag to its option', () => {
    expect(
      options({
        port: '0',
        host: '::1',
        state: 'state.json',
        token: 't0k',
        'admin-token': 'admin-secret',
        'provisioning-delay': '50ms',
        'request-log-limit': '500',
        latency: '10ms',
        'latency-for': ['GET /clusters=200ms', 'PUT /clusters/{id}=1s', '* /backups=5'],
        'rate-limit': '5',
        'retry-after': '2',
        'error-ratio': '0.1',
        'error-status': '502',
        'put-create': 'off',
        'put-create-status': '405',
        'max-page-size': '100',
        'silent-cap': true,
        'max-limit': '500',
        'extra-property': ['backupLocation="de"', 'tier={"name":"standard"}'],
        'delete-while-busy': 'accept',
        'backup-latest-lag': '1m',
        'first-backup-delay': '30s',
      }),
    ).toEqual({
      host: '::1',
      port: 0,
      statePath: 'state.json',
      token: 't0k',
      adminToken: 'admin-secret',
      provisioningDelayMs: 50,
      requestLogLimit: 500,
      faults: {
        latencyMs: 10,
        latencyRules: [
          { method: 'GET', path: '/clusters', latencyMs: 200 },
          { method: 'PUT', path: '/clusters/{id}', latencyMs: 1000 },
          { path: '/backups', latencyMs: 5000 },
        ],
        rateLimit: { requestsPerSecond: 5, retryAfterSeconds: 2 },
        errorRatio: 0.1,
        errorStatus: 502,
      },
      putCreate: 'off',
      putCreateStatus: 405,
      maxPageSize: 100,
      silentCap: true,
      maxLimit: 500,
      extraProperties: { backupLocation: 'de', tier: { name: 'standard' } },
      deleteWhileBusy: 'accept',
      backupLatestLagMs: 60_000,
      firstBackupDelayMs: 30_000,
    });
  });

  it('default to port 8484, and take the admin token from PGENSURE_EMULATOR_ADMIN_TOKEN', () => {
    expect(options({})).toEqual({ host: '127.0.0.1', port: 8484, provisioningDelayMs: 1500, faults: {} });
    expect(options({}, { PGENSURE_EMULATOR_ADMIN_TOKEN: 'from-env-token' }).adminToken).toBe('from-env-token');
  });

  it.each([
    [{ host: '0.0.0.0' }, /--host must be a loopback address/],
    [{ port: '70000' }, /--port must be 0..65535/],
    [{ 'put-create': 'maybe' }, /--put-create must be one of on, off/],
    [{ 'silent-cap': true }, /--silent-cap needs --max-page-size/],
    [{ 'max-page-size': '0' }, /--max-page-size must be a positive integer/],
    [{ 'extra-property': ['noequals'] }, /--extra-property must look like KEY=JSON/],
    [{ 'extra-property': ['k={oops'] }, /--extra-property k: the default is not valid JSON/],
    [{ 'latency-for': ['GET clusters=1s'] }, /--latency-for must look like/],
    [{ 'latency-for': ['GET=fast'] }, /--latency-for must be a duration/],
    [{ 'retry-after': '2' }, /--retry-after needs --rate-limit/],
    [{ 'error-status': '418' }, /--error-status must be one of/],
    [{ token: ' ' }, /--token must not be empty/],
  ] as [ServeValues, RegExp][])('refuse %o', (values, message) => {
    expect(() => options(values)).toThrow(UsageError);
    expect(() => options(values)).toThrow(message);
  });
});

describe('KEY=VALUE arguments', () => {
  const live = { description: 'a', instances: { cores: 2 }, logsEnabled: false, connection: { lanId: '1' } };

  it('take the type of the value they replace; KEY:=JSON is raw JSON', () => {
    expect(
      parseAssignments(
        ['instances.cores=8', 'description=8', 'connection.lanId=3', 'logsEnabled=true', 'tier:={"a":1}', 'flag=null'],
        live,
      ),
    ).toEqual({
      instances: { cores: 8 },
      description: '8',
      connection: { lanId: '3' },
      logsEnabled: true,
      tier: { a: 1 },
      flag: null,
    });
    expect(parseAssignments(['backup.retentionDays=30'], SAMPLE_CLUSTER)).toEqual({ backup: { retentionDays: 30 } });
    expect(parseAssignments(['description:=null'], live)).toEqual({ description: null });
  });

  it.each([
    ['cores', /is not KEY=VALUE/],
    ['instances.cores=many', /instances.cores: expected a number/],
    ['logsEnabled=yes', /logsEnabled: expected true or false/],
    ['x:={', /x: \{ is not valid JSON/],
  ])('refuse %s', (arg, message) => {
    expect(() => parseAssignments([arg], live)).toThrow(message);
  });

  it('describe what changed, leaf by leaf', () => {
    expect(describeChanges(live, { ...live, instances: { cores: 8 }, tier: 'x' })).toEqual([
      'instances.cores: 2 → 8',
      'tier: (none) → "x"',
    ]);
  });
});

describe('--log-requests', () => {
  it('prints method, path with query, status (or dropped) and ms, never a body', () => {
    const base = { seq: 1, at: 0, region: null, authorized: true, userAgent: 'test', bodyBytes: 9 };
    const get = { ...base, method: 'GET', path: '/de-fra/clusters', query: { limit: '100' }, body: null, status: 200 };
    expect(formatRequestLine(get, 3.4)).toBe('GET /de-fra/clusters?limit=100 200 3ms\n');
    const put = { ...base, method: 'PUT', path: '/de-fra/clusters/x', query: {}, body: { secret: 'pw' }, status: 0 };
    expect(formatRequestLine(put, 12)).toBe('PUT /de-fra/clusters/x dropped 12ms\n');
  });
});
