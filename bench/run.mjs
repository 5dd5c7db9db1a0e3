#!/usr/bin/env node
// `npm run bench`: the measurements of issue 13 on the BUILT CLI against the bundled emulator, in one run:
//  - plan vs the list-fetch floor vs the peer (a Terraform-style refresh), alternating, at 0 and 50 ms latency,
//    at 1k, 10k and 50k in-sync clusters: ratios with min–max, peak RSS, request counts, a scaling table;
//  - start-up: `validate` of one file and of examples/fleet (a Policy: CEL) against `node -e ""`;
//  - apply throughput at 50 req/s: default flags, and PGENSURE_MAX_RPS at the limit;
//  - compare-before-write's race window (bench/race-window.mjs).
// Prints tables, writes bench/results/<timestamp>.json (and latest.json), and exits 1 when a goal is missed.
//   node bench/run.mjs [--only compare,startup,apply,race] [--sizes 1000,10000,50000] [--latencies 0,50]
//                      [--runs N] [--full-peer] [--quick] [--baseline DIR]
// --baseline DIR: also run DIR's built plan (DIR/dist/cli/pgensure.cjs, or bin.js before it; e.g. a `git archive main` build) in the same
// rounds, for a before/after ratio under the same load (informational; no goal).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchApply } from './lib/apply-bench.mjs';
import { benchComparison } from './lib/compare-bench.mjs';
import { cleanupScratch, HAS_GNU_TIME, ROOT } from './lib/measure.mjs';
import {
  printApply,
  printBaseline,
  printComparisons,
  printScaling,
  printSpecLoading,
  printStartup,
  printTargets,
} from './lib/report.mjs';
import { benchStartup } from './lib/startup-bench.mjs';
import { allMet, judgeTargets } from './lib/targets.mjs';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    sizes: { type: 'string' },
    latencies: { type: 'string' },
    runs: { type: 'string' },
    'full-peer': { type: 'boolean' },
    quick: { type: 'boolean' },
    baseline: { type: 'string' },
  },
});
const only = new Set((values.only ?? 'startup,compare,apply,race').split(','));
const quick = values.quick === true;
const sizes = values.sizes?.split(',').map(Number) ?? (quick ? [1000, 10_000] : [1000, 10_000, 50_000]);
const latencies = values.latencies?.split(',').map(Number) ?? [0, 50];
const runsFor = (n) => Number(values.runs ?? (quick ? 2 : n >= 50_000 ? 3 : 5));

const machine = {
  node: process.version,
  nproc: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGb: +(totalmem() / 2 ** 30).toFixed(1),
  freeMemoryGb: +(freemem() / 2 ** 30).toFixed(1),
  platform: `${process.platform} ${process.arch}`,
  gnuTime: HAS_GNU_TIME,
  loadAtStart: loadavg().map((l) => +l.toFixed(2)),
};
console.log(`pgensure bench — node ${machine.node}, ${machine.nproc} CPUs (${machine.cpu}), ${machine.memoryGb} GB`);
console.log(`load average at start: ${machine.loadAtStart.join(' ')} (take figures when it is low)`);
if (!HAS_GNU_TIME) console.log('note: /usr/bin/time not found: CPU time and peak RSS are not measured');

const results = { startedAt: new Date().toISOString(), machine, comparisons: [], startup: null, apply: [], race: null };
const say = (text) => process.stdout.write(`${text}\n`);
try {
  // Start-up first, while this process is small: spawning from a big process costs extra milliseconds per run.
  if (only.has('startup')) {
    say('start-up...');
    results.startup = await benchStartup({ runs: quick ? 10 : 30 });
    printStartup(results.startup);
  }
  if (only.has('compare')) {
    for (const n of sizes) {
      say(`compare: N=${n}...`);
      const options = {
        latencies,
        runs: runsFor(n),
        fullPeer: values['full-peer'],
        baseline: values.baseline,
        log: say,
      };
      const list = await benchComparison(n, options);
      results.comparisons.push(...list);
    }
    printComparisons(results.comparisons);
    printScaling(results.comparisons);
    printSpecLoading(results.comparisons);
    printBaseline(results.comparisons);
  }
  if (only.has('apply')) {
    const count = quick ? 150 : 500;
    const base = { count, rps: 50, latencyMs: 50, provisioningDelayMs: 1000 };
    say(`apply: ${count} updates in de-fra, 50 req/s limit, 50 ms latency, default flags...`);
    results.apply.push({ case: 'default flags', ...(await benchApply(base)) });
    say('apply: the same with PGENSURE_MAX_RPS=50...');
    const capped = await benchApply({ ...base, extraEnv: { PGENSURE_MAX_RPS: '50' } });
    results.apply.push({ case: 'PGENSURE_MAX_RPS=50', ...capped });
    printApply(results.apply);
  }
  if (only.has('race')) {
    say('\nrace window (node bench/race-window.mjs):');
    const out = execFileSync(process.execPath, [join(ROOT, 'bench/race-window.mjs')], { encoding: 'utf8' });
    process.stdout.write(out);
    results.race = out;
  }
  results.targets = judgeTargets(results);
  printTargets(results.targets);
} finally {
  cleanupScratch();
}
results.finishedAt = new Date().toISOString();
results.machine.loadAtEnd = loadavg().map((l) => +l.toFixed(2));
const dir = join(ROOT, 'bench/results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${results.startedAt.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${file} (load average at end: ${results.machine.loadAtEnd.join(' ')})`);
if (!allMet(results.targets)) {
  console.log('a goal was missed: exit 1');
  process.exitCode = 1;
}
