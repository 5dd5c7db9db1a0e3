#!/usr/bin/env node
// `npm run bench`: plan, start-up and apply benchmarks of the BUILT CLI against the bundled emulator.
// Prints tables and writes bench/results/<timestamp>.json (and latest.json). Not part of CI.
//   node bench/run.mjs [--only plan,startup,apply] [--sizes 100,1000,10000] [--quick]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchApply } from './lib/apply-bench.mjs';
import { cleanupScratch, HAS_GNU_TIME, ROOT } from './lib/measure.mjs';
import { benchPlan } from './lib/plan-bench.mjs';
import { printApply, printPlan, printStartup, printTargets } from './lib/report.mjs';
import { benchStartup } from './lib/startup-bench.mjs';
import { judgeTargets } from './lib/targets.mjs';

const { values } = parseArgs({
  options: { only: { type: 'string' }, sizes: { type: 'string' }, quick: { type: 'boolean' } },
});
const only = new Set((values.only ?? 'plan,startup,apply').split(','));
const quick = values.quick === true;

const machine = {
  node: process.version,
  nproc: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGb: +(totalmem() / 2 ** 30).toFixed(1),
  freeMemoryGb: +(freemem() / 2 ** 30).toFixed(1),
  platform: `${process.platform} ${process.arch}`,
  gnuTime: HAS_GNU_TIME,
};
console.log(`pgensure bench — node ${machine.node}, ${machine.nproc} CPUs (${machine.cpu}), ${machine.memoryGb} GB`);
if (!HAS_GNU_TIME) console.log('note: /usr/bin/time not found: CPU time and peak RSS are not measured');

const results = { startedAt: new Date().toISOString(), machine, plan: [], startup: null, apply: null };
try {
  // Start-up first, while this process is small: spawning (fork) from a process with a big heap costs extra
  // milliseconds, which would be added to every start-up measurement.
  if (only.has('startup')) {
    process.stdout.write('start-up...\n');
    results.startup = await benchStartup({ runs: quick ? 10 : 30 });
    printStartup(results.startup);
  }
  if (only.has('plan')) {
    const sizes = values.sizes?.split(',').map(Number) ?? (quick ? [100, 1000] : [100, 1000, 10_000]);
    for (const n of sizes) {
      process.stdout.write(`plan: N=${n}...\n`);
      results.plan.push(await benchPlan(n, { runs: n >= 10_000 ? 3 : 5 }));
    }
    if (!quick && !values.sizes) {
      process.stdout.write('plan: N=9000, exactly 1000 per region (paging edge case)...\n');
      results.plan.push(await benchPlan(9000, { runs: 1, drift: false }));
    }
    printPlan(results.plan);
  }
  if (only.has('apply')) {
    process.stdout.write(`apply: ${quick ? 150 : 500} updates in de-fra, 50 req/s limit, 50 ms latency...\n`);
    results.apply = await benchApply({
      count: quick ? 150 : 500,
      rps: 50,
      latencyMs: 50,
      parallelism: 500,
      pollInterval: '1s',
      provisioningDelayMs: 1000,
    });
    printApply(results.apply);
  }
  results.targets = judgeTargets(results);
  printTargets(results.targets);
} finally {
  cleanupScratch();
}
results.finishedAt = new Date().toISOString();
const dir = join(ROOT, 'bench/results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${results.startedAt.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${file}`);
