import { createBadResponseError, isRecord, type RequestRef } from './errors.js';
import type { FetchedPage } from './paging.js';
import type { RawAnswer } from './transport.js';

type Req = RequestRef & { secrets: readonly string[] };

/** The answer's JSON object (the transport parsed it); an ApiError naming the URL when it is anything else. */
export function parseObject<T>(req: Req, answer: RawAnswer): T {
  if (!isRecord(answer.json)) throw badResponse(req, answer, 'expected a JSON object');
  return answer.json as T;
}

/** One page of a list: `items` (missing = empty; every item an object with a string `id`) and the echoed `limit`. */
export function parseListPage<T>(req: Req & { url: string }, answer: RawAnswer): FetchedPage<T> {
  const list = parseObject<Record<string, unknown>>(req, answer);
  const items = list['items'] ?? [];
  if (!Array.isArray(items)) throw badResponse(req, answer, '`items` is not an array');
  // Paging counts ids; an item without one cannot be told apart from the next.
  for (const item of items) {
    if (!isRecord(item) || typeof item['id'] !== 'string' || item['id'] === '') {
      throw badResponse(req, answer, 'an item of `items` has no string `id`');
    }
  }
  const limit = list['limit'];
  return {
    items: items as T[],
    limit: Number.isInteger(limit) && (limit as number) > 0 ? (limit as number) : undefined,
    url: req.url,
    bytes: answer.bytes,
  };
}

/** The error for a 2xx answer that is not what the API sends, with an excerpt of the body. */
export function badResponse(req: Req, answer: RawAnswer, problem: string): Error {
  const shown = answer.json === undefined ? answer.text : JSON.stringify(answer.json);
  return createBadResponseError(req, answer.status, problem, shown, req.secrets);
}
