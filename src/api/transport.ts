import type { Dispatcher } from 'undici';
import { ApiError, type NetworkError } from '../errors.js';
import { ENDPOINT_HINT, type RequestRef } from './errors.js';
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
  signal: AbortSignal | undefined;
}

/** What came back: status, the headers the client acts on, and the body text ('' when discarded). */
export interface RawAnswer {
  status: number;
  retryAfter: string | undefined;
  location: string | undefined;
  text: string;
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
    let text = '';
    if (ok && !ex.readOkBody) await res.body.dump();
    else text = await readBodyCapped(res, ex);
    const { headers } = res;
    return {
      status: res.statusCode,
      retryAfter: firstHeader(headers['retry-after']),
      location: firstHeader(headers.location),
      text,
    };
  } catch (err) {
    throw err instanceof ApiError ? err : guard.explain(ex, err);
  } finally {
    guard.dispose();
  }
}

/** Reads the body as UTF-8, counting bytes as they arrive; past `maxBodyBytes` the connection is dropped. */
async function readBodyCapped(res: Dispatcher.ResponseData, ex: Exchange): Promise<string> {
  const declared = Number(firstHeader(res.headers['content-length']));
  if (declared > ex.maxBodyBytes) throw tooLarge(res, ex);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > ex.maxBodyBytes) throw tooLarge(res, ex);
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
}

function tooLarge(res: Dispatcher.ResponseData, ex: Exchange): ApiError {
  res.body.destroy(); // stop the transfer; the socket is not reused
  const mib = Math.round(ex.maxBodyBytes / 1024 / 1024);
  const message = `the response body is larger than ${mib} MiB; stopped reading it`;
  return new ApiError(ex, { status: res.statusCode, message }, { hint: ENDPOINT_HINT });
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
