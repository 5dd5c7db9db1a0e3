/**
 * I/O: probes one region with GET requests only and records what came back (statuses, headers, bodies, times).
 * It uses undici directly because the checks need response headers (Date, rate-limit headers) that src/api's
 * client does not expose; the request headers are the client's (Authorization, Accept, User-Agent).
 */
import { type Dispatcher, request } from 'undici';
import type { Region } from '../api/types.js';
import { probeConnectSteps } from './connect-steps.js';
import type { HttpExchange, HttpFailure, RegionObservation } from './types.js';
import { listItems } from './verdict.js';

/** How to probe; clock and sleep are injected so tests control time. */
export interface ProbeOptions {
  token: string;
  userAgent: string;
  pageSize: number;
  dispatcher: Dispatcher;
  /** Per step and per request (headers and body). */
  timeoutMs: number;
  /** Timed GETs after the first one (which pays for the connection). */
  latencySamples: number;
  /** 429s waited out per request before its answer counts as is. */
  rateLimitRetries: number;
  /** A longer Retry-After is not waited for. */
  maxRetryAfterMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  logger: { debug(obj: object, msg: string): void };
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const SMALL_GET = '/clusters?offset=0&limit=1';

/** Every observation of one region; stops at the first step whose failure makes the later ones meaningless. */
export async function probeRegion(region: Region, baseUrl: string, options: ProbeOptions): Promise<RegionObservation> {
  const obs: RegionObservation = {
    region,
    baseUrl,
    connect: await probeConnectSteps(new URL(baseUrl), options),
    httpFailure: undefined,
    auth: undefined,
    latency: [],
    versions: undefined,
    backupLocations: undefined,
    firstPage: undefined,
    nextPage: undefined,
    exchanges: [],
  };
  if (obs.connect.some((step) => step.state === 'failed')) return obs;
  const get = async (path: string): Promise<HttpExchange | undefined> => {
    const answer = await getWithRateLimit(baseUrl, path, options, obs.exchanges);
    if ('code' in answer) obs.httpFailure ??= answer;
    return 'code' in answer ? undefined : answer;
  };
  obs.auth = await get(SMALL_GET);
  if (obs.auth === undefined || !isOk(obs.auth)) return obs;
  for (let i = 0; i < options.latencySamples; i++) {
    const sample = await get(SMALL_GET);
    if (sample === undefined) return obs;
    obs.latency.push(sample);
  }
  obs.versions = await get('/versions');
  obs.backupLocations = await get('/backup-locations');
  obs.firstPage = await get(`/clusters?offset=0&limit=${options.pageSize}`);
  const items = obs.firstPage !== undefined && isOk(obs.firstPage) ? listItems(obs.firstPage.body) : undefined;
  // A short, non-empty first page is the end of the list or a cap: the next offset tells which.
  if (items !== undefined && items.length > 0 && items.length < options.pageSize)
    obs.nextPage = await get(`/clusters?offset=${items.length}&limit=1`);
  return obs;
}

function isOk(exchange: HttpExchange): boolean {
  return exchange.status >= 200 && exchange.status < 300;
}

/** One GET, waiting out up to `rateLimitRetries` 429s (as pgensure itself would); every answer is recorded. */
async function getWithRateLimit(
  baseUrl: string,
  path: string,
  options: ProbeOptions,
  recorded: HttpExchange[],
): Promise<HttpExchange | HttpFailure> {
  for (let attempt = 0; ; attempt++) {
    const answer = await getOnce(baseUrl, path, options);
    if ('code' in answer) return answer;
    recorded.push(answer);
    const waitMs = answer.status === 429 ? retryAfterMs(answer) : undefined;
    if (waitMs === undefined || attempt >= options.rateLimitRetries || waitMs > options.maxRetryAfterMs) return answer;
    await options.sleep(waitMs);
  }
}

/** Retry-After in seconds or as an HTTP date (against the answer's own Date); 1 s when absent. */
function retryAfterMs(answer: HttpExchange): number {
  const value = answer.headers['retry-after'];
  if (value === undefined) return 1000;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  const serverNow = Date.parse(answer.headers.date ?? '');
  if (!Number.isFinite(at)) return 1000;
  return Math.max(0, at - (Number.isFinite(serverNow) ? serverNow : answer.answeredAt));
}

async function getOnce(baseUrl: string, path: string, options: ProbeOptions): Promise<HttpExchange | HttpFailure> {
  const startedAt = options.now();
  try {
    const res = await request(`${baseUrl}${path}`, {
      method: 'GET',
      headers: {
        authorization: `Bearer ${options.token}`,
        accept: 'application/json',
        'user-agent': options.userAgent,
      },
      dispatcher: options.dispatcher,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await readCapped(res.body);
    const answeredAt = options.now();
    options.logger.debug({ method: 'GET', path, status: res.statusCode, ms: answeredAt - startedAt }, 'doctor probe');
    return {
      path,
      startedAt,
      answeredAt,
      status: res.statusCode,
      headers: flattenHeaders(res.headers),
      body: parseJson(text),
    };
  } catch (error) {
    const code = describeCode(error);
    options.logger.debug({ method: 'GET', path, code }, 'doctor probe failed');
    const message = error instanceof Error ? error.message : String(error);
    return { path, code, message };
  }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      throw Object.assign(new Error(`body over ${MAX_BODY_BYTES} bytes`), { code: 'BODY_TOO_LARGE' });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

/** The most specific code an undici/system error carries (ECONNRESET, UND_ERR_SOCKET, TimeoutError, ...). */
function describeCode(error: unknown): string {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e !== undefined && e !== null && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('E')) return code;
  }
  const code = (error as { code?: unknown; name?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  const name = (error as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : 'ERROR';
}
