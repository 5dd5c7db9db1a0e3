/**
 * The admin API under /_emulator/ (not recorded, no faults): drive an emulator that runs in another process. Guarded:
 * loopback Host, own Origin, the admin token header, JSON bodies only (docs/emulator.md §12).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRegion } from '../api/types.js';
import { routeClusterAdmin } from './admin-clusters.js';
import { ADMIN_ROUTES } from './admin-doc.js';
import type { EmulatorControl } from './control.js';
import type { FaultInjector } from './faults.js';
import { checkFaultConfig } from './faults-config.js';
import { checkAdminAccess, checkBrowserSafety } from './guard.js';
import { errorReply, problemsReply, readBody, sendReply, splitPath, TOO_DEEP } from './http-io.js';
import { isPlainObject } from './merge.js';
import { isTooDeep } from './request-log.js';
import type { Scheduler } from './schedule.js';
import { checkScheduleSpec } from './schedule-check.js';
import { checkBehaviour, type Settings } from './settings.js';
import type { Behaviour, FaultConfig, RecordedRequest, Reply, ScheduleSpec } from './types.js';

/** What the admin routes operate on. */
export interface AdminContext {
  control: EmulatorControl;
  faults: FaultInjector;
  settings: Settings;
  scheduler: Scheduler;
  requests: RecordedRequest[];
  clearRequests(): void;
  adminToken: string;
  port: () => number;
}

function invalid(errorCode: string, problems: string[]): Reply {
  return problemsReply(
    400,
    problems.map((message) => ({ errorCode, message })),
  );
}

function putFaults(ctx: AdminContext, body: unknown): Reply {
  const problems = checkFaultConfig(body);
  if (problems.length > 0) return invalid('INVALID_FAULT', problems);
  ctx.faults.configure(body as FaultConfig);
  return { status: 200, body: ctx.faults.current() };
}

function putBehaviour(ctx: AdminContext, body: unknown): Reply {
  const problems = checkBehaviour(body);
  if (problems.length > 0) return invalid('INVALID_BEHAVIOUR', problems);
  return { status: 200, body: ctx.settings.change(body as Partial<Behaviour>) };
}

function addSchedule(ctx: AdminContext, body: unknown): Reply {
  const problems = checkScheduleSpec(body);
  if (problems.length > 0) return invalid('INVALID_SCHEDULE', problems);
  return { status: 201, body: ctx.scheduler.add(body as ScheduleSpec) };
}

function regionOf(query: URLSearchParams): { region?: string; bad?: Reply } {
  const region = query.get('region');
  if (region === null) return {};
  return isRegion(region) ? { region } : { bad: errorReply(400, 'INVALID_REGION', `unknown region ${region}`) };
}

function routeGlobal(ctx: AdminContext, route: string, query: URLSearchParams, body: unknown): Reply | undefined {
  const { region, bad } = regionOf(query);
  const inRegion = region as Parameters<EmulatorControl['list']>[0];
  switch (route) {
    case 'GET ':
      return { status: 200, body: { routes: ADMIN_ROUTES } };
    case 'GET requests':
      return { status: 200, body: ctx.requests };
    case 'DELETE requests':
      ctx.clearRequests();
      return { status: 204 };
    case 'GET faults':
      return { status: 200, body: ctx.faults.current() };
    case 'PUT faults':
      return putFaults(ctx, body);
    case 'GET stats':
      return { status: 200, body: ctx.faults.stats() };
    case 'GET behaviour':
      return { status: 200, body: { ...ctx.settings.behaviour, extraProperties: ctx.settings.extras } };
    case 'PUT behaviour':
      return putBehaviour(ctx, body);
    case 'GET clusters':
      return bad ?? { status: 200, body: ctx.control.list(inRegion) };
    case 'GET backups':
      return bad ?? { status: 200, body: ctx.control.listBackups(inRegion) };
    case 'GET schedules':
      return { status: 200, body: ctx.scheduler.list() };
    case 'POST schedules':
      return addSchedule(ctx, body);
    case 'DELETE schedules':
      ctx.scheduler.cancel();
      return { status: 204 };
  }
  return undefined;
}

function routeAdmin(ctx: AdminContext, method: string, segments: string[], query: URLSearchParams, body: unknown) {
  const route = `${method} ${segments.join('/')}`;
  const global = routeGlobal(ctx, route, query, body);
  if (global !== undefined) return global;
  const [first, second, ...rest] = segments;
  if (method === 'DELETE' && first === 'schedules' && second !== undefined && rest.length === 0) {
    return ctx.scheduler.cancel(second)
      ? { status: 204 }
      : errorReply(404, 'NOT_FOUND', `no pending scheduled action ${second}`);
  }
  const reply =
    method === 'POST' && isRegion(first)
      ? routeClusterAdmin(
          ctx.control,
          first,
          [second ?? '', ...rest].filter((s) => s !== ''),
          isPlainObject(body) ? body : {},
        )
      : undefined;
  return reply ?? errorReply(404, 'NOT_FOUND', `no admin route ${route} (GET /_emulator/ lists them)`);
}

/** Parses an admin body: JSON (at most 64 levels deep), or null when empty. */
function parseBody(raw: string): { ok: true; value: unknown } | { ok: false; reply: Reply } {
  if (raw === '') return { ok: true, value: null };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reply: errorReply(400, 'MALFORMED_JSON', 'the request body is not valid JSON') };
  }
  return isTooDeep(value) ? { ok: false, reply: TOO_DEEP } : { ok: true, value };
}

/** Serves one admin request (path starts with /_emulator): guards first, then the body, then the route. */
export async function handleAdmin(ctx: AdminContext, req: IncomingMessage, res: ServerResponse, url: URL) {
  // Headers only: a refused request's body is drained, never kept.
  const { headers } = req;
  const declaresBody = Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
  const denied = checkBrowserSafety(headers, ctx.port()) ?? checkAdminAccess(headers, ctx.adminToken, declaresBody);
  const body = await readBody(req, denied === undefined);
  if (denied !== undefined) return sendReply(res, denied);
  if (body.tooLarge) return sendReply(res, errorReply(413, 'PAYLOAD_TOO_LARGE', 'the request body is too large'));
  const parsed = parseBody(body.text ?? '');
  if (!parsed.ok) return sendReply(res, parsed.reply);
  ctx.control.beforeAccess(); // due scheduled actions run first, whatever the route

  const segments = splitPath(url.pathname)
    ?.slice(1)
    .filter((s) => s !== '');
  if (segments === undefined) return sendReply(res, errorReply(400, 'INVALID_PATH', 'the path is not valid'));
  sendReply(res, routeAdmin(ctx, (req.method ?? 'GET').toUpperCase(), segments, url.searchParams, parsed.value));
}
