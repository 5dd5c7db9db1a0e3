import { STATUS_CODES } from 'node:http';
import { ApiError } from '../errors.js';
import { isNestedDeeper } from '../input/json-depth.js';

/** Which request failed; the URL never carries the token (it travels in a header). */
export interface RequestRef {
  method: string;
  url: string;
}

/** What an error answer said, parsed defensively. */
export interface ErrorAnswer {
  errorCode: string | undefined;
  message: string;
  /** The body was empty or JSON, as the API's own answers are (an HTML page means a proxy or a wrong URL). */
  looksLikeApi: boolean;
}

const EXCERPT_MAX = 300;
/** The hint for answers that do not come from the v2 API (a wrong path, a proxy, an HTML page). */
export const ENDPOINT_HINT =
  'check --endpoint / PGENSURE_ENDPOINT: the API paths hang directly off it (default https://postgresql.{region}.ionos.com)';

/**
 * Parses `{httpStatus, messages:[{errorCode, message}]}`; falls back to a capped excerpt of the raw text.
 * Secrets are scrubbed before parsing and capping (so no partial secret survives the cut) and after.
 */
export function parseErrorAnswer(status: number, rawText: string, secrets: readonly string[]): ErrorAnswer {
  const answer = parseScrubbed(status, scrubSecrets(rawText, secrets));
  answer.message = scrubSecrets(answer.message, secrets);
  return answer;
}

function parseScrubbed(status: number, text: string): ErrorAnswer {
  const fallback = STATUS_CODES[status] ?? 'no message';
  if (text.trim() === '') return { errorCode: undefined, message: fallback, looksLikeApi: true };
  const parsed = parseJsonOrUndefined(text);
  if (parsed === undefined) return { errorCode: undefined, message: excerpt(text), looksLikeApi: false };
  const messages = isRecord(parsed) && Array.isArray(parsed['messages']) ? parsed['messages'] : [];
  let errorCode: string | undefined;
  const parts: string[] = [];
  for (const entry of messages) {
    if (!isRecord(entry)) continue;
    const code = typeof entry['errorCode'] === 'string' ? entry['errorCode'] : undefined;
    errorCode ??= code;
    const message = typeof entry['message'] === 'string' ? entry['message'] : code;
    if (message) parts.push(message);
  }
  const message = parts.length > 0 ? excerpt(parts.join('; ')) : isRecord(parsed) ? fallback : excerpt(text);
  return { errorCode, message, looksLikeApi: true };
}

/** The one-line hint for an error status; `collection` = the path is a list endpoint of the region. */
export function hintForStatus(status: number, collection: boolean): string | undefined {
  if (status === 401) return 'check IONOS_TOKEN: it is missing, invalid or expired';
  if (status === 403) return "the token's user lacks the permission to manage DBaaS PostgreSQL clusters";
  if (status === 404 && collection) return ENDPOINT_HINT;
  if (status === 409) return 'the cluster id may belong to another party, or the cluster is busy';
  if (status === 429) return 'the API rate limit was hit: try again later or lower --parallelism';
  if (status >= 500) return 'the API had a server-side problem: try again later';
  return undefined;
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

// The client follows no redirects: a write must not silently land somewhere else.
function hintForRedirect(location: string | undefined): string {
  const target = location ? ` to ${excerpt(location)}` : '';
  return `the endpoint redirects${target}: set --endpoint / PGENSURE_ENDPOINT to the final URL`;
}

/** Builds the ApiError for a parsed error answer; `collection` = the path is a list endpoint of the region. */
export function createApiError(
  req: RequestRef,
  status: number,
  answer: ErrorAnswer,
  collection: boolean,
  location?: string,
): ApiError {
  const hint = isRedirect(status)
    ? hintForRedirect(location)
    : answer.looksLikeApi
      ? hintForStatus(status, collection)
      : ENDPOINT_HINT;
  const body = { status, errorCode: answer.errorCode, message: answer.message };
  return hint === undefined ? new ApiError(req, body) : new ApiError(req, body, { hint });
}

/** The error for a 2xx answer whose body is not the JSON we expect. */
export function createBadResponseError(
  req: RequestRef,
  status: number,
  problem: string,
  text: string,
  secrets: readonly string[],
): ApiError {
  const message = `${problem}: ${excerpt(scrubSecrets(text, secrets)) || '(empty body)'}`;
  return new ApiError(req, { status, message }, { hint: ENDPOINT_HINT });
}

/** Replaces each secret in `text`, raw or JSON-escaped (a server may echo it back), with [REDACTED]. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret === '') continue;
    for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) {
      if (out.includes(form)) out = out.replaceAll(form, '[REDACTED]');
    }
  }
  return out;
}

/** Whitespace collapsed, capped to EXCERPT_MAX characters. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_MAX ? `${flat.slice(0, EXCERPT_MAX)}…` : flat;
}

/** The body's JSON; undefined when it is not JSON, or nests deeper than any answer of the API (a hostile server). */
export function parseJsonOrUndefined(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isNestedDeeper(value) ? undefined : value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
