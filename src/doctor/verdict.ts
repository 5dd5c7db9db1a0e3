/** Small constructors shared by the pure checks. */
import type { CheckId, CheckResult, HttpExchange, RegionObservation } from './types.js';

/** A passing check. */
export function pass(id: CheckId, summary: string, detail: string, data: CheckResult['data'] = {}): CheckResult {
  return { id, status: 'pass', summary, detail, hint: null, data };
}

/** A failing check; every failure carries a hint. */
export function fail(
  id: CheckId,
  summary: string,
  detail: string,
  hint: string,
  data: CheckResult['data'] = {},
): CheckResult {
  return { id, status: 'fail', summary, detail, hint, data };
}

/** The server gave too little to decide: reported, never a failure. */
export function unverifiable(
  id: CheckId,
  summary: string,
  detail: string,
  data: CheckResult['data'] = {},
): CheckResult {
  return { id, status: 'unverifiable', summary, detail, hint: null, data };
}

/** Not run because an earlier step failed. */
export function skipped(id: CheckId, why: string): CheckResult {
  return { id, status: 'skipped', summary: '-', detail: `not checked: ${why}`, hint: null, data: {} };
}

/** Why the checks that need an accepted token cannot run, or undefined when they can. */
export function blockedReason(obs: RegionObservation): string | undefined {
  if (obs.connect.some((step) => step.state === 'failed') || obs.auth === undefined || obs.auth.status === 404)
    return 'the endpoint did not answer';
  if (obs.auth.status < 200 || obs.auth.status >= 300) return 'the token check did not pass';
  return undefined;
}

/** `items` of a list body (a missing key is an empty list, as the contract allows); undefined if not a list. */
export function listItems(body: unknown): unknown[] | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const items = (body as { items?: unknown }).items;
  if (items === undefined) return [];
  return Array.isArray(items) ? items : undefined;
}

/** The `limit` a list body says it applied, if it says one. */
export function echoedLimit(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const limit = (body as { limit?: unknown }).limit;
  return typeof limit === 'number' && Number.isFinite(limit) ? limit : undefined;
}

/** `id` of a list item, when it has one. */
export function itemId(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/** A readable property of a list item (`properties.<key>`), when it is a string. */
export function itemProperty(item: unknown, key: string): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const properties = (item as { properties?: unknown }).properties;
  if (typeof properties !== 'object' || properties === null) return undefined;
  const value = (properties as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/** `HTTP 503 SERVICE_UNAVAILABLE: message` from an API error body, or just `HTTP 503`. */
export function describeStatus(exchange: HttpExchange): string {
  const body = exchange.body as { messages?: { errorCode?: unknown; message?: unknown }[] } | undefined;
  const first = Array.isArray(body?.messages) ? body.messages[0] : undefined;
  const code = typeof first?.errorCode === 'string' ? ` ${first.errorCode}` : '';
  const message = typeof first?.message === 'string' ? `: ${first.message}` : '';
  return `HTTP ${exchange.status}${code}${message}`;
}

/** Time an exchange took, headers and body. */
export function durationOf(exchange: HttpExchange): number {
  return Math.max(0, exchange.answeredAt - exchange.startedAt);
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Milliseconds for a table cell: `42ms`, `1.3s`. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

/** Rounds a measured time for the report (a tenth of a millisecond is noise). */
export function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}
