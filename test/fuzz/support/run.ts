import fc from 'fast-check';

/**
 * How long the fuzz properties run. CI (and `npm test`) runs a bounded number of cases per property, so the whole
 * suite takes seconds; `PGENSURE_FUZZ_SECONDS=1200 npx vitest run --project fuzz` runs each property for that long
 * (numbers of cases unbounded). `PGENSURE_FUZZ_SEED` replays a run: fast-check prints the seed (and the path of the
 * shrunk case) of every failure.
 */
export const FUZZ_SECONDS = Number(process.env.PGENSURE_FUZZ_SECONDS ?? 0);
const RUNS = Number(process.env.PGENSURE_FUZZ_RUNS ?? 0);
const SEED = process.env.PGENSURE_FUZZ_SEED === undefined ? undefined : Number(process.env.PGENSURE_FUZZ_SEED);

/** A case slower than this breaks the "bounded time" invariant (generous: the machine is shared). */
export const CASE_TIME_LIMIT_MS = 10_000;
/** Resident memory above this after a case breaks the "bounded memory" invariant. */
export const RSS_LIMIT_BYTES = 1.5 * 1024 ** 3;

/** The vitest timeout a fuzz test needs. */
export function fuzzTimeoutMs(defaultMs: number): number {
  return FUZZ_SECONDS > 0 ? FUZZ_SECONDS * 1000 + 120_000 : defaultMs;
}

/** What one property did: the figures docs/safety.md reports. */
export interface FuzzFigures {
  name: string;
  cases: number;
  seconds: number;
  slowestCaseMs: number;
  peakRssMb: number;
  seed: number;
}

/**
 * Runs an async property for the configured budget, times every case (CASE_TIME_LIMIT_MS) and watches memory
 * (RSS_LIMIT_BYTES), prints one line of figures, and fails with fast-check's report (seed, path, counterexample).
 */
export async function runFuzz<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  check: (value: T) => Promise<void>,
  ciRuns: number,
): Promise<FuzzFigures> {
  let slowest = 0;
  let peakRss = 0;
  // A Node warning is output nobody asked for (yaml's "Keys with collection values will be stringified" was one).
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.message);
  const property = fc.asyncProperty(arbitrary, async (value) => {
    const started = performance.now();
    process.on('warning', onWarning);
    try {
      await check(value);
      await new Promise((resolve) => setImmediate(resolve)); // process warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    if (warnings.length > 0) throw new Error(`a Node warning was printed: ${warnings.splice(0).join('; ')}`);
    const ms = performance.now() - started;
    slowest = Math.max(slowest, ms);
    const rss = process.memoryUsage.rss();
    peakRss = Math.max(peakRss, rss);
    if (ms > CASE_TIME_LIMIT_MS) throw new Error(`a case took ${ms.toFixed(0)} ms (limit ${CASE_TIME_LIMIT_MS})`);
    if (rss > RSS_LIMIT_BYTES) throw new Error(`resident memory reached ${(rss / 2 ** 20).toFixed(0)} MB`);
  });
  const seed = SEED ?? Date.now() ^ (Math.random() * 0x100000000);
  const started = performance.now();
  const budget =
    FUZZ_SECONDS > 0
      ? {
          numRuns: Number.MAX_SAFE_INTEGER,
          interruptAfterTimeLimit: FUZZ_SECONDS * 1000,
          markInterruptAsFailure: false,
        }
      : { numRuns: RUNS > 0 ? RUNS : ciRuns };
  const details = await fc.check(property, { ...budget, seed, endOnFailure: true });
  const figures: FuzzFigures = {
    name,
    cases: details.numRuns,
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    slowestCaseMs: Math.round(slowest),
    peakRssMb: Math.round(peakRss / 2 ** 20),
    seed,
  };
  console.log(`fuzz ${JSON.stringify(figures)}`);
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.stack : String(details.errorInstance);
    const report = (fc.defaultReportMessage(details) ?? `fuzz ${name} failed (seed ${seed})`).slice(0, 4000);
    throw new Error(`${report}\nCaused by: ${cause}`);
  }
  return figures;
}
