#!/usr/bin/env node
// Records docs/transcripts/apply-30.md: a real 30-cluster apply against the bundled emulator, as a CI job sees it
// (stderr is not a terminal: plain progress lines). 12 creates and 18 updates in two regions; three of the updated
// clusters are busy with a console change when apply starts; fr-par answers 700 ms slower than de-fra (a proxy adds
// the latency). Run `npm run build` first; it takes about 6 minutes (each create or update provisions for 100 s).
//   node scripts/transcript-apply-30.mjs [--provisioning 100s] [--out docs/transcripts/apply-30.md]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startEmulator } from '../dist/emulator/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist/cli/pgensure.cjs');
const { values } = parseArgs({ options: { provisioning: { type: 'string' }, out: { type: 'string' } } });
const provisioningMs = parseSeconds(values.provisioning ?? '100s');
const out = values.out ?? join(root, 'docs/transcripts/apply-30.md');
const SLOW_REGION = 'fr-par';
const SLOW_MS = 700;
const PASSWORD_ENV = 'TRANSCRIPT_PG_PASSWORD';

function parseSeconds(text) {
  const match = /^(\d+)s$/.exec(text);
  if (!match) throw new Error(`--provisioning must be a number of seconds like 100s (got ${text})`);
  return Number(match[1]) * 1000;
}

/** 30 clusters: [region, name, live] where live is null (create), 'AVAILABLE' or 'UPDATING' (update). */
function fleet() {
  const teams = ['orders', 'billing', 'search', 'ledger', 'catalog', 'payments'];
  const clusters = [];
  for (let i = 0; i < 30; i++) {
    const region = i < 18 ? 'de-fra' : SLOW_REGION;
    const name = `${teams[i % teams.length]}-${String(Math.floor(i / teams.length) + 1).padStart(2, '0')}`;
    const live = i % 5 === 4 || i % 5 === 2 ? null : i === 1 || i === 13 || i === 21 ? 'UPDATING' : 'AVAILABLE';
    clusters.push({ region, name, live });
  }
  return clusters;
}

function specYaml({ region, name }) {
  return `apiVersion: pgensure/v1
kind: PostgresCluster
metadata:
  name: ${name}
  region: ${region}
spec:
  description: ${name} database
  version: "16"
  instances: { count: 2, cores: 4, ram: 8, storageSize: 50 }
  connection: { datacenterId: 5a029f4a-72e5-11ec-90d6-0242ac120003, lanId: "2", primaryInstanceAddress: 192.168.1.10/24 }
  backup: { location: eu-central-3 }
  credentials:
    username: app_admin
    database: app
    password: { fromEnv: ${PASSWORD_ENV} }
`;
}

/** The live cluster before the apply: the same, with 2 cores instead of 4 (so the update is one online change). */
function liveProperties({ name }) {
  return {
    name,
    description: `${name} database`,
    version: '16',
    instances: { count: 2, cores: 2, ram: 8, storageSize: 50 },
    connection: {
      datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
      lanId: '2',
      primaryInstanceAddress: '192.168.1.10/24',
    },
    maintenanceWindow: { dayOfTheWeek: 'Sunday', time: '03:00:00' },
    replicationMode: 'ASYNCHRONOUS',
    connectionPooler: 'DISABLED',
    logsEnabled: false,
    metricsEnabled: false,
    backup: { location: 'eu-central-3', retentionDays: 7 },
  };
}

/** A pass-through proxy that holds every answer of one region back by `SLOW_MS`: a far-away, slower endpoint. */
function startLatencyProxy(target) {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const forward = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        const delay = req.url.startsWith(`/${SLOW_REGION}/`) ? SLOW_MS : 0;
        setTimeout(() => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        }, delay);
      },
    );
    req.pipe(forward);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function elapsed(ms) {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

async function record() {
  const emulator = await startEmulator({ port: 0, provisioningDelayMs: provisioningMs });
  const proxy = await startLatencyProxy(emulator.url);
  const dir = mkdtempSync(join(tmpdir(), 'pgensure-transcript-'));
  const clusters = fleet();
  mkdirSync(join(dir, 'specs'));
  for (const c of clusters) writeFileSync(join(dir, 'specs', `${c.region}-${c.name}.yaml`), specYaml(c));
  for (const c of clusters.filter((c) => c.live !== null))
    emulator.seedCluster(c.region, liveProperties(c), { state: c.live, by: 'console@example.com' });
  const args = ['apply', 'specs', '--auto-approve'];
  const env = {
    PATH: process.env.PATH ?? '',
    IONOS_TOKEN: 'transcript-token',
    PGENSURE_ENDPOINT: `http://127.0.0.1:${proxy.address().port}/{region}`,
    [PASSWORD_ENV]: 'Transcript-Passw0rd!',
  };
  const started = Date.now();
  const progress = [];
  let stdout = '';
  let pending = '';
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) progress.push({ at: Date.now() - started, line });
    });
    child.on('close', resolve);
  });
  const took = Date.now() - started;
  const writes = emulator.requests.filter((r) => r.method !== 'GET').length;
  const reads = emulator.requests.length - writes;
  await emulator.close();
  proxy.close();
  rmSync(dir, { recursive: true, force: true });
  return { code, progress, stdout, took, writes, reads, clusters, args };
}

/** The rules the transcript exists to show; a recording that breaks one is not written. */
function check({ code, progress }) {
  const text = progress.map((p) => p.line).join('\n');
  const problems = [];
  if (code !== 0) problems.push(`apply exited ${code}`);
  if (/\b(PUT|DELETE|GET|POST)\b|\/clusters\//.test(text)) problems.push('a raw HTTP line was printed');
  if (!progress.every((p) => /^\[[ \d]{2}\/30\] /.test(p.line))) problems.push('a line without the [n/30] count');
  if (!text.includes('[30/30]')) problems.push('the count never reached 30/30');
  if (!/still (PROVISIONING|UPDATING) after/.test(text)) problems.push('no heartbeat');
  return problems;
}

function longestSilence(progress) {
  let longest = 0;
  for (let i = 1; i < progress.length; i++) longest = Math.max(longest, progress[i].at - progress[i - 1].at);
  return longest;
}

function renderMarkdown(run) {
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const creates = run.clusters.filter((c) => c.live === null).length;
  const busy = run.clusters.filter((c) => c.live === 'UPDATING').map((c) => `${c.region}/${c.name}`);
  const heartbeats = run.progress.filter((p) => p.line.includes(': still ')).length;
  const stdoutLines = run.stdout.trimEnd().split('\n');
  const planLine = stdoutLines.find((l) => l.startsWith('Plan: ')) ?? '';
  const summaryAt = stdoutLines.findIndex((l) => l.startsWith('Apply '));
  const summary = stdoutLines.slice(summaryAt);
  const lines = run.progress.map((p) => `${elapsed(p.at)}  ${p.line}`);
  return `# A 30-cluster apply, as a CI log shows it

A real run, recorded by \`node scripts/transcript-apply-30.mjs\` (pgensure ${version}, ${new Date().toISOString().slice(0, 10)}):
the built CLI against the bundled emulator, stderr not a terminal (so plain lines, as in CI; on a terminal the same
lines scroll above a live status block instead of the heartbeats).

- **Fleet:** 30 spec files, 18 clusters in de-fra and 12 in ${SLOW_REGION}: ${creates} to create, ${30 - creates} to update
  (live with 2 cores, the files say 4). When apply starts, ${busy.join(', ')}
  are busy (UPDATING, a console change), so apply waits for them before it writes.
- **Latency:** every create or update provisions for ${provisioningMs / 1000} s; ${SLOW_REGION} answers ${SLOW_MS} ms slower
  than de-fra (a proxy in front of the emulator holds its answers back).
- **Command:** \`pgensure ${run.args.join(' ')}\` (default \`--parallelism 10\`, \`--poll-interval 2s\`, log level
  \`warn\`). Exit code ${run.code}, ${elapsed(run.took)} (mm:ss), ${run.writes} writes and ${run.reads} reads.

## stderr: the progress

The left column is the time since the command started, added by the recorder (pgensure prints what follows it).
${run.progress.length} lines for 30 clusters: one when each change starts, one per state change, one when it ends,
and ${heartbeats} heartbeats (\`still … after …\`) for clusters that stayed quiet for 30 s, then 1 min, 2 min, ...
(up to 5 min). The longest stretch without a line was ${Math.round(longestSilence(run.progress) / 1000)} s. No request
line (\`PUT /clusters/<id>\`) appears: those are shown with \`--log-level info\` or lower.

\`\`\`text
${lines.join('\n')}
\`\`\`

## stdout: the plan and the summary

The plan (${summaryAt} lines, one block per cluster) is elided here; its last line and the summary:

\`\`\`text
${planLine}
...
${summary.join('\n')}
\`\`\`
`;
}

const run = await record();
const problems = check(run);
if (problems.length > 0) {
  console.error(`transcript: not written: ${problems.join('; ')}`);
  console.error(run.progress.map((p) => p.line).join('\n'));
  process.exit(1);
}
mkdirSync(join(out, '..'), { recursive: true });
writeFileSync(out, renderMarkdown(run));
console.log(`transcript: wrote ${out} (${run.progress.length} progress lines, ${elapsed(run.took)})`);
