/** HTTP plumbing shared by the API and the admin routes: bodies, JSON, error replies, paging parameters. */
import type { IncomingMessage, ServerResponse } from 'node:http';
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

/** Reads the whole body as UTF-8; undefined if it exceeds the limit (the rest is drained, not buffered). */
export async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8');
}

/** How a body is recorded: parsed JSON, else the raw string, else null. */
export function recordableBody(raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function isJsonType(contentType: string | undefined): boolean {
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
  return { ok: true, value: value as Record<string, unknown> };
}

function parseIntParam(query: Record<string, string>, name: string, fallback: number): number | undefined {
  const raw = query[name];
  if (raw === undefined) return fallback;
  return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
}

/** offset (default 0, >= 0) and limit (default 100, 1..1000) from the query, or a 400 reply. */
export function parsePage(query: Record<string, string>): Page | Reply {
  const offset = parseIntParam(query, 'offset', 0);
  const limit = parseIntParam(query, 'limit', 100);
  if (offset === undefined || offset < 0) {
    return errorReply(400, 'INVALID_QUERY_PARAMETER', 'offset: must be an integer >= 0');
  }
  if (limit === undefined || limit < 1 || limit > 1000) {
    return errorReply(400, 'INVALID_QUERY_PARAMETER', 'limit: must be an integer between 1 and 1000');
  }
  return { offset, limit };
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
