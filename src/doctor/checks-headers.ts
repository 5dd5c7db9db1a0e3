/** Pure checks on response headers: rate-limit headers (reported) and clock skew against `Date`. */
import type { CheckResult, DoctorSettings, HttpExchange, RegionObservation } from './types.js';
import { fail, formatMs, median, pass, roundMs, skipped, unverifiable } from './verdict.js';

const RATE_LIMIT_HEADER = /^(retry-after|ratelimit(-[a-z-]+)?|x-ratelimit-[a-z-]+)$/;

/** The rate-limit headers any answer carried (last value per name), and how many answers were 429. */
export function checkRateLimitHeaders(obs: RegionObservation): CheckResult {
  if (obs.exchanges.length === 0) return skipped('rate-limit-headers', 'no answer was received');
  const headers: Record<string, string> = {};
  for (const exchange of obs.exchanges)
    for (const [name, value] of Object.entries(exchange.headers))
      if (RATE_LIMIT_HEADER.test(name)) headers[name] = value;
  const limited = obs.exchanges.filter((e) => e.status === 429).length;
  const names = Object.keys(headers).sort();
  const data = { headers, rateLimitedAnswers: limited, answers: obs.exchanges.length };
  const throttled = limited === 0 ? '' : `; ${limited} of ${obs.exchanges.length} answers were 429`;
  if (names.length === 0)
    return pass(
      'rate-limit-headers',
      limited === 0 ? 'none' : `none, ${limited}x429`,
      `none seen in ${obs.exchanges.length} answers (pgensure learns the limit from 429s)${throttled}`,
      data,
    );
  const listed = names.map((name) => `${name}: ${headers[name]}`).join(', ');
  return pass('rate-limit-headers', `${names.length} seen`, `${listed}${throttled}`, data);
}

/**
 * Clock skew (server minus local) from the `Date` headers. `Date` has one-second resolution, so each answer only
 * bounds the skew to [Date - answeredAt, Date + 1 s - startedAt]; intersecting the bounds of all answers narrows
 * it (as NTP does with round trips). Bounds that do not intersect (servers that disagree) fall back to the median.
 */
export function checkClockSkew(obs: RegionObservation, settings: DoctorSettings): CheckResult {
  const bounds = obs.exchanges.flatMap((e) => boundsOf(e) ?? []);
  if (obs.exchanges.length === 0) return skipped('clock-skew', 'no answer was received');
  if (bounds.length === 0)
    return unverifiable('clock-skew', 'no Date', 'no answer carried a valid Date header', {
      skewMs: null,
      uncertaintyMs: null,
      thresholdMs: settings.maxClockSkewMs,
    });
  const { skew, uncertainty } = estimateSkew(bounds);
  const data = { skewMs: roundMs(skew), uncertaintyMs: roundMs(uncertainty), thresholdMs: settings.maxClockSkewMs };
  const shown = formatSkew(skew);
  const detail = `this machine's clock is ${shown} off the server's (±${formatMs(uncertainty)}, from ${bounds.length} Date headers)`;
  if (Math.abs(skew) <= settings.maxClockSkewMs) return pass('clock-skew', shown, detail, data);
  return fail(
    'clock-skew',
    shown,
    `${detail}, more than ${formatMs(settings.maxClockSkewMs)}`,
    "synchronise this machine's clock (NTP, e.g. `timedatectl set-ntp true`): plan timestamps, HTTP-date Retry-After and maintenance windows depend on it",
    data,
  );
}

interface Bound {
  lo: number;
  hi: number;
}

function boundsOf(exchange: HttpExchange): Bound | undefined {
  const date = exchange.headers.date;
  if (date === undefined) return undefined;
  const server = Date.parse(date);
  if (!Number.isFinite(server)) return undefined;
  return { lo: server - exchange.answeredAt, hi: server + 1000 - exchange.startedAt };
}

/** The skew estimate and its half-width from the answers' bounds. */
export function estimateSkew(bounds: readonly Bound[]): { skew: number; uncertainty: number } {
  const lo = Math.max(...bounds.map((b) => b.lo));
  const hi = Math.min(...bounds.map((b) => b.hi));
  if (lo <= hi) return { skew: (lo + hi) / 2, uncertainty: (hi - lo) / 2 };
  const mids = bounds.map((b) => (b.lo + b.hi) / 2);
  const skew = median(mids);
  return { skew, uncertainty: Math.max(...mids.map((m) => Math.abs(m - skew))) };
}

function formatSkew(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  return abs < 1000 ? `${sign}${(abs / 1000).toFixed(1)}s` : `${sign}${formatMs(abs)}`;
}
