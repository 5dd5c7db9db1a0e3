import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterProperties, Region } from '../../src/api/types.js';
import type { DoctorReport } from '../../src/doctor/types.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

const TOKEN = 'doctor-e2e-token-5c1f9b';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
  const emu = await startEmulator({ port: 0, provisioningDelayMs: 50, ...options });
  cleanups.push(() => emu.close());
  return emu;
}

function doctor(endpoint: string, args: string[] = [], env: Record<string, string> = {}) {
  return runCli(['doctor', ...args], { env: { IONOS_TOKEN: TOKEN, PGENSURE_ENDPOINT: endpoint, ...env } });
}

function properties(name: string): ClusterProperties {
  return {
    name,
    version: '16',
    instances: { count: 1, cores: 2, ram: 4, storageSize: 20 },
    connection: {
      datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
      lanId: '2',
      primaryInstanceAddress: '192.168.1.5/24',
    },
    maintenanceWindow: { dayOfTheWeek: 'Sunday', time: '03:00:00' },
    replicationMode: 'ASYNCHRONOUS',
    backup: { location: 'eu-central-3', retentionDays: 7 },
  };
}

function seed(emu: RunningEmulator, region: Region, count: number): void {
  for (let i = 0; i < count; i++) emu.seedCluster(region, properties(`doctor-${i}`));
}

function parseReport(stdout: string): DoctorReport {
  return JSON.parse(stdout) as DoctorReport;
}

function check(report: DoctorReport, region: Region, id: string) {
  const found = report.regions.find((r) => r.region === region)?.checks.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no ${id} check for ${region}`);
  return found;
}

/** Region and check of every failure, e.g. `es-vit endpoint`. */
function failures(report: DoctorReport): string[] {
  return report.regions.flatMap((r) => r.checks.filter((c) => c.status === 'fail').map((c) => `${r.region} ${c.id}`));
}

const validateReport = (() => {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats.default(ajv, ['date-time', 'uri']);
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas/doctor.schema.json'), 'utf8')));
})();

function expectValidReport(report: DoctorReport): void {
  expect(validateReport(report), JSON.stringify(validateReport.errors, null, 2)).toBe(true);
}

interface ProxyRules {
  /** Every request to this region has its connection reset. */
  resetRegion?: Region;
  /** Answers 403 for this region. */
  forbidRegion?: Region;
  /** Added to the Date header of every answer. */
  dateShiftMs?: number;
}

/** A tiny HTTP proxy in front of the emulator that plays the server faults the emulator has no switch for. */
async function startProxy(target: string, rules: ProxyRules): Promise<string> {
  const server = createServer((req, res) => void forward(target, rules, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => closeServer(server));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/{region}`;
}

async function forward(target: string, rules: ProxyRules, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://proxy.invalid');
  const region = url.pathname.split('/')[1];
  if (region === rules.resetRegion) return void req.socket.resetAndDestroy();
  if (region === rules.forbidRegion) {
    res.writeHead(403, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify({ httpStatus: 403, messages: [{ errorCode: 'FORBIDDEN', message: 'no' }] }));
  }
  const upstream = await fetch(`${target}${url.pathname}${url.search}`, {
    method: req.method ?? 'GET',
    headers: { authorization: req.headers.authorization ?? '', accept: 'application/json' },
  });
  const text = await upstream.text();
  const date = new Date(Date.now() + (rules.dateShiftMs ?? 0)).toUTCString();
  res.writeHead(upstream.status, { 'content-type': 'application/json', date });
  res.end(text);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

describe('pgensure doctor against the emulator', () => {
  it('passes every check in all nine regions, with GET requests only and the token never shown', async () => {
    const emu = await emulator({ token: TOKEN });
    seed(emu, 'de-fra', 101); // more than a page: the page size is verifiable there
    const run = await doctor(emu.endpointTemplate);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^region +endpoint +token +latency +versions +locations +page size +rate limit +clock$/m,
    );
    expect(run.stdout).toMatch(/^de-fra +ok +ok +\d+ms +5 +3 +100 +none +[+-]\d\.\ds$/m);
    expect(run.stdout).toMatch(/^us-ewr +ok +ok +\d+ms +5 +2 +\? no clusters +none/m);
    expect(run.stdout).toContain('All checks passed in 9 regions');
    expect(run.stdout).not.toContain('FAIL');
    expect(new Set(emu.requests.map((r) => r.method))).toEqual(new Set(['GET']));
    expect(new Set(emu.requests.map((r) => r.region))).toEqual(
      new Set(['de-txl', 'de-fra', 'fr-par', 'es-vit', 'gb-lhr', 'gb-bhx', 'us-las', 'us-mci', 'us-ewr']),
    );
    expect(emu.requests.every((r) => r.authorized)).toBe(true);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('--format json: a versioned report that matches schemas/doctor.schema.json', async () => {
    const emu = await emulator();
    seed(emu, 'de-fra', 101);
    const run = await doctor(emu.endpointTemplate, ['--format', 'json', '--region', 'de-fra,es-vit']);
    expect(run.code, run.stderr).toBe(0);
    const report = parseReport(run.stdout);
    expectValidReport(report);
    expect(report).toMatchObject({ formatVersion: 1, kind: 'pgensure-doctor', endpoint: emu.endpointTemplate });
    expect(report.regions.map((r) => r.region)).toEqual(['de-fra', 'es-vit']);
    expect(report.summary).toMatchObject({ ok: true, regions: 2, failedRegions: [] });
    expect(check(report, 'de-fra', 'page-size')).toMatchObject({ status: 'pass', data: { asked: 100, returned: 100 } });
    expect(check(report, 'es-vit', 'page-size').status).toBe('unverifiable');
    expect(check(report, 'de-fra', 'versions').data).toMatchObject({ count: 5, names: ['13', '14', '15', '16', '17'] });
    expect(check(report, 'de-fra', 'endpoint').data).toMatchObject({ failedStep: null });
    expect(Math.abs(check(report, 'de-fra', 'clock-skew').data.skewMs as number)).toBeLessThan(1500);
  });

  it('a bad token: the token check fails in every region with 401 and a hint; exit 1', async () => {
    const emu = await emulator({ token: 'x' });
    const run = await doctor(emu.endpointTemplate);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^de-fra +ok +FAIL 401 +- +- /m);
    expect(run.stdout).toContain('all 9 regions token: the token was refused (HTTP 401 UNAUTHORIZED');
    expect(run.stdout).toContain('hint: IONOS_TOKEN is wrong or expired');
    expect(run.stdout).toContain('9 of 9 regions failed');
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    expect(emu.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    const json = await doctor(emu.endpointTemplate, ['--format', 'json']);
    expect(json.code).toBe(1);
    const report = parseReport(json.stdout);
    expectValidReport(report);
    expect(failures(report)).toHaveLength(9);
    expect(check(report, 'gb-lhr', 'token')).toMatchObject({ status: 'fail', data: { status: 401 } });
    expect(check(report, 'gb-lhr', 'versions').status).toBe('skipped');
    expect(json.stderr).toContain('doctor found failures in');
  });

  it('a token without permission (403) is told apart from a refused one', async () => {
    const emu = await emulator();
    const endpoint = await startProxy(emu.url, { forbidRegion: 'fr-par' });
    const run = await doctor(endpoint, ['--format', 'json']);
    expect(run.code).toBe(1);
    const report = parseReport(run.stdout);
    expect(failures(report)).toEqual(['fr-par token']);
    expect(check(report, 'fr-par', 'token').hint).toContain('lacks the DBaaS privilege');
  });

  it('a dead region (connections reset) is named: the HTTP step of its endpoint fails, the others pass', async () => {
    const emu = await emulator();
    const endpoint = await startProxy(emu.url, { resetRegion: 'es-vit' });
    const run = await doctor(endpoint);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^es-vit +FAIL HTTP +- +- /m);
    expect(run.stdout).toMatch(/^de-fra +ok +ok /m);
    expect(run.stdout).toMatch(/es-vit endpoint: .*TCP .*; then GET \/clusters\?offset=0&limit=1 got no answer/);
    expect(run.stdout).toContain('1 of 9 regions failed: es-vit (endpoint)');
    const json = await doctor(endpoint, ['--format', 'json']);
    const report = parseReport(json.stdout);
    expectValidReport(report);
    expect(failures(report)).toEqual(['es-vit endpoint']);
    expect(check(report, 'es-vit', 'endpoint').data).toMatchObject({ failedStep: 'http' });
  });

  it('a silent page cap (fewer items than asked while more exist, limit echoed) fails naming the cap', async () => {
    // The emulator plays the silent cap itself (--max-page-size 5 --silent-cap).
    const emu = await emulator({ maxPageSize: 5, silentCap: true });
    seed(emu, 'de-fra', 12);
    const endpoint = emu.endpointTemplate;
    const run = await doctor(endpoint, ['--region', 'de-fra,us-mci']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^de-fra +ok +ok .* FAIL cap 5 /m);
    expect(run.stdout).toContain('asked limit=100, got 5 while more exist, and the body echoed limit=100');
    expect(run.stdout).toContain('hint: set PGENSURE_PAGE_SIZE=5');
    expect(run.stdout).toMatch(/^us-mci .*\? no clusters/m);
    // Following the hint makes the check pass.
    const fixed = await doctor(endpoint, ['--region', 'de-fra', '--format', 'json'], { PGENSURE_PAGE_SIZE: '5' });
    expect(fixed.code, fixed.stdout).toBe(0);
    expect(check(parseReport(fixed.stdout), 'de-fra', 'page-size')).toMatchObject({ status: 'pass', summary: '5' });
  });

  it('clock skew beyond 30 s against the Date header fails', async () => {
    const emu = await emulator();
    const endpoint = await startProxy(emu.url, { dateShiftMs: 120_000 });
    const run = await doctor(endpoint, ['--region', 'gb-bhx', '--format', 'json']);
    expect(run.code).toBe(1);
    const report = parseReport(run.stdout);
    expect(failures(report)).toEqual(['gb-bhx clock-skew']);
    expect(check(report, 'gb-bhx', 'clock-skew').data.skewMs as number).toBeGreaterThan(118_000);
  });

  it('names the step that failed: TCP (nothing listening) and TLS (https to a plain-HTTP server)', async () => {
    const emu = await emulator();
    const tcp = await doctor('http://127.0.0.1:1/{region}', ['--region', 'de-txl']);
    expect(tcp.code).toBe(1);
    expect(tcp.stdout).toMatch(/^de-txl +FAIL TCP /m);
    expect(tcp.stdout).toContain('ECONNREFUSED');
    const tls = await doctor(emu.endpointTemplate.replace('http:', 'https:'), ['--region', 'de-txl']);
    expect(tls.code).toBe(1);
    expect(tls.stdout).toMatch(/^de-txl +FAIL TLS /m);
    expect(tls.stdout).toContain('use http:// for a plain-HTTP endpoint');
  });

  it('usage errors: no token, a bad page size, an unknown format', async () => {
    const noToken = await runCli(['doctor'], { env: { PGENSURE_ENDPOINT: 'http://127.0.0.1:1/{region}' } });
    expect(noToken).toMatchObject({ code: 1, stdout: '' });
    expect(noToken.stderr).toContain('IONOS_TOKEN is not set');
    const badSize = await doctor('http://127.0.0.1:1/{region}', [], { PGENSURE_PAGE_SIZE: 'ten' });
    expect(badSize.code).toBe(1);
    expect(badSize.stderr).toContain('PGENSURE_PAGE_SIZE must be a positive integer');
    const badFormat = await doctor('http://127.0.0.1:1/{region}', ['--format', 'yaml']);
    expect(badFormat.stderr).toContain('--format must be one of text, json');
  });
});
