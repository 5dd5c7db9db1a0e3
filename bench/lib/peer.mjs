#!/usr/bin/env node
// The peer (issue 13): a Terraform-style refresh, one GET per cluster with 10 in flight, on pgensure's own client
// (same transport, keep-alive Agent and JSON parsing; no pacing, as Terraform has none). The ids come from a state
// file (a JSON array of [region, id]), as a refresh takes them from its state. `--limit N` reads the first N only
// (the bench extrapolates long latency-bound runs from a sample and says so).
//   PGENSURE_ENDPOINT=... node bench/lib/peer.mjs STATE.json [--limit N]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createApiClient } from '../../dist/api/index.js';
import { Agent, setGlobalDispatcher } from '../../dist/api/undici-lite.js';

const IN_FLIGHT = 10;
const { values, positionals } = parseArgs({ options: { limit: { type: 'string' } }, allowPositionals: true });
const state = JSON.parse(readFileSync(positionals[0], 'utf8'));
const targets = values.limit === undefined ? state : state.slice(0, Number(values.limit));
setGlobalDispatcher(new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 16 }));
const client = createApiClient({ endpointTemplate: process.env.PGENSURE_ENDPOINT, token: process.env.IONOS_TOKEN });
let next = 0;
let found = 0;
async function worker() {
  while (next < targets.length) {
    const [region, id] = targets[next++];
    if ((await client.getCluster(region, id)) !== null) found++;
  }
}
await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
process.stdout.write(`${found}\n`);
