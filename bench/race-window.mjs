#!/usr/bin/env node
// The remaining race window of compare-before-write (docs/safety.md): for each update, the time between the moment
// the emulator handled apply's read just before the write and the moment it handled the write itself. A change by
// another writer can only be overwritten if it lands inside that window. Measured on the BUILT CLI.
//   node bench/race-window.mjs [--count 200] [--latency 0,50]
import { parseArgs } from 'node:util';
import { startEmulator } from '../dist/emulator/index.js';
import { makeFleet, PASSWORD_ENV, removeDir, seedFromSpecs, writeSpecFiles } from './lib/fleet.mjs';
import { runMeasured } from './lib/measure.mjs';

const { values } = parseArgs({ options: { count: { type: 'string' }, latency: { type: 'string' } } });
const count = Number(values.count ?? 200);
const latencies = (values.latency ?? '0,50').split(',').map(Number);
const REGION = 'de-fra';

/** The windows (ms) of one apply of `count` updates at `latencyMs` per request. */
async function measure(latencyMs) {
  const emulator = await startEmulator({ seed: 11, provisioningDelayMs: 200 });
  try {
    const seeded = writeSpecFiles(makeFleet(count, [REGION], (i) => `window ${i}`));
    await seedFromSpecs(emulator, seeded);
    removeDir(seeded);
    const specs = writeSpecFiles(makeFleet(count, [REGION], (i) => `window ${i} v2`));
    emulator.setFaults({ latencyMs });
    emulator.clearRequests();
    const env = {
      ...process.env,
      IONOS_TOKEN: 't',
      PGENSURE_ENDPOINT: emulator.endpointTemplate,
      [PASSWORD_ENV]: 'Bench-Passw0rd!1234',
    };
    const run = await runMeasured(['apply', specs, '--auto-approve', '--poll-interval', '200ms'], {
      env,
      rusage: false,
    });
    removeDir(specs);
    if (run.code !== 0) throw new Error(`apply failed:\n${run.stderr.slice(-2000)}`);
    return windowsOf(emulator.requests);
  } finally {
    await emulator.close();
  }
}

/** For every PUT, its arrival minus the arrival of the last GET of the same cluster before it (the pre-write read). */
function windowsOf(requests) {
  const lastRead = new Map();
  const windows = [];
  for (const r of requests) {
    const id = r.path.split('/').pop();
    if (r.method === 'GET' && /\/clusters\/[0-9a-f-]{36}$/.test(r.path)) lastRead.set(id, r.at);
    if (r.method === 'PUT' && lastRead.has(id)) windows.push(r.at - lastRead.get(id));
  }
  return windows.sort((a, b) => a - b);
}

const pick = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
console.log(`race window of compare-before-write: ${count} updates per run, node ${process.version}`);
console.log('| latency per request | updates | median | p90 | p99 | max |');
console.log('|---|---|---|---|---|---|');
for (const latencyMs of latencies) {
  const w = await measure(latencyMs);
  const f = (ms) => `${ms.toFixed(1)} ms`;
  console.log(
    `| ${latencyMs} ms | ${w.length} | ${f(pick(w, 0.5))} | ${f(pick(w, 0.9))} | ${f(pick(w, 0.99))} | ${f(w.at(-1))} |`,
  );
}
