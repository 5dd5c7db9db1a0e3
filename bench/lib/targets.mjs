// The goals of issue 13, judged against the measured figures (in the benchmark, never in tests). The bench exits
// non-zero when one is missed.

const GOALS = {
  planOverFloor: 1.5, // plan / list-fetch floor at 10k and 50k, every latency
  peerOverPlan: 1.5, // peer / plan at 10k and 50k, every latency
  rssMb: { 10000: 120, 50000: 300 },
  applyDefault: 0.85, // fraction of the limit, default flags
  applyMaxRps: 0.95, // fraction of the limit, PGENSURE_MAX_RPS at the limit (and zero 429)
  validateOverNode: 1.3,
};

const x = (v) => `${v.toFixed(2)}×`;
const range = (s, f) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;

/** One row per goal: what it asks, what was measured, and whether it is met (null = informational). */
export function judgeTargets(results) {
  const rows = [];
  for (const c of results.comparisons) {
    const at = `N=${c.n.toLocaleString('en')}, ${c.latencyMs} ms`;
    const judged = c.n >= 10_000; // the goals are about fleet scale; 1k is shown for the scaling table
    const peerNote = c.peerSampled ? ` (peer extrapolated from ${c.peerSampled} GETs)` : '';
    rows.push(
      row(
        `plan / floor ≤ ${GOALS.planOverFloor}×, ${at}`,
        range(c.planOverFloor, x),
        judged ? c.planOverFloor.median <= GOALS.planOverFloor : null,
      ),
    );
    rows.push(
      row(
        `peer / plan ≥ ${GOALS.peerOverPlan}×, ${at}`,
        range(c.peerOverPlan, x) + peerNote,
        judged ? c.peerOverPlan.median >= GOALS.peerOverPlan : null,
      ),
    );
    if (c.validateOverFloor !== undefined && c.latencyMs === 0) {
      rows.push(row(`(info) validate alone / floor, ${at}`, range(c.validateOverFloor, x), null));
    }
    if (c.boundOverFloor !== undefined) {
      rows.push(row(`(info) least plan / floor, every spec checked first, ${at}`, range(c.boundOverFloor, x), null));
    }
    const limit = GOALS.rssMb[c.n];
    if (limit !== undefined) {
      const peak = c.plan.rssMb.max;
      rows.push(row(`plan peak RSS ≤ ${limit} MB, ${at}`, mb(peak), peak === null ? null : peak <= limit));
    }
  }
  for (const a of results.apply ?? []) {
    const goal = a.case === 'default flags' ? GOALS.applyDefault : GOALS.applyMaxRps;
    const met = a.fractionOfLimit >= goal && a.failedClusters === 0 && a.code === 0;
    rows.push(row(`apply, ${a.case}: ≥ ${pct(goal)} of the limit, 0 failed`, pct(a.fractionOfLimit), met));
    if (a.case !== 'default flags') {
      rows.push(row(`apply, ${a.case}: zero 429`, String(a.rejected429.total), a.rejected429.total === 0));
    } else {
      const after = a.rejected429.afterFirstBackoff;
      rows.push(row(`apply, ${a.case}: zero 429 after the first back-off`, String(after), after === 0));
    }
  }
  if (results.startup) {
    const ratio = results.startup.ratios.find((r) => r.name === 'pgensure validate <1 file>');
    rows.push(
      row(
        `validate of one file ≤ ${GOALS.validateOverNode}× node -e ""`,
        range(ratio.ratio, x),
        ratio.ratio.median <= GOALS.validateOverNode,
      ),
    );
    const fleet = results.startup.ratios.find((r) => r.name === 'pgensure validate examples/fleet');
    if (fleet) rows.push(row('(info) validate examples/fleet (Defaults, a Policy: CEL)', range(fleet.ratio, x), null));
  }
  return rows;
}

/** Whether every judged goal is met. */
export function allMet(rows) {
  return rows.every((r) => r.met !== false);
}

function row(target, measured, met) {
  return { target, measured, met };
}

function mb(v) {
  return v === null ? 'n/a' : `${Math.round(v)} MB`;
}

function pct(v) {
  return v === null || v === undefined ? 'n/a' : `${(v * 100).toFixed(0)} %`;
}
