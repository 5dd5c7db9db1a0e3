// The targets, judged against the measured figures (in the benchmark, never in tests).

/** One row per target: what it asks, what was measured, and whether it is met (null = not measured). */
export function judgeTargets(results) {
  const rows = [];
  const big = results.plan.find((p) => p.n === 10_000);
  if (big) {
    const m = big.inSync;
    rows.push(row('plan 10,000 in sync: wall ≤ 3 s', `${Math.round(m.wallMs.median)} ms`, m.wallMs.median <= 3000));
    rows.push(
      row(
        'plan 10,000 in sync: peak RSS ≤ 300 MB',
        fmtMb(m.rssMb.max),
        m.rssMb.max === null ? null : m.rssMb.max <= 300,
      ),
    );
    const extra = m.requests.total - big.expected.total;
    rows.push(
      row(
        'plan 10,000 in sync: requests = list pages + catalogue',
        `${m.requests.total} vs ${big.expected.total}, ${m.requests.other} per-cluster`,
        extra === 0 && m.requests.other === 0,
      ),
    );
  }
  const edge = results.plan.find((p) => p.expected.exactMultiples > 0);
  if (edge) {
    const ceil = edge.expected.ceilLists + edge.expected.catalogue;
    const measured = `${edge.inSync.requests.total} vs Σ ceil ${ceil} (+${edge.inSync.requests.total - ceil}: short-page end)`;
    rows.push(row(`(info) plan ${edge.n}, exactly 1000 per region: requests`, measured, null));
  }
  if (results.startup) {
    // hyperfine's medians when it ran (nothing between it and node), else ours.
    const hf = results.startup.hyperfine;
    const [node, version, validate] = hf
      ? hf.map((h) => h.medianMs)
      : results.startup.results.map((r) => r.wallMs.median);
    const source = hf ? 'hyperfine median' : 'median';
    const ratio = version / node;
    rows.push(row('--version ≤ 2× node -e ""', `${ratio.toFixed(2)}× (${source})`, ratio <= 2));
    rows.push(row('validate of one file ≤ 150 ms', `${Math.round(validate)} ms (${source})`, validate <= 150));
  }
  const a = results.apply;
  if (a) {
    rows.push(row('apply: ≥ 80 % of the limit', fmtPct(a.fractionOfLimit), a.fractionOfLimit >= 0.8));
    rows.push(row('apply: zero failed clusters', String(a.failedClusters), a.failedClusters === 0 && a.code === 0));
    rows.push(
      row(
        'apply: zero 429 after the first back-off',
        String(a.rejected429.afterFirstBackoff),
        a.rejected429.afterFirstBackoff === 0,
      ),
    );
  }
  return rows;
}

function row(target, measured, met) {
  return { target, measured, met };
}

function fmtMb(v) {
  return v === null ? 'n/a' : `${Math.round(v)} MB`;
}

function fmtPct(v) {
  return v === null ? 'n/a' : `${(v * 100).toFixed(0)} %`;
}
