import fc from 'fast-check';
import type { Answer } from './raw-server.js';

/** The token the client sends; a hostile server may echo it anywhere. */
export const API_TOKEN = 'fuzz-api-token-7c41d9e0b2aa';
/** A password the run knows (as a fromEnv password is known from parse time); the server may have kept it. */
export const API_PASSWORD = 'Fuzz-Api-Passw0rd!x9Q';

/** The spec file the API fuzz plans: one cluster in de-fra. */
export const API_SPEC = `apiVersion: pgensure/v1
kind: PostgresCluster
metadata:
  name: fuzz-api
  region: de-fra
spec:
  version: "16"
  instances: { count: 1, cores: 2, ram: 4, storageSize: 20 }
  connection: { datacenterId: 5a029f4a-72e5-11ec-90d6-0242ac120003, lanId: "1", primaryInstanceAddress: 192.168.7.10/24 }
  backup: { location: eu-central-3 }
  credentials:
    username: app
    database: app
    password: { fromEnv: FUZZ_API_PASSWORD }
`;

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** Every way a server could echo a secret: as is, in a header, base64 (alone or as Basic), escaped, encoded. */
const echoOfSecret = fc.constantFrom(
  API_TOKEN,
  `Bearer ${API_TOKEN}`,
  `token=${API_TOKEN}&x=1`,
  b64(API_TOKEN),
  b64(`user:${API_TOKEN}`),
  API_PASSWORD,
  JSON.stringify(API_PASSWORD),
  encodeURIComponent(API_PASSWORD),
  b64(API_PASSWORD),
  b64(`app:${API_PASSWORD}`),
  `password "${API_PASSWORD}" rejected`,
);

/** Text a server could put in any string field: echoes of secrets, control bytes, ANSI and annotation commands. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
  echoOfSecret,
  fc.constantFrom(
    '\u001b[2J\u001b[31mred',
    '\n::error file=x.yaml,line=1::spoofed',
    '%0A::warning::x',
    '\r\n\r\nHTTP/1.1 200 OK',
    '\u0000\ud800',
    '<script>alert(1)</script>',
    '| --- |',
    '__proto__',
    'x'.repeat(100_000),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.tuple(fc.string({ maxLength: 10 }), echoOfSecret, fc.string({ maxLength: 10 })).map(([a, s, b]) => a + s + b),
);

/** Any JSON value (shallow), or a hostile text, or a very deep array (written as text, see deepMark). */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0, 1e308, 2 ** 53 + 1, -0, 3.5, true, null, [], {}) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5000 }).map((n) => deepMark(n)) },
);

const DEEP = 'fuzz-deep-mark:';
const deepMark = (n: number) => `${DEEP}${n}`;
/** Writes deep nesting into the text (a value that deep would overflow JSON.stringify in the generator). */
export const expandDeep = (text: string): string =>
  text.replace(new RegExp(`"${DEEP}(\\d+)"`, 'g'), (_, n: string) => `${'['.repeat(+n)}${']'.repeat(+n)}`);

/** A cluster as the API returns it for the spec, each field possibly replaced by a hostile value or removed. */
const cluster: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    id: fc.oneof(fc.constant('00000000-0000-4000-8000-00000000000a'), fc.uuid(), hostileText),
    name: fc.oneof(fc.constant('fuzz-api'), hostileText),
    state: fc.constantFrom('AVAILABLE', 'FAILED', 'BUSY', 'PROVISIONING', 'DESTROYING', '', 'x'),
    overrides: fc.array(
      fc.tuple(
        fc.constantFrom(
          'properties.description',
          'properties.version',
          'properties.instances',
          'properties.instances.cores',
          'properties.connection',
          'properties.backup',
          'properties.maintenanceWindow',
          'metadata.statusMessage',
          'metadata.lastModifiedBy',
          'metadata.lastModifiedDate',
          'metadata',
          'properties',
        ),
        fc.option(anyValue, { nil: undefined }),
      ),
      { maxLength: 3 },
    ),
  })
  .map(({ id, name, state, overrides }) => {
    const value: Record<string, unknown> = {
      id,
      type: 'cluster',
      href: `/clusters/${id}`,
      metadata: { state, statusMessage: '', lastModifiedDate: '2026-11-01T10:00:00Z', lastModifiedBy: 'fuzz' },
      properties: {
        name,
        description: '',
        version: '16',
        instances: { count: 1, cores: 2, ram: 4, storageSize: 20 },
        connection: {
          datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
          lanId: '1',
          primaryInstanceAddress: '192.168.7.10/24',
        },
        maintenanceWindow: { dayOfTheWeek: 'Sunday', time: '03:00:00' },
        replicationMode: 'ASYNCHRONOUS',
        connectionPooler: 'DISABLED',
        logsEnabled: false,
        metricsEnabled: false,
        backup: { location: 'eu-central-3', retentionDays: 7 },
      },
    };
    for (const [path, replacement] of overrides) setAt(value, path.split('.'), replacement);
    return value;
  });

function setAt(root: Record<string, unknown>, keys: string[], value: unknown): void {
  let node = root;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') return;
    node = next as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = structuredClone(value);
}

/** A list body: items of the given kind, a limit (honest or not), sometimes not a list at all. */
const listBody = (item: fc.Arbitrary<unknown>): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .record({ items: fc.array(item, { maxLength: 3 }), limit: fc.constantFrom(100, 1, 0, -5, 'x', undefined) })
        .map((b) => expandDeep(JSON.stringify(b))),
    },
    { weight: 1, arbitrary: anyValue.map((v) => expandDeep(JSON.stringify({ items: v }) ?? 'null')) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: hostileText },
  );

const versionItem = fc.oneof(
  fc.constant({ id: 'v16', properties: { version: '16', status: 'AVAILABLE' } }),
  fc.record({ id: fc.string({ maxLength: 5 }), properties: fc.record({ version: anyValue }) }),
);
const locationItem = fc.oneof(
  fc.constant({ id: 'eu-central-3', properties: { location: 'eu-central-3' } }),
  fc.record({ id: hostileText, properties: anyValue }),
);

const headerPair = fc.oneof(
  fc.constantFrom<readonly [string, string]>(
    ['content-type', 'application/json'],
    ['content-type', 'text/html'],
    ['retry-after', '0'],
    ['retry-after', '-1'],
    ['retry-after', '99999999'],
    ['retry-after', 'Wed, 21 Oct 2015 07:28:00 GMT'],
    ['retry-after', 'soon'],
    ['x-request-id', API_TOKEN],
    ['content-encoding', 'gzip'],
    ['location', `http://evil.example/${API_TOKEN}`],
  ),
  fc.tuple(
    fc.constantFrom('x-fuzz', 'www-authenticate', 'retry-after'),
    hostileText.map((t) => t.replace(/[\r\n]/g, '')),
  ),
);

/** One answer: mostly HTTP with the body for the path, sometimes an error status, broken framing, bytes or nothing. */
function answerFor(body: fc.Arbitrary<string>): fc.Arbitrary<Answer> {
  const http = fc.record({
    kind: fc.constant('http' as const),
    status: fc.oneof(
      { weight: 6, arbitrary: fc.constant(200) },
      { weight: 3, arbitrary: fc.constantFrom(201, 204, 301, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504) },
      { weight: 1, arbitrary: fc.integer({ min: 100, max: 999 }) },
    ),
    headers: fc.array(headerPair, { maxLength: 3 }).map((h) => [['content-type', 'application/json'] as const, ...h]),
    body: fc.oneof({ weight: 4, arbitrary: body }, { weight: 1, arbitrary: errorBody }),
    framing: fc.constantFrom('length', 'length', 'length', 'chunked', 'close', 'short', 'long'),
  });
  return fc.oneof(
    { weight: 20, arbitrary: http },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ kind: 'raw' as const, bytes })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'hangup' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'silence' as const }) },
  );
}

const errorBody = fc
  .record({
    httpStatus: anyValue,
    messages: fc.array(fc.record({ errorCode: anyValue, message: hostileText }), { maxLength: 2 }),
  })
  .map((b) => expandDeep(JSON.stringify(b)));

/** An honest 200 with an exact length: the framing is not under test, the body is. */
const clean = (body: fc.Arbitrary<string>): fc.Arbitrary<Answer> =>
  body.map((text) => ({
    kind: 'http' as const,
    status: 200,
    headers: [['content-type', 'application/json']] as const,
    body: text,
    framing: 'length' as const,
  }));

const list = (items: fc.Arbitrary<unknown[]>) => items.map((i) => expandDeep(JSON.stringify({ items: i, limit: 100 })));

/**
 * A hostile server: a short script of answers per kind of path, the last one repeated. Half the time a kind answers
 * clean catalogues (so planning reaches the comparison and the rendering of hostile clusters); pages after the first
 * are empty unless `repeatPages` (then the paging rules meet a server that serves the same page forever).
 */
export interface ServerScript {
  clusters: Answer[];
  versions: Answer[];
  locations: Answer[];
  other: Answer[];
  repeatPages: boolean;
}

const script = (good: fc.Arbitrary<Answer>, hostile: fc.Arbitrary<Answer>) =>
  fc.oneof(
    { weight: 2, arbitrary: good.map((a) => [a]) },
    { weight: 1, arbitrary: fc.array(fc.oneof(good, hostile), { minLength: 1, maxLength: 3 }) },
  );

const GOOD_VERSIONS = list(fc.constant([{ id: 'v16', properties: { version: '16', status: 'AVAILABLE' } }]));
const GOOD_LOCATIONS = list(fc.constant([{ id: 'eu-central-3', properties: { location: 'eu-central-3' } }]));

export const serverScript: fc.Arbitrary<ServerScript> = fc.record({
  clusters: script(clean(list(fc.array(cluster, { maxLength: 3 }))), answerFor(listBody(cluster))),
  versions: script(clean(GOOD_VERSIONS), answerFor(listBody(versionItem))),
  locations: script(clean(GOOD_LOCATIONS), answerFor(listBody(locationItem))),
  other: script(clean(cluster.map((c) => expandDeep(JSON.stringify(c)))), answerFor(listBody(cluster))),
  repeatPages: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
});

const EMPTY_PAGE: Answer = {
  kind: 'http',
  status: 200,
  headers: [['content-type', 'application/json']],
  body: '{"items":[],"limit":100}',
  framing: 'length',
};

/** The answer to the n-th request of a kind (the script's last answer once it runs out). */
export function pickAnswer(script: ServerScript, path: string, counts: Map<string, number>): Answer {
  const kind = /\/clusters(\?|$)/.test(path)
    ? 'clusters'
    : path.includes('/versions')
      ? 'versions'
      : path.includes('/backup-locations')
        ? 'locations'
        : 'other';
  if (kind !== 'other' && !script.repeatPages && !/[?&]offset=0(&|$)/.test(path)) return EMPTY_PAGE;
  const n = counts.get(kind) ?? 0;
  counts.set(kind, n + 1);
  const answers = script[kind];
  return answers[Math.min(n, answers.length - 1)]!;
}
