// The comparisons of issue 13, measured in one run against one emulator: the list-fetch floor, the peer (a
// Terraform-style refresh), `pgensure plan` and `pgensure validate` of the same files, alternating, per fleet size
// and latency.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGIONS } from '../../dist/api/types.js';
import { startEmulator } from '../../dist/emulator/index.js';
import { makeFleet, removeDir, seedFromSpecs, writeSpecFiles } from './fleet.mjs';
import { BIN, ROOT, runMeasured, summarize } from './measure.mjs';

const FLOOR = join(ROOT, 'bench/lib/floor.mjs');
const PEER = join(ROOT, 'bench/lib/peer.mjs');
/** Latency-bound peer runs longer than this many GETs are measured on a sample and extrapolated (unless fullPeer). */
const PEER_SAMPLE = 1000;

/** Another build's bin: its launcher, or dist/cli/bin.js for a build from before the launcher. */
const binOf = (dir) =>
  existsSync(join(dir, 'dist/cli/pgensure.cjs')) ? join(dir, 'dist/cli/pgensure.cjs') : join(dir, 'dist/cli/bin.js');

/** Counts the emulator's answers by kind while a contender runs (the ring log would not hold 50,000 GETs). */
function createCounter() {
  const count = { total: 0, lists: 0, catalogue: 0, perCluster: 0, other: 0, non2xx: 0 };
  const reset = () => {
    for (const key of Object.keys(count)) count[key] = 0;
  };
  const onRequest = (r) => {
    count.total++;
    if (r.status < 200 || r.status >= 300) count.non2xx++;
    if (r.method !== 'GET') count.other++;
    else if (/^\/[a-z-]+\/clusters$/.test(r.path)) count.lists++;
    else if (/^\/[a-z-]+\/(versions|backup-locations)$/.test(r.path)) count.catalogue++;
    else if (/^\/[a-z-]+\/clusters\/[^/]+$/.test(r.path)) count.perCluster++;
    else count.other++;
  };
  return { count, reset, onRequest, snapshot: () => ({ ...count }) };
}

/** The three contenders: argv and the exit code each must end with. */
function contenders({ dir, regions, statePath, peerLimit, baseline }) {
  const peerArgs = [
    process.execPath,
    PEER,
    statePath,
    ...(peerLimit === undefined ? [] : ['--limit', String(peerLimit)]),
  ];
  return [
    { name: 'floor', argv: [process.execPath, FLOOR, regions.join(',')], expect: 0 },
    {
      name: 'plan',
      argv: [process.execPath, BIN, 'plan', dir, '--detailed-exitcode'],
      expect: 0,
    },
    { name: 'peer', argv: peerArgs, expect: 0 },
    // Spec loading alone (no network): what the plan must finish before its first request, since bad input sends
    // nothing. Against the floor it shows how much of plan / floor is loading the files.
    { name: 'validate', argv: [process.execPath, BIN, 'validate', dir], expect: 0, sendsNothing: true },
    // Node's own start-up, which validate and the floor both pay: the plan pays it once, so the least it can take,
    // with every check before its first request, is about floor + validate − this (boundOf, below).
    { name: 'node', argv: [process.execPath, '-e', ''], expect: 0, sendsNothing: true },
    // Another build's plan (e.g. main's), in the same rounds: before and after measured under the same load.
    ...(baseline === undefined
      ? []
      : [
          {
            name: 'baseline',
            argv: [process.execPath, binOf(baseline), 'plan', dir, '--detailed-exitcode'],
            expect: 0,
          },
        ]),
  ];
}

async function runContender(c, env, counter) {
  counter.reset();
  const run = await runMeasured([], { command: c.argv, env });
  if (run.code !== c.expect) throw new Error(`${c.name} exited ${run.code}:\n${run.stderr.slice(0, 2000)}`);
  if (c.sendsNothing && counter.count.total > 0) throw new Error(`${c.name} sent ${counter.count.total} requests`);
  return { wallMs: run.wallMs, cpuMs: run.cpuMs, rssMb: run.rssMb, requests: counter.snapshot() };
}

/**
 * One fleet size: seeds N in-sync clusters over nine regions once, then per latency runs floor, plan and peer
 * `runs` times each, the order rotating every round, and pairs them by round for the ratios.
 */
export async function benchComparison(n, { latencies, runs, fullPeer = false, baseline, log = () => {} }) {
  const fleet = makeFleet(n);
  const dir = writeSpecFiles(fleet);
  const counter = createCounter();
  const emulator = await startEmulator({ seed: 42, requestLogLimit: 10, onRequest: counter.onRequest });
  const statePath = join(tmpdir(), `pgensure-bench-state-${process.pid}-${n}.json`);
  try {
    const seeded = await seedFromSpecs(emulator, dir);
    writeFileSync(statePath, JSON.stringify(seeded.map(({ region, cluster }) => [region, cluster.id])));
    const regions = REGIONS.filter((r) => fleet.some((m) => m.region === r));
    const env = { ...process.env, IONOS_TOKEN: 'bench-token', PGENSURE_ENDPOINT: emulator.endpointTemplate };
    const results = [];
    for (const latencyMs of latencies) {
      emulator.setFaults({ latencyMs });
      const sampled = !fullPeer && latencyMs > 0 && n > PEER_SAMPLE;
      const peerLimit = sampled ? PEER_SAMPLE : undefined;
      const list = contenders({ dir, regions, statePath, peerLimit, baseline });
      const names = list.map((c) => c.name).join(', ');
      log(
        `  N=${n}, latency ${latencyMs} ms: ${runs} rounds of ${names}${sampled ? ` (peer: ${PEER_SAMPLE}-GET sample)` : ''}`,
      );
      for (const c of list) await runMeasured([], { command: c.argv, env, rusage: false }); // warm-up
      const base = sampled ? await measurePeerBase(statePath, env) : undefined;
      const rounds = [];
      for (let r = 0; r < runs; r++) {
        const round = {};
        for (let k = 0; k < list.length; k++) {
          const c = list[(k + r) % list.length];
          round[c.name] = await runContender(c, env, counter);
        }
        if (sampled) round.peer = extrapolatePeer(round.peer, base, n);
        rounds.push(round);
      }
      results.push(summarizeRounds(n, latencyMs, rounds, { sampled, regions: regions.length, baseline }));
    }
    return results;
  } finally {
    await emulator.close();
    removeDir(dir);
    rmSync(statePath, { force: true });
  }
}

/** The peer's fixed cost (start-up, imports, no GET), to scale only the GETs of a sample. */
async function measurePeerBase(statePath, env) {
  const walls = [];
  for (let i = 0; i < 3; i++) {
    const run = await runMeasured([], {
      command: [process.execPath, PEER, statePath, '--limit', '0'],
      env,
      rusage: false,
    });
    walls.push(run.wallMs);
  }
  return summarize(walls).median;
}

/** A sampled peer run scaled to N GETs: fixed cost + (sample − fixed cost) × N / sample. Latency-bound, so linear. */
function extrapolatePeer(run, baseMs, n) {
  const scale = n / PEER_SAMPLE;
  return {
    ...run,
    sampleWallMs: run.wallMs,
    wallMs: baseMs + (run.wallMs - baseMs) * scale,
    requests: {
      ...run.requests,
      perCluster: Math.round(run.requests.perCluster * scale),
      total: Math.round(run.requests.total * scale),
    },
  };
}

/**
 * The least a plan could take in this round under the contract (bad input sends nothing, so every spec file is
 * checked before the first request): its spec loading (validate's wall time less Node's start-up) and then the
 * floor's fetch. Nothing of the plan's own fetch, comparison or rendering is in it.
 */
function boundOf(round) {
  return round.floor.wallMs + Math.max(0, round.validate.wallMs - round.node.wallMs);
}

function summarizeRounds(n, latencyMs, rounds, { sampled, regions, baseline }) {
  const pick = (name, key) => summarize(rounds.map((r) => r[name][key]));
  const ratio = (a, b) => summarize(rounds.map((r) => r[a].wallMs / r[b].wallMs));
  const of = (name) => ({
    wallMs: pick(name, 'wallMs'),
    cpuMs: pick(name, 'cpuMs'),
    rssMb: pick(name, 'rssMb'),
    requests: rounds[rounds.length - 1][name].requests,
  });
  return {
    n,
    latencyMs,
    regions,
    rounds: rounds.length,
    peerSampled: sampled ? PEER_SAMPLE : null,
    floor: of('floor'),
    plan: of('plan'),
    peer: of('peer'),
    validate: of('validate'),
    node: of('node'),
    planOverFloor: ratio('plan', 'floor'),
    validateOverFloor: ratio('validate', 'floor'),
    boundOverFloor: summarize(rounds.map((r) => boundOf(r) / r.floor.wallMs)),
    peerOverPlan: ratio('peer', 'plan'),
    ...(baseline === undefined
      ? {}
      : { baseline: { dir: baseline, ...of('baseline') }, baselineOverPlan: ratio('baseline', 'plan') }),
  };
}
