// Plain-text tables of the bench results.

const ms = (v) =>
  v === null || v === undefined ? 'n/a' : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
const mb = (v) => (v === null || v === undefined ? 'n/a' : `${Math.round(v)} MB`);
const pct = (v) => (v === null || v === undefined ? 'n/a' : `${(v * 100).toFixed(0)} %`);
const x = (v) => `${v.toFixed(2)}×`;
const span = (s, f) => `${f(s.min)}–${f(s.max)}`;

/** Prints rows (arrays of cells) with a header, columns padded to the widest cell. */
export function printTable(title, header, rows) {
  const all = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(all[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of all.slice(1)) console.log(line(row));
}

const requests = (r) => `${r.total} (${r.lists}+${r.catalogue}+${r.perCluster}+${r.other})`;

/** The comparisons: each contender's medians, and the ratios (paired by round) with their range. */
export function printComparisons(comparisons) {
  const rows = comparisons.map((c) => [
    `N=${c.n}, ${c.latencyMs} ms`,
    ms(c.floor.wallMs.median),
    ms(c.plan.wallMs.median),
    `${ms(c.peer.wallMs.median)}${c.peerSampled ? '*' : ''}`,
    `${x(c.planOverFloor.median)} (${span(c.planOverFloor, x)})`,
    `${x(c.peerOverPlan.median)} (${span(c.peerOverPlan, x)})`,
    `${mb(c.floor.rssMb.max)} / ${mb(c.plan.rssMb.max)} / ${mb(c.peer.rssMb.max)}`,
    `${requests(c.floor.requests)} / ${requests(c.plan.requests)} / ${c.peer.requests.total}`,
    c.rounds,
  ]);
  printTable(
    'plan vs the list-fetch floor vs the peer (1 GET per cluster, 10 in flight); wall medians, ratios paired by round\n' +
      '* peer extrapolated from a 1,000-GET sample (latency-bound: linear); requests = lists+catalogue+per-cluster+other',
    [
      'case',
      'floor',
      'plan',
      'peer',
      'plan/floor',
      'peer/plan',
      'peak RSS floor/plan/peer',
      'requests floor / plan / peer',
      'rounds',
    ],
    rows,
  );
}

/**
 * Spec loading alone (`pgensure validate` of the same files, which sends nothing) against the floor, paired by round:
 * the plan must finish it before its first request, so plan / floor cannot go below about (validate + floor − start-up)
 * / floor (`least plan/floor`, with Node's start-up measured in the same round).
 */
export function printSpecLoading(comparisons) {
  const rows = comparisons
    .filter((c) => c.validate !== undefined)
    .map((c) => [
      `N=${c.n}, ${c.latencyMs} ms`,
      ms(c.validate.wallMs.median),
      ms(c.validate.cpuMs.median),
      `${x(c.validateOverFloor.median)} (${span(c.validateOverFloor, x)})`,
      c.boundOverFloor === undefined ? '–' : `${x(c.boundOverFloor.median)} (${span(c.boundOverFloor, x)})`,
      mb(c.validate.rssMb.max),
      c.validate.requests.total,
    ]);
  if (rows.length === 0) return;
  printTable(
    'spec loading alone: `pgensure validate` of the same files (no network), which the plan finishes before its first request',
    ['case', 'validate wall', 'validate CPU', 'validate/floor', 'least plan/floor', 'peak RSS', 'requests'],
    rows,
  );
}

/** The baseline build's plan against this one's, when --baseline was given (same rounds, same emulator). */
export function printBaseline(comparisons) {
  const rows = comparisons
    .filter((c) => c.baseline !== undefined)
    .map((c) => [
      `N=${c.n}, ${c.latencyMs} ms`,
      `${ms(c.baseline.wallMs.median)} / ${ms(c.plan.wallMs.median)}`,
      `${x(c.baselineOverPlan.median)} (${span(c.baselineOverPlan, x)})`,
      `${ms(c.baseline.cpuMs.median)} / ${ms(c.plan.cpuMs.median)}`,
      `${mb(c.baseline.rssMb.max)} / ${mb(c.plan.rssMb.max)}`,
      `${requests(c.baseline.requests)} / ${requests(c.plan.requests)}`,
    ]);
  if (rows.length === 0) return;
  printTable(
    `before/after: the baseline build's plan (${comparisons.find((c) => c.baseline)?.baseline.dir}) vs this one's`,
    ['case', 'wall before / after', 'before/after', 'CPU before / after', 'peak RSS before / after', 'requests'],
    rows,
  );
}

/** How the plan scales: per latency, wall, CPU and memory per size, and the cost per cluster above the floor. */
export function printScaling(comparisons) {
  const rows = comparisons.map((c) => {
    const above = c.plan.wallMs.median - c.floor.wallMs.median;
    return [
      `${c.latencyMs} ms`,
      c.n,
      ms(c.plan.wallMs.median),
      ms(c.plan.cpuMs.median),
      mb(c.plan.rssMb.max),
      `${((c.plan.wallMs.median * 1000) / c.n).toFixed(0)} µs`,
      `${((above * 1000) / c.n).toFixed(0)} µs`,
      ms(c.floor.wallMs.median),
      `${((c.floor.wallMs.median * 1000) / c.n).toFixed(0)} µs`,
    ];
  });
  printTable(
    'scaling (plan of N in-sync clusters over nine regions)',
    [
      'latency',
      'N',
      'plan wall',
      'plan CPU',
      'plan RSS',
      'wall/cluster',
      'above floor/cluster',
      'floor wall',
      'floor/cluster',
    ],
    rows,
  );
}

export function printStartup(startup) {
  const rows = startup.results.map((r, k) => [
    r.name,
    ms(r.wallMs.median),
    span(r.wallMs, ms),
    `${x(startup.ratios[k].ratio.median)} (${span(startup.ratios[k].ratio, x)})`,
    mb(r.rssMb.median),
    r.wallMs.n,
  ]);
  printTable(
    'start-up (interleaved runs; ratio paired by round)',
    ['command', 'median', 'range', 'vs node', 'RSS', 'runs'],
    rows,
  );
  if (startup.hyperfine) {
    printTable(
      'start-up, hyperfine -N (second opinion)',
      ['command', 'median', 'mean ± σ', 'vs node (medians)'],
      startup.hyperfine.map((h) => [
        h.name,
        ms(h.medianMs),
        `${ms(h.meanMs)} ± ${ms(h.stddevMs)}`,
        x(h.medianMs / startup.hyperfine[0].medianMs),
      ]),
    );
  }
}

export function printApply(list) {
  const rows = list.map((a) => [
    a.case,
    `${a.code}`,
    `${a.phaseS.toFixed(2)} s / ${a.floorS.toFixed(2)} s`,
    `${a.throughputRps?.toFixed(1)} req/s = ${pct(a.fractionOfLimit)}`,
    `${a.requests.total} / ${a.requests.puts} / ${a.requests.gets} / ${a.requests.polls}`,
    `${a.rejected429.total} / ${a.rejected429.afterFirstBackoff}`,
    a.failedClusters,
    a.paces.map((p) => `${p.rps}`).join(' → ') || 'none',
    `${ms(a.wallMs)} / ${ms(a.cpuMs)} / ${mb(a.rssMb)}`,
  ]);
  const c = list[0].config;
  printTable(
    `apply: ${c.count} updates in ${c.region}, limit ${c.rps} req/s, latency ${c.latencyMs} ms, busy ${c.provisioningDelayMs} ms after each write`,
    [
      'case',
      'exit',
      'phase / floor',
      'throughput',
      'requests all/PUT/GET/poll',
      '429 all/after 1st',
      'failed',
      'paces learnt',
      'wall / CPU / RSS',
    ],
    rows,
  );
  for (const a of list) if (a.stderrTail) console.log(`stderr of "${a.case}" (tail):\n${a.stderrTail}`);
}

export function printTargets(targets) {
  printTable(
    'goals (issue 13)',
    ['goal', 'measured: median (min–max)', 'met'],
    targets.map((t) => [t.target, t.measured, t.met === null ? 'info' : t.met ? 'yes' : 'NO']),
  );
}
