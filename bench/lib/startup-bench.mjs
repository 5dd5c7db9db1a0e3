// Start-up: `node -e ""`, `pgensure --version`, `validate` of one file, and `validate examples/fleet` (Defaults and
// a Policy with rules: the cost of loading CEL), interleaved runs so drift in machine load hits them alike.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFleet, removeDir, writeSpecFiles } from './fleet.mjs';
import { BIN, ROOT, runMeasured, summarize } from './measure.mjs';

/** The commands, run round-robin; the first is the baseline every ratio is taken against. */
export async function benchStartup({ runs }) {
  const dir = writeSpecFiles(makeFleet(1, ['de-fra']));
  const file = join(dir, 'de-fra', 'part-000.yaml');
  const cases = [
    { name: 'node -e ""', argv: [process.execPath, '-e', ''] },
    { name: 'pgensure --version', argv: [process.execPath, BIN, '--version'] },
    { name: 'pgensure validate <1 file>', argv: [process.execPath, BIN, 'validate', file] },
    {
      name: 'pgensure validate examples/fleet',
      argv: [process.execPath, BIN, 'validate', join(ROOT, 'examples/fleet')],
    },
  ];
  try {
    const walls = cases.map(() => []);
    const rss = cases.map(() => []);
    for (let i = 0; i < runs + 3; i++) {
      for (const [k, c] of cases.entries()) {
        const timed = i >= 3 && i % 5 !== 4; // 3 warm-ups; every fifth run under GNU time (RSS), not timed
        const run = await runMeasured([], { command: c.argv, rusage: i % 5 === 4 });
        if (run.code !== 0) throw new Error(`${c.name} exited ${run.code}: ${run.stderr}`);
        if (timed) walls[k].push(run.wallMs);
        if (run.rssMb !== null) rss[k].push(run.rssMb);
      }
    }
    const results = cases.map((c, k) => ({ name: c.name, wallMs: summarize(walls[k]), rssMb: summarize(rss[k]) }));
    // Paired by round (the same moment's load): each command over the baseline run just before it.
    const ratios = cases.map((c, k) => ({ name: c.name, ratio: summarize(walls[k].map((w, j) => w / walls[0][j])) }));
    return { results, ratios, hyperfine: runHyperfine(cases) };
  } finally {
    removeDir(dir);
  }
}

/** If hyperfine is installed, its figures too (what the goal is judged on: nothing sits between it and node). */
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
    const args = ['-N', '--warmup', '5', '--runs', '40', '--export-json', exportFile, '--style', 'none', ...commands];
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
    minMs: r.min * 1000,
    maxMs: r.max * 1000,
  }));
}
