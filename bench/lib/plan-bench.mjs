// Benchmarks 1 and 2: `pgensure plan` of N in-sync clusters over nine regions, then the same with 1 % drifted.
import { REGIONS } from '../../dist/api/types.js';
import { startEmulator } from '../../dist/emulator/index.js';
import { makeFleet, removeDir, seedFromSpecs, writeSpecFiles } from './fleet.mjs';
import { runMeasured, summarizeRuns } from './measure.mjs';

const PAGE_SIZE = 1000;

/** Requests the floor allows: per region, list pages until a short one, plus /versions and /backup-locations. */
export function expectedRequests(perRegion) {
  let lists = 0;
  let ceilLists = 0;
  let exactMultiples = 0;
  for (const n of perRegion.values()) {
    lists += Math.floor(n / PAGE_SIZE) + 1; // = ceil(n / page) unless n is an exact multiple (then one more)
    ceilLists += Math.max(1, Math.ceil(n / PAGE_SIZE));
    if (n > 0 && n % PAGE_SIZE === 0) exactMultiples++;
  }
  // `lists` is what paging to a short page needs; `ceilLists` the formula (no end-of-list signal needed).
  return { lists, ceilLists, catalogue: 2 * perRegion.size, total: lists + 2 * perRegion.size, exactMultiples };
}

/** Sorts the emulator's request log into list calls, catalogue reads and anything else. */
export function classifyRequests(requests) {
  const count = { total: requests.length, lists: 0, catalogue: 0, other: 0, non2xx: 0 };
  for (const r of requests) {
    if (r.status < 200 || r.status >= 300) count.non2xx++;
    if (r.method === 'GET' && /^\/[a-z-]+\/clusters$/.test(r.path)) count.lists++;
    else if (r.method === 'GET' && /^\/[a-z-]+\/(versions|backup-locations)$/.test(r.path)) count.catalogue++;
    else count.other++;
  }
  return count;
}

async function measurePlan(emulator, dir, { runs, expectCode }) {
  const env = { ...process.env, IONOS_TOKEN: 'bench-token', PGENSURE_ENDPOINT: emulator.endpointTemplate };
  const args = ['plan', dir, '--detailed-exitcode'];
  await runMeasured(args, { env, rusage: false }); // warm-up: file cache, emulator JIT
  const results = [];
  let requests;
  for (let i = 0; i < runs; i++) {
    emulator.clearRequests();
    const run = await runMeasured(args, { env });
    if (run.code !== expectCode) {
      throw new Error(`plan exited ${run.code}, expected ${expectCode}:\n${run.stderr.slice(0, 2000)}`);
    }
    requests = classifyRequests(emulator.requests);
    results.push(run);
  }
  return { ...summarizeRuns(results), requests, summaryLine: lastPlanLine(results[0].stdout) };
}

function lastPlanLine(stdout) {
  return (
    stdout
      .trim()
      .split('\n')
      .filter((l) => /^(Plan:|No changes)/.test(l))
      .pop() ?? ''
  );
}

/** Plan of N in-sync clusters, then (unless `drift: false`) the same with every 100th cluster edited in the console. */
export async function benchPlan(n, { runs, drift: withDrift = true }) {
  const fleet = makeFleet(n);
  const dir = writeSpecFiles(fleet);
  const emulator = await startEmulator({ seed: 42 });
  try {
    const seeded = await seedFromSpecs(emulator, dir);
    const perRegion = new Map(REGIONS.map((r) => [r, fleet.filter((m) => m.region === r).length]));
    for (const [r, count] of perRegion) if (count === 0) perRegion.delete(r);
    const expected = expectedRequests(perRegion);
    const inSync = await measurePlan(emulator, dir, { runs, expectCode: 0 });
    if (!withDrift) return { n, regions: perRegion.size, perRegion: Object.fromEntries(perRegion), expected, inSync };
    const drifted = seeded.filter((_, i) => i % 100 === 0);
    const moreCores = (p) => ({ ...p, instances: { ...p.instances, cores: p.instances.cores + 2 } });
    for (const { region, cluster } of drifted)
      emulator.editCluster(region, cluster.id, moreCores, 'console@example.com');
    const drift = await measurePlan(emulator, dir, { runs, expectCode: 2 });
    return {
      n,
      regions: perRegion.size,
      perRegion: Object.fromEntries(perRegion),
      expected,
      inSync,
      drift,
      driftedCount: drifted.length,
    };
  } finally {
    await emulator.close();
    removeDir(dir);
  }
}
