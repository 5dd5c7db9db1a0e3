/** The API request pipeline: record → region → rate limit → random 5xx → auth → route → persist → latency → send/drop. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRegion, type Region } from '../api/types.js';
import { routeApiRequest } from './api-routes.js';
import type { ApiContext } from './context.js';
import { errorReply, readBody, recordableBody, sendReply, splitPath } from './http-io.js';
import type { StatePersister } from './persistence.js';
import type { RecordedRequest, Reply } from './types.js';

/** Everything the pipeline needs besides the request. */
export interface PipelineContext extends ApiContext {
  token: string | undefined;
  persister: StatePersister;
  record(entry: Omit<RecordedRequest, 'seq'>): RecordedRequest;
}

/** `Bearer <token>` exactly when a token is configured, else any non-empty Bearer token. */
export function isAuthorized(header: string | undefined, token: string | undefined): boolean {
  if (header === undefined) return false;
  if (token !== undefined) return header === `Bearer ${token}`;
  return /^Bearer\s+\S+/.test(header);
}

function queryOf(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = value;
  return query;
}

/** Answers one API request (not /_emulator). Returns when the response was sent or dropped. */
export async function handleApiRequest(ctx: PipelineContext, req: IncomingMessage, res: ServerResponse, url: URL) {
  const method = (req.method ?? 'GET').toUpperCase();
  const segments = splitPath(url.pathname) ?? [];
  const region = isRegion(segments[0]) ? segments[0] : null;
  const authorized = isAuthorized(req.headers.authorization, ctx.token);
  const entry = ctx.record({
    at: performance.timeOrigin + performance.now(),
    method,
    path: url.pathname,
    region,
    query: queryOf(url),
    authorized,
    body: null,
    status: 0,
  });
  if (region !== null) ctx.faults.noteArrival(region);
  const raw = await readBody(req);
  entry.body = recordableBody(raw);
  const { reply, handled } = answer(ctx, { method, region, segments, url, raw, query: entry.query, authorized, req });
  ctx.persister.flush();
  if (ctx.faults.latencyMs > 0) await sleep(ctx.faults.latencyMs);
  if (handled && reply.status < 300 && ctx.faults.takeDrop(method)) {
    // The write was applied; the client never learns it (the socket dies without a response).
    req.socket.destroy();
    return;
  }
  entry.status = reply.status;
  sendReply(res, reply);
}

const UNAUTHORIZED_MESSAGE = 'missing or invalid Authorization header (expected a Bearer token)';
const UNAUTHORIZED: Reply = errorReply(401, 'UNAUTHORIZED', UNAUTHORIZED_MESSAGE, { 'www-authenticate': 'Bearer' });

interface Arrival {
  method: string;
  region: Region | null;
  segments: string[];
  url: URL;
  raw: string | undefined;
  query: Record<string, string>;
  authorized: boolean;
  req: IncomingMessage;
}

/** The reply, and whether the request reached a handler (only those can have their response dropped). */
function answer(ctx: PipelineContext, a: Arrival): { reply: Reply; handled: boolean } {
  if (a.raw === undefined) {
    return { reply: errorReply(413, 'PAYLOAD_TOO_LARGE', 'the request body is too large'), handled: false };
  }
  if (a.region === null) {
    return { reply: errorReply(404, 'NOT_FOUND', `unknown region in path ${a.url.pathname}`), handled: false };
  }
  const gate =
    ctx.faults.takeRateLimit(a.region) ?? ctx.faults.drawError() ?? (a.authorized ? undefined : UNAUTHORIZED);
  if (gate !== undefined) return { reply: gate, handled: false };
  const reply = routeApiRequest(ctx, {
    method: a.method,
    region: a.region,
    segments: a.segments.slice(1),
    query: a.query,
    contentType: a.req.headers['content-type'],
    rawBody: a.raw,
  });
  return { reply, handled: true };
}
