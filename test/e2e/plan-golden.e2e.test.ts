/**
 * The plan output, byte for byte, over a 1,000-cluster fleet (issue 13): text, JSON and Markdown, in sync, drifted,
 * and drifted with a live field pgensure does not know. Recorded before the plan's hot paths were optimised, so "the
 * plan output is byte-identical before and after" is this test. Only two things vary between runs and are replaced
 * before comparing: the plan's `createdAt` and the emulator's port.
 *
 * To record on purpose (a deliberate change of the output, reviewed in the diff of the unpacked files):
 *   PGENSURE_RECORD_GOLDEN=1 npx vitest run test/e2e/plan-golden.e2e.test.ts
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { GOLDEN_PASSWORD_ENV, type GoldenWorld, seedGoldenWorld, writeGoldenFleet } from '../helpers/golden-fleet.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/plan-golden');
const RECORD = process.env.PGENSURE_RECORD_GOLDEN === '1';
const FROZEN_NOW = Date.parse('2026-03-01T12:00:00.000Z');
const FORMATS = [
  { format: 'text', ext: 'txt' },
  { format: 'json', ext: 'json' },
  { format: 'markdown', ext: 'md' },
] as const;
const CASES = [
  ...FORMATS.map((f) => ({ ...f, latencyMs: 0, latency: 'none' })),
  { ...FORMATS[1], latencyMs: 25, latency: '25 ms' },
];
const WORLDS: { world: GoldenWorld; exit: number; extras?: Record<string, unknown> }[] = [
  { world: 'in-sync', exit: 0 },
  { world: 'drifted', exit: 2 },
  { world: 'drifted-kept', exit: 2, extras: { storageAutoscale: false } },
];

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pgensure-golden-'));
  writeGoldenFleet(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What varies between runs, replaced by fixed text: the plan's creation time and the emulator's port. */
function stabilize(output: string, emulator: RunningEmulator): string {
  return output
    .replaceAll(emulator.endpointTemplate, 'http://127.0.0.1:PORT/{region}')
    .replace(/"createdAt": "[^"]+"/, '"createdAt": "CREATED-AT"')
    .replace(/ · \d{4}-\d\d-\d\dT[\d:.]+Z<\/sub>/, ' · CREATED-AT</sub>');
}

/** The first line where two texts differ, with a little context, so a failure says where without a 3 MB diff. */
function describeFirstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const n = a.findIndex((line, k) => line !== b[k]);
  const at = n === -1 ? Math.min(a.length, b.length) : n;
  const show = (lines: string[]) => lines.slice(Math.max(0, at - 2), at + 3).join('\n');
  return `first difference at line ${at + 1} (expected ${a.length} lines, got ${b.length}):\n--- expected\n${show(a)}\n--- actual\n${show(b)}`;
}

describe.each(WORLDS)('plan golden over 1,000 clusters: $world', ({ world, exit, extras }) => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 13, now: () => FROZEN_NOW, ...(extras ? { extraProperties: extras } : {}) });
    seedGoldenWorld(emulator, world);
  });
  afterAll(() => emulator.close());

  // With latency, the plan compares most clusters while later pages are in flight (cli/work-ahead.ts); without, it
  // compares them once the lists are complete. Both must give the recorded plan.
  it.each(CASES)('$format is byte-identical to the recorded plan (server latency: $latency)', async (c) => {
    const { format, ext, latencyMs } = c;
    emulator.setFaults({ latencyMs });
    const env = { IONOS_TOKEN: 'golden', PGENSURE_ENDPOINT: emulator.endpointTemplate, [GOLDEN_PASSWORD_ENV]: 'x' };
    const run = await runCli(['plan', 'fleet', '--format', format, '--detailed-exitcode'], { cwd: root, env });
    emulator.setFaults({ latencyMs: 0 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(exit);
    const actual = stabilize(run.stdout, emulator);
    const file = join(FIXTURES, `${world}.${ext}.gz`);
    if (RECORD && latencyMs === 0) writeFileSync(file, gzipSync(actual, { level: 9 }));
    const expected = gunzipSync(readFileSync(file)).toString('utf8');
    if (actual !== expected) {
      const saved = join(tmpdir(), `pgensure-golden-${world}.${ext}`);
      writeFileSync(saved, actual);
      expect.fail(`${describeFirstDifference(expected, actual)}\n(the whole output is in ${saved})`);
    }
  });
});
