/** HTTP plumbing shared by the API and the admin routes: bodies, JSON, error replies, paging parameters. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isTooDeep, MAX_JSON_DEPTH } from './request-log.js';
import type { Problem, Reply } from './types.js';
import type { Page } from './views.js';

/** Request bodies above this are refused (413); real cluster bodies are < 2 KiB. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The API's error body with one message. */
export function errorReply(
  status: number,
  errorCode: string,
  message: string,
  headers?: Record<string, string>,
): Reply {
  const reply: Reply = { status, body: { httpStatus: status, messages: [{ errorCode, message }] } };
  if (headers !== undefined) reply.headers = headers;
  return reply;
}

/** The API's error body listing every problem. */
export function problemsReply(status: number, problems: Problem[]): Reply {
  return { status, body: { httpStatus: status, messages: problems } };
}

/** A request body: its text (undefined when over the limit or not kept) and its size in bytes. */
export interface Body {
  text: string | undefined;
  bytes: number;
  tooLarge: boolean;
}

/** Reads the body as UTF-8; above the limit, or when `keep` is false, the bytes are drained and counted, not kept. */
export async function readBody(req: IncomingMessage, keep = true): Promise<Body> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (keep && bytes <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  const tooLarge = bytes > MAX_BODY_BYTES;
  const text = keep && !tooLarge ? Buffer.concat(chunks).toString('utf8') : undefined;
  return { text, bytes, tooLarge };
}

/** Whether a Content-Type header names JSON (`application/json`, or `application/*+json`). */
export function isJsonType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

/** Parses a JSON object body of a PUT/POST: 415 for another media type, 400 for malformed JSON or a non-object. */
export function parseJsonObject(
  contentType: string | undefined,
  raw: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply } {
  if (!isJsonType(contentType)) {
    return { ok: false, reply: errorReply(415, 'UNSUPPORTED_MEDIA_TYPE', 'the request body must be application/json') };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reply: errorReply(400, 'MALFORMED_JSON', 'the request body is not valid JSON') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reply: errorReply(400, 'MALFORMED_BODY', 'the request body must be a JSON object') };
  }
  if (isTooDeep(value)) return { ok: false, reply: TOO_DEEP };
  return { ok: true, value: value as Record<string, unknown> };
}

/** 400 for JSON nested deeper than MAX_JSON_DEPTH (no v2 body comes close). */
export const TOO_DEEP: Reply = errorReply(
  400,
  'MALFORMED_BODY',
  `the request body is nested deeper than ${MAX_JSON_DEPTH} levels`,
);

function parseIntParam(query: Record<string, string>, name: string, fallback: number): number | undefined {
  const raw = query[name];
  if (raw === undefined) return fallback;
  return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
}

/** How the server pages: `maxLimit` refuses larger limits, `maxPageSize` caps pages, `silentCap` hides the cap. */
export interface PagingRules {
  maxLimit: number;
  maxPageSize: number | null;
  silentCap: boolean;
}

/**
 * offset (default 0, >= 0) and limit (default 100, 1..maxLimit) from the query, or a 400 reply. The page served holds
 * at most maxPageSize items; the envelope echoes the served size, or with silentCap the asked one.
 */
export function parsePage(query: Record<string, string>, rules: PagingRules): Page | Reply {
  const offset = parseIntParam(query, 'offset', 0);
  const asked = parseIntParam(query, 'limit', 100);
  if (offset === undefined || offset < 0) {
    return errorReply(400, 'INVALID_QUERY_PARAMETER', 'offset: must be an integer >= 0');
  }
  if (asked === undefined || asked < 1 || asked > rules.maxLimit) {
    return errorReply(400, 'INVALID_QUERY_PARAMETER', `limit: must be an integer between 1 and ${rules.maxLimit}`);
  }
  const limit = rules.maxPageSize === null ? asked : Math.min(asked, rules.maxPageSize);
  return { offset, limit, echoedLimit: rules.silentCap ? asked : limit };
}

/** Whether a value returned by a parser is a reply (an error to send) rather than a result. */
export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && 'status' in value && typeof value.status === 'number';
}

/** Writes a reply: JSON body if any, else an empty body. */
export function sendReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, { ...headers, 'content-length': '0' });
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(reply.status, headers);
  res.end(text);
}

/** The decoded path segments after the leading '/', or undefined when a segment is not valid percent-encoding. */
export function splitPath(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}
