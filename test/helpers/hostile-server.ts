import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isRegion } from '../../src/api/types.js';
import { listLocations, VERSIONS } from '../../src/emulator/index.js';

/**
 * How the hostile server answers `GET /{region}/clusters` (the catalogue lists are always honest, so a plan gets as
 * far as the cluster list):
 * - honest: `total` clusters, paged correctly (a control);
 * - alternate: two full pages, alternating, whatever the offset (the server that made 5,219 requests);
 * - endless: full pages of new clusters forever;
 * - growing: every page larger than the one before, whatever the limit;
 * - fat: full pages forever whose items grow by `fatStepBytes` per page (each body under 32 MiB, the sum unbounded);
 * - big-pages: full pages forever, each body just under 32 MiB (the largest the client accepts);
 * - flood: a 200 whose body never ends, sent as fast as the socket takes it;
 * - drip: a 200 whose body never ends, one byte every `dripMs`;
 * - silent-cap: `total` clusters, at most `cap` per page, echoing the limit asked;
 * - echo-cap: the same, but echoing the limit applied;
 * - refuse-large: `total` clusters, a 400 for any limit above `cap`;
 * - throttle: 429 with `Retry-After: 0`, always;
 * - hang: accepts the request and never answers.
 */
export type HostileMode =
  | 'honest'
  | 'alternate'
  | 'endless'
  | 'growing'
  | 'fat'
  | 'big-pages'
  | 'flood'
  | 'drip'
  | 'silent-cap'
  | 'echo-cap'
  | 'refuse-large'
  | 'throttle'
  | 'hang';

export interface HostileOptions {
  mode: HostileMode;
  total?: number;
  cap?: number;
  dripMs?: number;
  fatStepBytes?: number;
}

export interface HostileServer {
  /** `http://127.0.0.1:PORT/{region}` */
  endpointTemplate: string;
  /** Every request's method and path, in arrival order. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts a loopback server that plays `options.mode`; close it after the test. */
export async function startHostileServer(options: HostileOptions): Promise<HostileServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    answer(options, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpointTemplate: `http://127.0.0.1:${port}/{region}`, requests, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function answer(options: HostileOptions, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://hostile');
  const [, region, collection] = url.pathname.split('/');
  const offset = Number(url.searchParams.get('offset') ?? 0);
  const limit = Number(url.searchParams.get('limit') ?? 100);
  if (!isRegion(region)) sendJson(res, 404, { httpStatus: 404, messages: [{ message: 'no such region' }] });
  else if (collection === 'versions') sendCatalog(res, VERSIONS.map(versionItem), offset, limit);
  else if (collection === 'backup-locations') sendCatalog(res, listLocations(region).map(locationItem), offset, limit);
  else if (collection !== 'clusters') sendJson(res, 404, { httpStatus: 404, messages: [{ message: 'not found' }] });
  else playClusters(options, res, region, offset, limit);
}

function playClusters(options: HostileOptions, res: ServerResponse, region: string, offset: number, limit: number) {
  const total = options.total ?? 250;
  const cap = options.cap ?? 100;
  switch (options.mode) {
    case 'honest':
      return sendPage(res, region, offset, Math.min(limit, Math.max(0, total - offset)), limit);
    case 'alternate':
      return sendPage(res, region, (offset / limit) % 2 === 0 ? 0 : limit, limit, limit);
    case 'endless':
      return sendPage(res, region, offset, limit, limit);
    case 'growing':
      return sendPage(res, region, offset, offset + limit, limit);
    case 'fat':
      return sendPage(res, region, offset, limit, limit, ((offset / limit) * (options.fatStepBytes ?? 20_000)) | 0);
    case 'big-pages':
      return sendPage(res, region, offset, limit, limit, Math.floor((31 * 1024 * 1024) / limit) - 800);
    case 'silent-cap':
    case 'echo-cap': {
      const count = Math.min(limit, cap, Math.max(0, total - offset));
      return sendPage(res, region, offset, count, options.mode === 'silent-cap' ? limit : Math.min(limit, cap));
    }
    case 'refuse-large':
      if (limit > cap) return sendJson(res, 400, { httpStatus: 400, messages: [{ message: `limit > ${cap}` }] });
      return sendPage(res, region, offset, Math.min(limit, Math.max(0, total - offset)), limit);
    case 'throttle':
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
      return res.end('{"httpStatus":429,"messages":[{"errorCode":"RL","message":"too many requests"}]}');
    case 'flood':
      return flood(res);
    case 'drip':
      return drip(res, options.dripMs ?? 100);
    case 'hang':
      return;
  }
}

/** A page of `count` realistic clusters starting at id number `first`; `padding` fattens each item. */
function sendPage(res: ServerResponse, region: string, first: number, count: number, limit: number, padding = 0) {
  const items = [];
  for (let i = first; i < first + count; i++) items.push(clusterItem(region, i, padding));
  const next = `/clusters?offset=${first + count}&limit=${limit}`;
  sendJson(res, 200, {
    id: 'clusters',
    type: 'collection',
    href: '/clusters',
    items,
    offset: first,
    limit,
    _links: { next },
  });
}

function clusterItem(region: string, n: number, padding: number): object {
  const id = `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  return {
    id,
    type: 'cluster',
    href: `/clusters/${id}`,
    metadata: {
      createdDate: '2026-01-01T00:00:00Z',
      createdBy: 'hostile@example.com',
      lastModifiedDate: '2026-01-01T00:00:00Z',
      lastModifiedBy: 'hostile@example.com',
      state: 'AVAILABLE',
      dnsName: `pg-${n}.${region}.example.com`,
    },
    properties: {
      name: `hostile-${n}`,
      description: padding > 0 ? 'x'.repeat(padding) : '',
      version: '16',
      instances: { count: 1, cores: 2, ram: 4, storageSize: 20 },
      connection: {
        datacenterId: '5a029f4a-0000-4000-8000-000000000001',
        lanId: '2',
        primaryInstanceAddress: '192.168.1.10/24',
      },
      maintenanceWindow: { dayOfTheWeek: 'Sunday', time: '03:00:00' },
      replicationMode: 'ASYNCHRONOUS',
      connectionPooler: 'DISABLED',
      logsEnabled: false,
      metricsEnabled: false,
      backup: { location: 'eu-central-3', retentionDays: 7 },
    },
  };
}

function versionItem(v: (typeof VERSIONS)[number]): object {
  const { id, ...properties } = v;
  return { id, type: 'version', href: `/versions/${id}`, metadata: {}, properties };
}

function locationItem(l: { id: string; location: string }): object {
  return {
    id: l.id,
    type: 'backupLocation',
    href: `/backup-locations/${l.id}`,
    metadata: {},
    properties: { location: l.location },
  };
}

function sendCatalog(res: ServerResponse, items: object[], offset: number, limit: number): void {
  const page = items.slice(offset, offset + limit);
  sendJson(res, 200, { id: 'list', type: 'collection', href: '/list', items: page, offset, limit, _links: {} });
}

function sendJson(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** `{"items":[` and then item after item, as fast as the client reads, until it hangs up. */
function flood(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"items":[');
  const chunk = Buffer.from(`${JSON.stringify(clusterItem('de-fra', 0, 0))},`.repeat(64));
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk)) {}
    if (!res.destroyed) res.once('drain', pump);
  };
  res.on('close', () => res.removeAllListeners('drain'));
  pump();
}

/** `{"items":[` and then one space every `ms`, forever. */
function drip(res: ServerResponse, ms: number): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"items":[');
  const timer = setInterval(() => {
    if (res.destroyed) clearInterval(timer);
    else res.write(' ');
  }, ms);
  res.on('close', () => clearInterval(timer));
}
