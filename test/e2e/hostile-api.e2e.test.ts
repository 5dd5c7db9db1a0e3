import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  type HostileMode,
  type HostileOptions,
  type HostileServer,
  startHostileServer,
} from '../helpers/hostile-server.js';
import { ROOT, spawnCli } from '../helpers/run-cli.js';

const SPECS = join(ROOT, 'examples/clusters');
const scratch = mkdtempSync(join(tmpdir(), 'pgensure-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface MeasuredRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** The child's peak resident set size, MB (process.resourceUsage().maxRSS, written at its exit). */
  peakRssMb: number;
}

// Preloaded into the CLI's process: writes its peak RSS (KiB) to the file named by PGENSURE_TEST_RSS_FILE at exit.
const RSS_PRELOAD = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.PGENSURE_TEST_RSS_FILE, String(process.resourceUsage().maxRSS)));",
)}`;

/** Runs the BUILT CLI's `plan` against `endpointTemplate`, measuring wall time and the child's peak RSS. */
async function runPlan(
  endpointTemplate: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<MeasuredRun> {
  const rssFile = join(scratch, `rss-${Date.now()}-${Math.random()}`);
  const started = Date.now();
  const childEnv = {
    PATH: process.env.PATH ?? '',
    NO_COLOR: '1',
    IONOS_TOKEN: 'hostile-token',
    PGENSURE_ENDPOINT: endpointTemplate,
    PGENSURE_TEST_RSS_FILE: rssFile,
    ...env,
  };
  const run = await spawnCli(['plan', SPECS, ...args], childEnv, { nodeArgs: ['--import', RSS_PRELOAD] });
  const peakRssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
  return { ...run, ms: Date.now() - started, peakRssMb };
}

async function playing(options: HostileOptions): Promise<HostileServer> {
  server = await startHostileServer(options);
  return server;
}

function report(mode: string, run: MeasuredRun, requests: number): void {
  console.log(`${mode}: exit ${run.code}, ${run.ms} ms, peak RSS ${run.peakRssMb.toFixed(0)} MB, ${requests} requests`);
}

describe('plan against a hostile API stops with exit 1, an error naming the URL, within 30 s and 300 MB', () => {
  it.each([
    ['alternate', 'came twice; stopped paging'],
    ['endless', 'the pages add up to more than 48 MiB; stopped paging'],
    ['growing', 'items although 100 were asked; stopped paging'],
    ['fat', 'the pages add up to more than 48 MiB; stopped paging'],
    ['big-pages', 'the pages add up to more than 48 MiB; stopped paging'],
    ['flood', 'larger than 32 MiB; stopped reading it'],
    ['drip', 'the answer stalled before its end (UND_ERR_BODY_TIMEOUT); gave up after 2 attempts'],
    ['throttle', 'HTTP 429 RL: too many requests; gave up after 6 attempts'],
  ] as [HostileMode, string][])('%s', async (mode, message) => {
    const hostile = await playing({ mode });
    const run = await runPlan(hostile.endpointTemplate);
    report(mode, run, hostile.requests.length);
    const origin = hostile.endpointTemplate.replace('/{region}', '');
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`^Error: GET ${origin}/[a-z]{2}-[a-z]{3}/clusters\\?offset=\\d+&limit=\\d+ failed: `, 'm'),
    );
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('internal');
    expect(run.stdout).toBe('');
    expect(run.ms).toBeLessThan(30_000);
    expect(run.peakRssMb).toBeLessThan(300);
  });
});

/** The JSON plan's unmanaged clusters per region. */
function unmanagedPerRegion(stdout: string): Record<string, number> {
  const plan = JSON.parse(stdout) as { unmanaged: { region: string }[] };
  const counts: Record<string, number> = {};
  for (const u of plan.unmanaged) counts[u.region] = (counts[u.region] ?? 0) + 1;
  return counts;
}

describe('plan against a server that pages differently still sees every cluster', () => {
  it('a silent cap at 100 while echoing the asked limit (PGENSURE_PAGE_SIZE=1000): all 250 per region', async () => {
    const hostile = await playing({ mode: 'silent-cap', total: 250, cap: 100 });
    const run = await runPlan(hostile.endpointTemplate, ['--format', 'json'], { PGENSURE_PAGE_SIZE: '1000' });
    report('silent-cap', run, hostile.requests.length);
    expect(run.code, run.stderr).toBe(0);
    const counts = unmanagedPerRegion(run.stdout);
    expect(Object.values(counts).length).toBeGreaterThan(0);
    for (const count of Object.values(counts)) expect(count).toBe(250);
    const clusterPages = hostile.requests.filter((r) => r.includes('/clusters?'));
    expect(clusterPages.length).toBe(3 * Object.keys(counts).length); // 0/1000 → 100 (confirm), 100/1000, 200/100
    expect(run.stderr).toBe('');
  });

  it('a 400 for any limit above 100 (PGENSURE_PAGE_SIZE=1000): retries smaller and plans all 250', async () => {
    const hostile = await playing({ mode: 'refuse-large', total: 250, cap: 100 });
    const run = await runPlan(hostile.endpointTemplate, ['--format', 'json'], { PGENSURE_PAGE_SIZE: '1000' });
    report('refuse-large', run, hostile.requests.length);
    expect(run.code, run.stderr).toBe(0);
    for (const count of Object.values(unmanagedPerRegion(run.stdout))) expect(count).toBe(250);
    expect(run.stderr).toBe('');
  });

  it('at the default page size (100) an honest server costs one request per page and no confirmation', async () => {
    const hostile = await playing({ mode: 'honest', total: 250 });
    const run = await runPlan(hostile.endpointTemplate, ['--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const regions = Object.keys(unmanagedPerRegion(run.stdout));
    const clusterPages = hostile.requests.filter((r) => r.includes('/clusters?'));
    expect(clusterPages.filter((r) => r.endsWith('&limit=100'))).toHaveLength(clusterPages.length);
    expect(clusterPages).toHaveLength(3 * regions.length); // 0, 100, 200 (a short page after full ones is the end)
  });

  it('PGENSURE_PAGE_SIZE that is not a whole number 1..1000: a usage error, nothing sent', async () => {
    const hostile = await playing({ mode: 'honest' });
    const run = await runPlan(hostile.endpointTemplate, [], { PGENSURE_PAGE_SIZE: '5000' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('PGENSURE_PAGE_SIZE must be a whole number from 1 to 1000, got "5000"');
    expect(hostile.requests).toEqual([]);
  });
});

describe('a wrong endpoint fails fast and quietly, with a hint that names the fix', () => {
  it('nothing listening on a loopback port: under 10 s, at most 3 lines on stderr, "is the emulator running?"', async () => {
    const hostile = await playing({ mode: 'honest' });
    const port = hostile.endpointTemplate.match(/:(\d+)\//)?.[1];
    await hostile.close();
    server = undefined;
    const run = await runPlan(`http://127.0.0.1:${port}/{region}`);
    report('refused', run, 0);
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(10_000);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.length, run.stderr).toBeLessThanOrEqual(3);
    expect(lines[0]).toMatch(/^[a-z]{2}-[a-z]{3}: the API did not answer \(connection refused\); retrying…$/);
    expect(run.stderr).toMatch(
      /^Error: GET http:\/\/127\.0\.0\.1:\d+\/[a-z-]+\/\S+ failed: connection refused \(ECONNREFUSED\); gave up after 6 attempts$/m,
    );
    expect(run.stderr).toContain(
      `Hint: nothing is listening on 127.0.0.1:${port} — is the emulator running? (pgensure emulator)`,
    );
    expect(run.stderr).not.toContain('{"level"');
  });

  it('--log-level info keeps the full detail (one JSON line per retry)', async () => {
    const hostile = await playing({ mode: 'honest' });
    const port = hostile.endpointTemplate.match(/:(\d+)\//)?.[1];
    await hostile.close();
    server = undefined;
    const run = await runPlan(`http://127.0.0.1:${port}/{region}`, ['--log-level', 'info']);
    expect(run.code).toBe(1);
    const retries = run.stderr.split('\n').filter((l) => l.includes('"msg":"retrying"'));
    expect(retries.length).toBeGreaterThanOrEqual(5);
    expect(retries[0]).toContain('"reason":"ECONNREFUSED"');
  });

  it('an https:// endpoint that speaks plain HTTP: the hint says so, no OpenSSL internals', async () => {
    const hostile = await playing({ mode: 'honest' });
    const run = await runPlan(hostile.endpointTemplate.replace('http://', 'https://'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('failed: the server does not speak TLS (ERR_SSL_WRONG_VERSION_NUMBER)');
    expect(run.stderr).toContain('Hint: the endpoint says https:// but 127.0.0.1:');
    expect(run.stderr).not.toMatch(/ssl3_|error:0A|routines|openssl/i);
    expect(run.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(3);
  });

  it('an endpoint whose password holds an @ is refused without showing any of it', async () => {
    const run = await runPlan('http://admin:Wint@ter2-Pass!@127.0.0.1:99999/{region}');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the endpoint template is not a valid URL: http://***@127.0.0.1:99999/{region}');
    expect(run.stderr).not.toMatch(/Wint|ter2|admin/);
  });
});
