/**
 * The API request pipeline: scheduled actions due → record → body → latency (before) → gates (size, Host/Origin,
 * region, rate limit, random 5xx, auth) → scheduled `before` actions → route → `after` actions → persist →
 * latency (after) → send or drop.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRegion, type Region } from '../api/types.js';
import { routeApiRequest } from './api-routes.js';
import type { ApiContext } from './context.js';
import { checkBrowserSafety } from './guard.js';
import { type Body, errorReply, readBody, sendReply, splitPath } from './http-io.js';
import type { RequestInfo } from './matcher.js';
import type { StatePersister } from './persistence.js';
import { recordBody } from './request-log.js';
import type { Scheduler } from './schedule.js';
import type { RecordedRequest, Reply } from './types.js';

/** Everything the pipeline needs besides the request. */
export interface PipelineContext extends ApiContext {
  token: string | undefined;
  persister: StatePersister;
  scheduler: Scheduler;
  /** The port the server listens on (for the Origin check). */
  port: number;
  maxRecordedBodyBytes: number;
  record(entry: Omit<RecordedRequest, 'seq'>): RecordedRequest;
  onRequest: ((request: RecordedRequest, elapsedMs: number) => void) | undefined;
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
  const started = performance.now();
  ctx.scheduler.runDue();
  const method = (req.method ?? 'GET').toUpperCase();
  const segments = splitPath(url.pathname) ?? [];
  const region = isRegion(segments[0]) ? segments[0] : null;
  const authorized = isAuthorized(req.headers.authorization, ctx.token);
  const refused = checkBrowserSafety(req.headers, ctx.port);
  const trusted = authorized && refused === undefined;
  const entry = ctx.record({
    at: performance.timeOrigin + started,
    method,
    path: url.pathname,
    region,
    query: queryOf(url),
    authorized,
    userAgent: (req.headers['user-agent'] ?? '').slice(0, 200),
    body: null,
    bodyBytes: 0,
    status: 0,
  });
  if (region !== null) ctx.faults.noteArrival(region);
  // Untrusted bodies are drained, never kept: 300 unauthorised 1 MiB bodies must not cost 300 MiB.
  const body = await readBody(req, trusted);
  Object.assign(entry, recordBody(body.text, body.bytes, trusted, ctx.maxRecordedBodyBytes));
  const info: RequestInfo | undefined =
    region === null ? undefined : { method, region, path: `/${segments.slice(1).join('/')}` };
  const before = ctx.faults.latencyFor(info, 'before');
  if (before > 0) await sleep(before);
  const arrival = { method, region, segments, url, body, query: entry.query, authorized, refused, req, info };
  const { reply, handled } = answer(ctx, arrival);
  const sent = persist(ctx, reply);
  const after = ctx.faults.latencyFor(info, 'after');
  if (after > 0) await sleep(after);
  if (handled && sent.status < 300 && ctx.faults.takeDrop(method)) {
    // The write was applied; the client never learns it (the socket dies without a response).
    req.socket.destroy();
  } else {
    entry.status = sent.status;
    sendReply(res, sent);
  }
  ctx.onRequest?.(entry, performance.now() - started);
}

/** Writes the state file before answering; a failed write is a 500 that says the change is not saved. */
function persist(ctx: PipelineContext, reply: Reply): Reply {
  try {
    ctx.persister.flush();
    return reply;
  } catch (error) {
    const message = `the change was applied but the state file could not be written: ${(error as Error).message}`;
    return errorReply(500, 'STATE_NOT_SAVED', message);
  }
}

const UNAUTHORIZED_MESSAGE = 'missing or invalid Authorization header (expected a Bearer token)';
const UNAUTHORIZED: Reply = errorReply(401, 'UNAUTHORIZED', UNAUTHORIZED_MESSAGE, { 'www-authenticate': 'Bearer' });

interface Arrival {
  method: string;
  region: Region | null;
  segments: string[];
  url: URL;
  body: Body;
  query: Record<string, string>;
  authorized: boolean;
  refused: Reply | undefined;
  req: IncomingMessage;
  info: RequestInfo | undefined;
}

/** The reply, and whether the request reached a handler (only those can have their response dropped). */
function answer(ctx: PipelineContext, a: Arrival): { reply: Reply; handled: boolean } {
  if (a.body.tooLarge) {
    return { reply: errorReply(413, 'PAYLOAD_TOO_LARGE', 'the request body is too large'), handled: false };
  }
  if (a.refused !== undefined) return { reply: a.refused, handled: false };
  if (a.region === null || a.info === undefined) {
    return { reply: errorReply(404, 'NOT_FOUND', `unknown region in path ${a.url.pathname}`), handled: false };
  }
  const gate =
    ctx.faults.takeRateLimit(a.region) ?? ctx.faults.drawError(a.method) ?? (a.authorized ? undefined : UNAUTHORIZED);
  if (gate !== undefined) return { reply: gate, handled: false };
  const afterActions = ctx.scheduler.beforeHandling(a.info);
  const reply = routeApiRequest(ctx, {
    method: a.method,
    region: a.region,
    segments: a.segments.slice(1),
    query: a.query,
    contentType: a.req.headers['content-type'],
    rawBody: a.body.text ?? '',
  });
  ctx.scheduler.runAfter(afterActions);
  return { reply, handled: true };
}
