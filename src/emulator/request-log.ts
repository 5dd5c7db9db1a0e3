/** The request recording: a bounded ring of recent API requests, with bodies capped, depth-checked or left out. */
import type { RecordedRequest } from './types.js';

/** JSON nested deeper than this is not kept parsed (serialising it back would overflow the stack). */
export const MAX_JSON_DEPTH = 64;
export const DEFAULT_REQUEST_LOG_LIMIT = 10_000;
export const DEFAULT_MAX_RECORDED_BODY_BYTES = 16 * 1024;

/** Whether a parsed JSON value nests deeper than `max` (iterative: the value may be arbitrarily deep). */
export function isTooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A body as the log keeps it. */
export interface RecordedBody {
  body: unknown;
  bodyBytes: number;
  bodyOmitted?: 'unauthorized' | 'too-large';
}

/** What to keep of a body: nothing from untrusted senders or above the cap; parsed JSON if shallow; else the text. */
export function recordBody(raw: string | undefined, bytes: number, trusted: boolean, maxBytes: number): RecordedBody {
  if (!trusted) return { body: null, bodyBytes: bytes, bodyOmitted: 'unauthorized' };
  if (raw === undefined || bytes > maxBytes) return { body: null, bodyBytes: bytes, bodyOmitted: 'too-large' };
  if (raw === '') return { body: null, bodyBytes: 0 };
  try {
    const parsed = JSON.parse(raw) as unknown;
    return { body: isTooDeep(parsed) ? raw : parsed, bodyBytes: bytes };
  } catch {
    return { body: raw, bodyBytes: bytes };
  }
}

/** The log handle: `requests` is one array, trimmed and cleared in place so references held by tests stay valid. */
export interface RequestLog {
  requests: RecordedRequest[];
  record(entry: Omit<RecordedRequest, 'seq'>): RecordedRequest;
  clearRequests(): void;
}

/** A ring of the `limit` most recent requests; `seq` never restarts. */
export function createRequestLog(limit: number): RequestLog {
  const requests: RecordedRequest[] = [];
  let seq = 0;
  return {
    requests,
    record(entry) {
      const recorded = { seq: ++seq, ...entry };
      requests.push(recorded);
      if (requests.length > limit) requests.splice(0, requests.length - limit);
      return recorded;
    },
    clearRequests: () => void requests.splice(0, requests.length),
  };
}
