/**
 * Pure: turns what the server answered into the short words the guesses table compares (guesses.ts), without
 * copying anything identifying (e-mail addresses, ids, IP addresses) into the report.
 */
import { type Answer, firstErrorCode, itemsOf } from './api.js';

const KNOWN_PROPERTIES: Record<string, readonly string[] | null> = {
  name: null,
  description: null,
  version: null,
  instances: ['count', 'cores', 'ram', 'storageSize'],
  connection: ['datacenterId', 'lanId', 'primaryInstanceAddress'],
  maintenanceWindow: ['dayOfTheWeek', 'time'],
  replicationMode: null,
  connectionPooler: null,
  logsEnabled: null,
  metricsEnabled: null,
  backup: ['location', 'retentionDays'],
};

/** Property paths a ClusterRead carries that pgensure's schema does not know (`none` when there are none). */
export function describeUnknownProperties(properties: unknown): string {
  if (typeof properties !== 'object' || properties === null) return 'no properties object';
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(properties)) {
    const known = KNOWN_PROPERTIES[key];
    if (known === undefined) unknown.push(key);
    else if (known !== null && typeof value === 'object' && value !== null)
      for (const inner of Object.keys(value)) if (!known.includes(inner)) unknown.push(`${key}.${inner}`);
  }
  return unknown.length === 0 ? 'none' : unknown.sort().join(', ');
}

/** The states in lifecycle order, then any other state the server used. */
export function describeStates(seen: Iterable<string>): string {
  const order = ['PROVISIONING', 'AVAILABLE', 'UPDATING', 'DESTROYING', 'FAILED'];
  const states = new Set(seen);
  const known = order.filter((s) => states.has(s));
  const other = [...states].filter((s) => !order.includes(s)).sort();
  return [...known, ...other.map((s) => `${s} (unknown to pgensure)`)].join(', ');
}

/** Where (which request) any credential or the password itself showed up in an answer, or `never`. */
export function describeCredentialEchoes(answers: readonly Answer[], secrets: readonly string[]): string {
  const where = new Set<string>();
  for (const answer of answers) {
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    if (/"credentials"\s*:/.test(text) || secrets.some((s) => s.length > 0 && text.includes(s)))
      where.add(`${answer.method} ${answer.path.replace(/[0-9a-f-]{36}/g, '{id}').split('?')[0]}`);
  }
  return where.size === 0 ? 'never' : `in ${[...where].sort().join(', ')}`;
}

/** `id=clusters type=collection item=cluster` from a non-empty list. */
export function describeListShape(body: unknown): string {
  const list = body as { id?: unknown; type?: unknown } | undefined;
  const item = itemsOf(body)[0];
  return `id=${String(list?.id)} type=${String(list?.type)} item=${item === undefined ? '?' : String(item.type)}`;
}

/** Whether an error body has the documented shape; else which keys it has. */
export function describeErrorBody(body: unknown): string {
  const b = body as { httpStatus?: unknown; messages?: unknown } | undefined;
  const messages = Array.isArray(b?.messages) ? (b.messages as Record<string, unknown>[]) : undefined;
  const ok =
    typeof b?.httpStatus === 'number' &&
    messages !== undefined &&
    messages.length > 0 &&
    messages.every((m) => typeof m.errorCode === 'string' && typeof m.message === 'string');
  if (ok) return 'matches';
  if (typeof body !== 'object' || body === null) return `not JSON: ${typeof body}`;
  return `other keys: ${Object.keys(body).sort().join(', ') || 'none'}`;
}

/** `400 INVALID_ID, 404 NOT_FOUND, ...` from the error answers seen, one per status, in status order. */
export function describeErrorCodes(answers: readonly Answer[]): string {
  const byStatus = new Map<number, string>();
  for (const answer of answers)
    if (answer.status >= 400 && answer.status !== 429 && !byStatus.has(answer.status))
      byStatus.set(answer.status, firstErrorCode(answer.body) ?? '(no errorCode)');
  return [...byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, code]) => `${status} ${code}`)
    .join(', ');
}

/** `e-mail` when every identity field looks like an address, else the kinds seen (never the values). */
export function describeIdentities(metadata: unknown): string {
  const m = (metadata ?? {}) as Record<string, unknown>;
  const kinds = new Set(
    ['createdBy', 'lastModifiedBy'].map((key) => {
      const value = m[key];
      if (typeof value !== 'string') return `${key} missing`;
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ? 'e-mail' : `${key} not an e-mail (${value.length} characters)`;
    }),
  );
  return [...kinds].join(', ');
}

/** Whether dnsName has the guessed shape; else its shape with letters and digits masked. */
export function describeDnsName(dnsName: unknown, region: string): string {
  if (typeof dnsName !== 'string') return 'missing';
  if (new RegExp(`^pg-[a-z0-9]{16}\\.postgresql\\.${region}\\.ionos\\.com$`).test(dnsName)) return 'matches';
  return `other: ${mask(dnsName)}`;
}

/** Whether resourceURN has the guessed shape; else its shape masked. */
export function describeUrn(urn: unknown, region: string, id: string): string {
  if (typeof urn !== 'string') return 'missing';
  if (urn === `ionos:dbaas:psql:${region}:cluster:${id}`) return 'matches';
  return `other: ${mask(urn.replace(id, '{id}'))}`;
}

/** Letters → a, digits → 9 (shape without content); the region and well-known words stay readable. */
function mask(text: string): string {
  return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '{uuid}').replace(/\d/g, '9');
}

/** The rate-limit header names seen in any answer (`none`). */
export function describeRateLimitHeaders(answers: readonly Answer[]): string {
  const names = new Set<string>();
  for (const answer of answers)
    for (const name of Object.keys(answer.headers)) if (/^(x-)?ratelimit/.test(name)) names.add(name);
  return names.size === 0 ? 'none' : [...names].sort().join(', ');
}

/** `seconds` / `HTTP date` for the Retry-After values of 429 answers; null when no 429 was seen. */
export function describeRetryAfter(answers: readonly Answer[]): string | null {
  const values = answers.filter((a) => a.status === 429).map((a) => a.headers['retry-after']);
  if (values.length === 0) return null;
  const kinds = new Set(
    values.map((v) => (v === undefined ? 'absent' : /^\d+$/.test(v.trim()) ? 'seconds' : 'HTTP date')),
  );
  return [...kinds].sort().join(', ');
}

/** `13 DEPRECATED, 14 SUPPORTED, ...` from /versions. */
export function describeVersions(body: unknown): string {
  return itemsOf(body)
    .map((item) => item.properties as { version?: unknown; status?: unknown } | undefined)
    .map((p) => `${String(p?.version)} ${String(p?.status)}`)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .join(', ');
}

/** `eu-central-3, eu-central-4, de` from /backup-locations, in the server's order. */
export function describeLocations(body: unknown): string {
  return itemsOf(body)
    .map((item) => String((item.properties as { location?: unknown } | undefined)?.location))
    .join(', ');
}
