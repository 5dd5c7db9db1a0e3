/** The admin API under /_emulator/ (no auth, not recorded): drive an emulator that runs in another process. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLUSTER_STATES, type ClusterState, isRegion, type Region } from '../api/types.js';
import type { EmulatorControl, Outcome } from './control.js';
import type { FaultInjector } from './faults.js';
import { checkFaultConfig } from './faults-config.js';
import { errorReply, problemsReply, readBody, sendReply, splitPath } from './http-io.js';
import type { FaultConfig, RecordedRequest, Reply, SeedOptions } from './types.js';

/** What the admin routes operate on. */
export interface AdminContext {
  control: EmulatorControl;
  faults: FaultInjector;
  requests: RecordedRequest[];
  clearRequests(): void;
}

type Body = Record<string, unknown>;

/** Objects merge recursively; null deletes a key; anything else replaces. */
export function mergeDeep(base: Body, patch: Body): Body {
  const out: Body = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    if (value === null) delete out[key];
    else if (isBody(value) && isBody(current)) out[key] = mergeDeep(current, value);
    else out[key] = value;
  }
  return out;
}

function isBody(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromOutcome<T>(outcome: Outcome<T>, status: number): Reply {
  return outcome.ok ? { status, body: outcome.value } : problemsReply(outcome.status, outcome.problems);
}

function putFaults(ctx: AdminContext, body: unknown): Reply {
  const problems = checkFaultConfig(body);
  if (problems.length > 0) {
    return problemsReply(
      400,
      problems.map((message) => ({ errorCode: 'INVALID_FAULT', message })),
    );
  }
  ctx.faults.configure(body as FaultConfig);
  return { status: 200, body: ctx.faults.current() };
}

function seedCluster(ctx: AdminContext, region: Region, body: Body): Reply {
  const opts: SeedOptions = {};
  if (typeof body['id'] === 'string') opts.id = body['id'];
  if (typeof body['by'] === 'string') opts.by = body['by'];
  const state = body['state'];
  if (state !== undefined) {
    if (!(CLUSTER_STATES as readonly unknown[]).includes(state)) {
      return errorReply(400, 'INVALID_STATE', `state: must be one of ${CLUSTER_STATES.join(', ')}`);
    }
    opts.state = state as ClusterState;
  }
  return fromOutcome(ctx.control.seed(region, body['properties'], opts), 201);
}

function editCluster(ctx: AdminContext, region: Region, id: string, body: Body): Reply {
  const patch = body['properties'];
  if (!isBody(patch) || typeof body['by'] !== 'string') {
    return errorReply(400, 'INVALID_BODY', 'the body must be {properties: <partial properties>, by: <identity>}');
  }
  const change = (p: object) => mergeDeep(p as Body, patch);
  return fromOutcome(ctx.control.edit(region, id, change, body['by']), 200);
}

function failCluster(ctx: AdminContext, region: Region, id: string, body: Body): Reply {
  const recover = body['recoverAfterMs'];
  if (typeof body['message'] !== 'string' || (recover !== undefined && typeof recover !== 'number')) {
    return errorReply(400, 'INVALID_BODY', 'the body must be {message: <string>, recoverAfterMs?: <number>}');
  }
  return fromOutcome(ctx.control.fail(region, id, body['message'], recover), 200);
}

function routeRegion(ctx: AdminContext, method: string, segments: string[], body: Body): Reply | undefined {
  const [region, collection, id, action, ...rest] = segments;
  if (!isRegion(region) || collection !== 'clusters' || method !== 'POST' || rest.length > 0) return undefined;
  if (id === undefined) return seedCluster(ctx, region, body);
  if (action === 'edit') return editCluster(ctx, region, id, body);
  if (action === 'fail') return failCluster(ctx, region, id, body);
  return undefined;
}

function routeAdmin(
  ctx: AdminContext,
  method: string,
  segments: string[],
  query: URLSearchParams,
  body: unknown,
): Reply {
  const route = `${method} ${segments.join('/')}`;
  if (route === 'GET requests') return { status: 200, body: ctx.requests };
  if (route === 'DELETE requests') {
    ctx.clearRequests();
    return { status: 204 };
  }
  if (route === 'GET faults') return { status: 200, body: ctx.faults.current() };
  if (route === 'PUT faults') return putFaults(ctx, body);
  if (route === 'GET stats') return { status: 200, body: ctx.faults.stats() };
  if (route === 'GET clusters') {
    const region = query.get('region');
    if (region !== null && !isRegion(region)) return errorReply(400, 'INVALID_REGION', `unknown region ${region}`);
    return { status: 200, body: ctx.control.list(region ?? undefined) };
  }
  const reply = routeRegion(ctx, method, segments, isBody(body) ? body : {});
  return reply ?? errorReply(404, 'NOT_FOUND', `no admin route ${route}`);
}

/** Serves one admin request (path starts with /_emulator). Bodies are parsed as JSON whatever the content type. */
export async function handleAdmin(
  ctx: AdminContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const raw = await readBody(req);
  let body: unknown = null;
  if (raw !== undefined && raw !== '') {
    try {
      body = JSON.parse(raw);
    } catch {
      return sendReply(res, errorReply(400, 'MALFORMED_JSON', 'the request body is not valid JSON'));
    }
  }
  const segments = splitPath(url.pathname)
    ?.slice(1)
    .filter((s) => s !== '');
  if (segments === undefined) return sendReply(res, errorReply(400, 'INVALID_PATH', 'the path is not valid'));
  sendReply(res, routeAdmin(ctx, req.method ?? 'GET', segments, url.searchParams, body));
}
