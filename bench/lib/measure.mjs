// Runs the BUILT CLI as a user would (a separate child process) and measures it: wall time here, CPU time and peak
// RSS of the CLI child from GNU time's rusage (so the emulator, which lives in the bench process, is never counted).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'dist/cli/pgensure.cjs');
const GNU_TIME = '/usr/bin/time';
export const HAS_GNU_TIME = existsSync(GNU_TIME);
const scratch = mkdtempSync(join(tmpdir(), 'pgensure-bench-time-'));
let counter = 0;

/**
 * Spawns `command args` (default: node dist/cli/pgensure.cjs, the package's bin) and resolves with exit code, wall ms, CPU ms (user+sys),
 * peak RSS MB and the captured output. `rusage: false` skips GNU time (start-up runs: nothing between us and node).
 */
export function runMeasured(args, { env = process.env, cwd = ROOT, command, rusage = true } = {}) {
  const argv = command ?? [process.execPath, BIN, ...args];
  const timeFile = join(scratch, `t${++counter}.txt`);
  const useTime = rusage && HAS_GNU_TIME;
  const [file, ...rest] = useTime ? [GNU_TIME, '-f', '%U %S %M', '-o', timeFile, ...argv] : argv;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Async spawn: the emulator runs in this process and must keep serving while the CLI runs.
    const child = spawn(file, rest, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const usage = useTime ? readTime(timeFile) : { cpuMs: null, userMs: null, sysMs: null, rssMb: null };
      resolve({
        code,
        wallMs,
        ...usage,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

function readTime(path) {
  // GNU time writes "Command exited with non-zero status N" first when the exit code is not 0.
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const [user, sys, maxKb] = lines[lines.length - 1].trim().split(/\s+/).map(Number);
  rmSync(path, { force: true });
  return { userMs: user * 1000, sysMs: sys * 1000, cpuMs: (user + sys) * 1000, rssMb: maxKb / 1024 };
}

/** Median, min and max of numbers (null entries ignored). */
export function summarize(values) {
  const sorted = values.filter((v) => v !== null && v !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: null, min: null, max: null, n: 0 };
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** Summaries of the usual fields over several runs. */
export function summarizeRuns(runs) {
  return {
    wallMs: summarize(runs.map((r) => r.wallMs)),
    cpuMs: summarize(runs.map((r) => r.cpuMs)),
    rssMb: summarize(runs.map((r) => r.rssMb)),
  };
}

export function cleanupScratch() {
  rmSync(scratch, { recursive: true, force: true });
}
