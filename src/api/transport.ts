import { type Dispatcher, getGlobalDispatcher, request } from 'undici';
import type { NetworkError } from '../errors.js';
import { createNetworkError, type RequestRef } from './errors.js';

/** One HTTP exchange to send. `readOkBody: false` discards a 2xx body (DELETE's is empty). */
export interface Exchange extends RequestRef {
  headers: Record<string, string>;
  body: string | undefined;
  readOkBody: boolean;
  /** undefined = getGlobalDispatcher() (nock 15.0.0 and a global MockAgent live there). */
  dispatcher: Dispatcher | undefined;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

/** What came back: status, the Retry-After header and the body text ('' when discarded). */
export interface RawAnswer {
  status: number;
  retryAfter: string | undefined;
  text: string;
}

/**
 * Sends one attempt. undici does not throw on 4xx/5xx, so every status comes back as a RawAnswer and
 * the body is always consumed. Throws a NetworkError on transport failure or timeout (headers + body),
 * and the caller's `signal.reason` when the caller aborted.
 */
export async function sendExchange(ex: Exchange): Promise<RawAnswer> {
  const guard = new AttemptGuard(ex.timeoutMs, ex.signal);
  try {
    const res = await request(ex.url, {
      method: ex.method as Dispatcher.HttpMethod,
      headers: ex.headers,
      body: ex.body ?? null,
      dispatcher: ex.dispatcher ?? getGlobalDispatcher(),
      signal: guard.signal,
    });
    guard.headersReceived = true;
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    let text = '';
    if (ok && !ex.readOkBody) await res.body.dump();
    else text = await res.body.text();
    return { status: res.statusCode, retryAfter: firstHeader(res.headers['retry-after']), text };
  } catch (err) {
    throw guard.explain(ex, err);
  } finally {
    guard.dispose();
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Per-attempt deadline plus forwarding of the caller's abort, on one AbortController. */
class AttemptGuard {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly outer: AbortSignal | undefined;
  private readonly onOuterAbort: () => void;
  private timedOut = false;
  headersReceived = false;

  constructor(timeoutMs: number, outer: AbortSignal | undefined) {
    this.outer = outer;
    this.onOuterAbort = () => this.controller.abort(outer?.reason);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    if (outer?.aborted) this.onOuterAbort();
    else outer?.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
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
}
