import { spawn } from 'node:child_process';
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
import { BIN, ROOT } from '../helpers/run-cli.js';

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
function runPlan(
  endpointTemplate: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<MeasuredRun> {
  const rssFile = join(scratch, `rss-${Date.now()}-${Math.random()}`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', RSS_PRELOAD, BIN, 'plan', SPECS, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        NO_COLOR: '1',
        IONOS_TOKEN: 'hostile-token',
        PGENSURE_ENDPOINT: endpointTemplate,
        PGENSURE_TEST_RSS_FILE: rssFile,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const peakRssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
      resolve({ code, stdout, stderr, ms: Date.now() - started, peakRssMb });
    });
  });
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
