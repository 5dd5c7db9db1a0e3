// Apply throughput: 500 updates, ALL in one region so the emulator's 50 req/s per-region limit binds, with 50 ms
// latency per request and clusters busy for a while after each PUT, measured against the floor that limit allows.
// Cases: default flags (what a user gets without configuring anything), and PGENSURE_MAX_RPS at the limit.
import { startEmulator } from '../../dist/emulator/index.js';
import { makeFleet, PASSWORD_ENV, removeDir, seedFromSpecs, writeSpecFiles } from './fleet.mjs';
import { runMeasured } from './measure.mjs';

const REGION = 'de-fra';
const RETRY_AFTER_S = 1;

/** Runs the apply once and derives throughput, 429s and failures from the emulator's request log. */
export async function benchApply(config) {
  const { count, rps, burst, latencyMs, provisioningDelayMs } = config;
  const emulator = await startEmulator({ seed: 7, provisioningDelayMs });
  try {
    const specDir = await prepareUpdates(emulator, count);
    const rateLimit = { requestsPerSecond: rps, retryAfterSeconds: RETRY_AFTER_S, ...(burst ? { burst } : {}) };
    emulator.setFaults({ latencyMs, rateLimit });
    emulator.clearRequests();
    const run = await runApply(emulator, specDir, config);
    removeDir(specDir);
    const converged = emulator
      .listClusters(REGION)
      .filter((c) => c.properties.description.endsWith(' v2') && c.metadata.state === 'AVAILABLE').length;
    return {
      config: { ...config, region: REGION, burst: burst ?? Math.ceil(rps), retryAfterSeconds: RETRY_AFTER_S },
      code: run.code,
      wallMs: run.wallMs,
      cpuMs: run.cpuMs,
      rssMb: run.rssMb,
      summaryLine: run.stdout.split('\n').find((l) => /^Apply /.test(l)) ?? '',
      failedClusters: count - converged,
      paces: pacesFrom(run.stderr),
      ...analyzeLog(emulator.requests, emulator.stats(), { count, rps }),
      stderrTail: run.code === 0 ? '' : run.stderr.slice(-1500),
    };
  } finally {
    await emulator.close();
  }
}

/** Seeds `count` clusters in REGION and writes specs that change every one of them (one update each). */
async function prepareUpdates(emulator, count) {
  const dir = writeSpecFiles(makeFleet(count, [REGION], (i) => `bench cluster ${i}`));
  await seedFromSpecs(emulator, dir);
  removeDir(dir);
  return writeSpecFiles(makeFleet(count, [REGION], (i) => `bench cluster ${i} v2`));
}

function runApply(emulator, specDir, { parallelism, pollInterval, extraEnv = {} }) {
  const env = {
    ...process.env,
    IONOS_TOKEN: 'bench-token',
    PGENSURE_ENDPOINT: emulator.endpointTemplate,
    [PASSWORD_ENV]: 'Bench-Passw0rd!1234',
    ...extraEnv,
  };
  const args = ['apply', specDir, '--auto-approve'];
  // Flags only when a case sets them: the default-flags case runs as a user would.
  if (parallelism !== undefined) args.push('--parallelism', String(parallelism));
  if (pollInterval !== undefined) args.push('--poll-interval', pollInterval);
  // --log-level info: the client logs each pace it learns (JSON lines on stderr).
  args.push('--log-level', 'info');
  return runMeasured(args, { env });
}

/** Throughput against the limit, and every kind of 429, from the request log (arrival times, server side). */
export function analyzeLog(requests, stats, { count, rps }) {
  const ok = (r) => r.status >= 200 && r.status < 300;
  const puts = requests.filter((r) => r.method === 'PUT' && ok(r));
  const start = requests[0]?.at ?? 0;
  const lastPut = puts.length ? puts[puts.length - 1].at : start;
  const phaseS = (lastPut - start) / 1000;
  const acceptedInPhase = requests.filter((r) => ok(r) && r.at <= lastPut).length;
  const rejected = requests.filter((r) => r.status === 429);
  const firstBackoffEnd = rejected.length ? rejected[0].at + RETRY_AFTER_S * 1000 : Number.POSITIVE_INFINITY;
  const perTarget = new Map();
  for (const r of rejected) perTarget.set(`${r.method} ${r.path}`, (perTarget.get(`${r.method} ${r.path}`) ?? 0) + 1);
  const reads = requests.filter((r) => r.method === 'GET');
  const lists = reads.filter((r) => /\/clusters$/.test(r.path));
  const clusterReads = reads.filter((r) => /\/clusters\/[^/]+$/.test(r.path));
  // What the work needs at least: the plan's reads (list pages, /versions, /backup-locations), one read of each
  // cluster just before its write (compare-before-write), the PUTs, and one poll that sees them all AVAILABLE.
  const planReads = Math.floor(count / 100) + 1 + 2;
  const required = planReads + 2 * count + 1;
  const floorS = required / rps;
  return {
    requests: {
      total: requests.length,
      accepted: requests.filter(ok).length,
      puts: puts.length,
      gets: reads.length,
      clusterReads: clusterReads.length,
      polls: Math.max(0, lists.length - (Math.floor(count / 100) + 1)),
    },
    floorS,
    phaseS,
    throughputRps: phaseS > 0 ? acceptedInPhase / phaseS : null,
    fractionOfLimit: phaseS > 0 ? acceptedInPhase / phaseS / rps : null,
    floorOverPhase: phaseS > 0 ? floorS / phaseS : null,
    rejected429: {
      total: rejected.length,
      afterFirstBackoff: rejected.filter((r) => r.at >= firstBackoffEnd).length,
      rejectedTwice: [...perTarget.values()].filter((n) => n > 1).length,
      early: stats.earlyRequests,
    },
  };
}

/** The pace changes the client logged: [{region, rps, why}], in order. */
function pacesFrom(stderr) {
  const paces = [];
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{') || !line.includes('"rps"')) continue;
    try {
      const { region, rps, why } = JSON.parse(line);
      paces.push({ region, rps, why });
    } catch {
      // not a log line
    }
  }
  return paces;
}
