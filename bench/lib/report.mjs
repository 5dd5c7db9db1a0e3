// Plain-text tables of the bench results.

const ms = (v) => (v === null || v === undefined ? 'n/a' : `${Math.round(v)} ms`);
const mb = (v) => (v === null || v === undefined ? 'n/a' : `${Math.round(v)} MB`);
const pct = (v) => (v === null || v === undefined ? 'n/a' : `${(v * 100).toFixed(0)} %`);

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

export function printPlan(plan) {
  const rows = [];
  for (const p of plan) {
    const cases = [[p.expected.exactMultiples ? 'in sync, 1000 per region' : 'in sync', p.inSync]];
    if (p.drift) cases.push([`1 % drifted (${p.driftedCount})`, p.drift]);
    for (const [label, m] of cases) {
      rows.push([
        `N=${p.n}, ${label}`,
        ms(m.wallMs.median),
        `${ms(m.wallMs.min)}–${ms(m.wallMs.max)}`,
        ms(m.cpuMs.median),
        mb(m.rssMb.max),
        `${m.requests.total} (${m.requests.lists}+${m.requests.catalogue}+${m.requests.other})`,
        `${p.expected.total} (${p.expected.lists}+${p.expected.catalogue})`,
        `${p.expected.ceilLists + p.expected.catalogue}`,
      ]);
    }
  }
  printTable(
    'plan (median of runs; requests = list + catalogue + other; floor = paging to a short page; Σ ceil = issue formula)',
    ['case', 'wall', 'range', 'CPU', 'peak RSS', 'requests', 'floor', 'Σ ceil'],
    rows,
  );
}

export function printStartup(startup) {
  const base = startup.results[0].wallMs.median;
  const rows = startup.results.map((r) => [
    r.name,
    ms(r.wallMs.median),
    `${ms(r.wallMs.min)}–${ms(r.wallMs.max)}`,
    `${(r.wallMs.median / base).toFixed(2)}×`,
    mb(r.rssMb.median),
    r.wallMs.n,
  ]);
  printTable(
    'start-up (median wall of interleaved runs)',
    ['command', 'median', 'range', 'vs node', 'RSS', 'runs'],
    rows,
  );
  if (startup.hyperfine) {
    printTable(
      'start-up, hyperfine -N (second opinion)',
      ['command', 'mean', '±', 'median'],
      startup.hyperfine.map((h) => [h.name, ms(h.meanMs), ms(h.stddevMs), ms(h.medianMs)]),
    );
  }
}

export function printApply(a) {
  const c = a.config;
  const rows = [
    ['exit code / summary', `${a.code}  ${a.summaryLine}`],
    ['wall (whole CLI run)', ms(a.wallMs)],
    ['rate-bound phase (first request → last PUT)', `${a.phaseS.toFixed(2)} s`],
    ['floor (PUTs + 3 plan reads + 1 poll) / limit', `${a.floorS.toFixed(2)} s`],
    [
      'throughput (accepted req/s in phase)',
      `${a.throughputRps?.toFixed(1)} req/s = ${pct(a.fractionOfLimit)} of ${c.rps}`,
    ],
    [
      'requests (total / accepted / PUT / poll)',
      `${a.requests.total} / ${a.requests.accepted} / ${a.requests.puts} / ${a.requests.polls}`,
    ],
    [
      '429s total / after first back-off / twice / early',
      `${a.rejected429.total} / ${a.rejected429.afterFirstBackoff} / ${a.rejected429.rejectedTwice} / ${a.rejected429.early}`,
    ],
    ['failed clusters', a.failedClusters],
    ['paces the client learnt (req/s)', a.paces.map((p) => `${p.rps} (${p.why})`).join(', ') || 'none'],
    ['CPU / peak RSS', `${ms(a.cpuMs)} / ${mb(a.rssMb)}`],
  ];
  printTable(
    `apply: ${c.count} updates in ${c.region}, limit ${c.rps} req/s, latency ${c.latencyMs} ms, --parallelism ${c.parallelism}, --poll-interval ${c.pollInterval}`,
    ['measure', 'value'],
    rows,
  );
  if (a.stderrTail) console.log(`stderr (tail):\n${a.stderrTail}`);
}

export function printTargets(targets) {
  printTable(
    'targets',
    ['target', 'measured', 'met'],
    targets.map((t) => [t.target, t.measured, t.met === null ? 'n/a' : t.met ? 'yes' : 'NO']),
  );
}
