import type { Dispatcher } from 'undici';
import { ApiError, type NetworkError } from '../errors.js';
import { type BodyLock, LARGE_BODY_BYTES } from './body-lock.js';
import { ENDPOINT_HINT, parseJsonOrUndefined, type RequestRef } from './errors.js';
import { createNetworkError } from './network-errors.js';
import { getGlobalDispatcher, requestOn } from './undici-lite.js';

/** One HTTP exchange to send. `readOkBody: false` discards a 2xx body (DELETE's is empty). */
export interface Exchange extends RequestRef {
  headers: Record<string, string>;
  body: string | undefined;
  readOkBody: boolean;
  /** undefined = getGlobalDispatcher() (nock 15.0.0 and a global MockAgent live there). */
  dispatcher: Dispatcher | undefined;
  /** From sending until the response headers are in (connect, TLS, the server's work). */
  timeoutMs: number;
  /** From the response headers until the last byte of the body. */
  bodyTimeoutMs: number;
  /** A longer body is cut off (counted while reading, never buffered beyond this). */
  maxBodyBytes: number;
  /** The caller's own, smaller budget for this body (a listing's bytes left); beyond it: OverBudgetError. */
  budgetBytes: number | undefined;
  /** One large body at a time (shared by the client's requests). */
  bodyLock: BodyLock;
  signal: AbortSignal | undefined;
}

/** What came back: status, the headers the client acts on, and the body text ('' when discarded). */
export interface RawAnswer {
  status: number;
  retryAfter: string | undefined;
  location: string | undefined;
  /** The body as text; '' for a 2xx body that parsed as JSON (then see `json`), or when discarded. */
  text: string;
  /** A 2xx body parsed as JSON; undefined when it is not JSON (then `text` holds it). */
  json: unknown;
  /** The body's size in bytes, as received (0 when discarded). */
  bytes: number;
}

/** The response body limit: far above any page the API sends (a 1,000-item page is ~1 MB). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * Sends one attempt. undici does not throw on 4xx/5xx, so every status comes back as a RawAnswer and the body is
 * always consumed. Throws a NetworkError on transport failure or timeout, an ApiError when the body is too large,
 * and the caller's `signal.reason` when the caller aborted.
 */
export async function sendExchange(ex: Exchange): Promise<RawAnswer> {
  const guard = new AttemptGuard(ex.timeoutMs, ex.signal);
  try {
    const url = new URL(ex.url);
    const res = await requestOn(ex.dispatcher ?? getGlobalDispatcher(), {
      origin: url.origin,
      path: url.pathname + url.search,
      method: ex.method as Dispatcher.HttpMethod,
      headers: ex.headers,
      body: ex.body ?? null,
      signal: guard.signal,
    });
    guard.onHeaders(ex.bodyTimeoutMs);
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    let body: Body = { text: '', json: undefined, bytes: 0 };
    if (ok && !ex.readOkBody) await res.body.dump();
    else body = await readBody(res, ex, guard.signal, ok);
    const { headers } = res;
    return {
      status: res.statusCode,
      retryAfter: firstHeader(headers['retry-after']),
      location: firstHeader(headers.location),
      ...body,
    };
  } catch (err) {
    throw err instanceof ApiError ? err : guard.explain(ex, err);
  } finally {
    guard.dispose();
  }
}

interface Body {
  text: string;
  json: unknown;
  bytes: number;
}

/**
 * Reads the body, counting bytes as they arrive (past `maxBodyBytes` the connection is dropped), and parses a 2xx
 * body as JSON while the body lock is held: a large body costs its text and its values on the heap, nothing more.
 */
async function readBody(res: Dispatcher.ResponseData, ex: Exchange, signal: AbortSignal, ok: boolean): Promise<Body> {
  let release: (() => void) | undefined;
  const lock = async (): Promise<void> => {
    release ??= await ex.bodyLock.acquire(signal);
  };
  try {
    const { text, bytes } = await receiveText(res, ex, lock);
    const json = ok ? parseJsonOrUndefined(text) : undefined;
    return json === undefined ? { text, json, bytes } : { text: '', json, bytes };
  } finally {
    release?.();
  }
}

/**
 * The body as UTF-8 text. The bytes stay outside the JS heap until they are decoded once; a declared length is
 * filled in place, so each chunk is garbage as soon as it is copied, and no buffer outlives this function.
 */
async function receiveText(res: Dispatcher.ResponseData, ex: Exchange, lock: () => Promise<void>) {
  const declared = Number(firstHeader(res.headers['content-length']));
  checkSize(declared, res, ex);
  if (declared > LARGE_BODY_BYTES) await lock();
  const whole = declared > LARGE_BODY_BYTES ? Buffer.allocUnsafeSlow(declared) : undefined;
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    checkSize(bytes + chunk.length, res, ex);
    if (whole && bytes + chunk.length <= whole.length) chunk.copy(whole, bytes);
    else chunks.push(chunk);
    bytes += chunk.length;
    if (bytes > LARGE_BODY_BYTES) await lock();
  }
  const buffer = whole && chunks.length === 0 ? whole : Buffer.concat(whole ? [whole, ...chunks] : chunks, bytes);
  const text = buffer.toString('utf8', 0, bytes);
  // As undici's own text(): a UTF-8 byte-order mark is not part of the JSON.
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, bytes };
}

/** A body passed the budget its caller set (the caller turns it into its own error). */
export class OverBudgetError extends ApiError {}

function checkSize(bytes: number, res: Dispatcher.ResponseData, ex: Exchange): void {
  if (!(bytes > Math.min(ex.maxBodyBytes, ex.budgetBytes ?? Number.POSITIVE_INFINITY))) return;
  res.body.destroy(); // stop the transfer; the socket is not reused
  const status = res.statusCode;
  if (ex.budgetBytes !== undefined && bytes <= ex.maxBodyBytes) {
    throw new OverBudgetError(ex, { status, message: `the body is larger than the ${ex.budgetBytes} bytes left` });
  }
  const message = `the response body is larger than ${formatBytes(ex.maxBodyBytes)}; stopped reading it`;
  throw new ApiError(ex, { status, message }, { hint: ENDPOINT_HINT });
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MiB` : `${bytes} bytes`;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The per-attempt deadlines (headers, then body) plus forwarding of the caller's abort, on one AbortController. */
class AttemptGuard {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout>;
  private readonly outer: AbortSignal | undefined;
  private readonly onOuterAbort: () => void;
  private timedOut = false;
  private headersReceived = false;

  constructor(timeoutMs: number, outer: AbortSignal | undefined) {
    this.outer = outer;
    this.onOuterAbort = () => this.controller.abort(outer?.reason);
    this.timer = this.arm(timeoutMs);
    if (outer?.aborted) this.onOuterAbort();
    else outer?.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The headers are in: the body now has its own deadline (a server that drips a body must not hold us). */
  onHeaders(bodyTimeoutMs: number): void {
    this.headersReceived = true;
    clearTimeout(this.timer);
    this.timer = this.arm(bodyTimeoutMs);
  }

  /** The caller's abort reason as-is; otherwise a NetworkError (a timeout named after the phase it hit). */
  explain(req: RequestRef, err: unknown): unknown | NetworkError {
    if (this.outer?.aborted) return this.outer.reason;
    if (this.timedOut) {
      return createNetworkError(req, err, this.headersReceived ? 'UND_ERR_BODY_TIMEOUT' : 'UND_ERR_HEADERS_TIMEOUT');
    }
    return createNetworkError(req, err);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }

  private arm(ms: number): ReturnType<typeof setTimeout> {
    return setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, ms);
  }
}
