// Benchmark 3: start-up. `pgensure --version` and `validate` of one file against `node -e ""`, interleaved runs.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFleet, removeDir, writeSpecFiles } from './fleet.mjs';
import { BIN, runMeasured, summarize } from './measure.mjs';

/** The three commands, run round-robin so drift in machine load hits them alike. */
export async function benchStartup({ runs }) {
  const dir = writeSpecFiles(makeFleet(1, ['de-fra']));
  const file = join(dir, 'de-fra', 'part-000.yaml');
  const cases = [
    { name: 'node -e ""', argv: [process.execPath, '-e', ''] },
    { name: 'pgensure --version', argv: [process.execPath, BIN, '--version'] },
    { name: 'pgensure validate <1 file>', argv: [process.execPath, BIN, 'validate', file] },
  ];
  try {
    const walls = cases.map(() => []);
    const rss = cases.map(() => []);
    for (let i = 0; i < runs + 3; i++) {
      for (const [k, c] of cases.entries()) {
        const run = await runMeasured([], { command: c.argv, rusage: i % 5 === 4 }); // rusage on a few runs only
        if (run.code !== 0) throw new Error(`${c.name} exited ${run.code}: ${run.stderr}`);
        if (i >= 3 && !(i % 5 === 4)) walls[k].push(run.wallMs); // 3 warm-ups; GNU-time runs not timed
        if (run.rssMb !== null) rss[k].push(run.rssMb);
      }
    }
    const results = cases.map((c, k) => ({ name: c.name, wallMs: summarize(walls[k]), rssMb: summarize(rss[k]) }));
    return { results, hyperfine: runHyperfine(cases) };
  } finally {
    removeDir(dir);
  }
}

/** If hyperfine is installed, its means too (a second opinion; the bench never needs it). */
function runHyperfine(cases) {
  try {
    execFileSync('hyperfine', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const quote = (a) => (a === '' ? "''" : /[^\w./-]/.test(a) ? `'${a}'` : a);
  const commands = cases.map((c) => c.argv.map(quote).join(' '));
  // A file, not /dev/stdout: node's stdio pipes are sockets, which hyperfine cannot open by path.
  const exportFile = join(tmpdir(), `pgensure-bench-hyperfine-${process.pid}.json`);
  try {
    const args = ['-N', '--warmup', '5', '--runs', '30', '--export-json', exportFile, '--style', 'none', ...commands];
    execFileSync('hyperfine', args, { stdio: 'ignore' });
  } catch {
    return null; // a second opinion only: never fail the bench over it
  }
  const json = JSON.parse(readFileSync(exportFile, 'utf8'));
  rmSync(exportFile, { force: true });
  return json.results.map((r, k) => ({
    name: cases[k].name,
    meanMs: r.mean * 1000,
    stddevMs: r.stddev * 1000,
    medianMs: r.median * 1000,
  }));
}
