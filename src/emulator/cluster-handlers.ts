/** /clusters: list, get, POST create, PUT ensure (create or full replace), DELETE. */
import { type ApiContext, type ApiRequest, checkPathId, notFound, pagingOf, regionUrl } from './context.js';
import { errorReply, isReply, parseJsonObject, parsePage, problemsReply } from './http-io.js';
import { isWritableState } from './lifecycle.js';
import { type RuleContext, validateCreate, validateReplace } from './rules.js';
import { API_IDENTITY } from './store.js';
import type { Problem, Reply, StoredCluster } from './types.js';
import { viewCluster, viewList } from './views.js';

function ruleContext(ctx: ApiContext, req: ApiRequest): RuleContext {
  const { extras, behaviour } = ctx.store.settings;
  const backups = ctx.store.region(req.region).backups;
  return { region: req.region, now: ctx.store.now(), backups, extras, backupLagMs: behaviour.backupLatestLagMs };
}

function isWritable(ctx: ApiContext, cluster: StoredCluster): boolean {
  return isWritableState(ctx.store.observe(cluster).state);
}

/** A state filter must look like a state; any such string is compared (held clusters may be in any state). */
const STATE_FILTER = /^[A-Z][A-Z0-9_]*$/;

function view(ctx: ApiContext, req: ApiRequest, cluster: StoredCluster) {
  return viewCluster(cluster, ctx.store.observe(cluster), regionUrl(ctx, req));
}

/** GET /clusters: insertion order; a page is a slice unless a filter forces a scan. */
export function listClusters(ctx: ApiContext, req: ApiRequest): Reply {
  const page = parsePage(req.query, pagingOf(ctx));
  if (isReply(page)) return page;
  const name = req.query['filter.name'];
  const state = req.query['filter.state'];
  if (state !== undefined && !STATE_FILTER.test(state)) {
    return errorReply(400, 'INVALID_QUERY_PARAMETER', 'filter.state: must be a state such as AVAILABLE');
  }
  const all = ctx.store.region(req.region).clusters.all(ctx.store.now());
  const url = regionUrl(ctx, req);
  const filters: Record<string, string> = {};
  if (name !== undefined) filters['filter.name'] = name;
  if (state !== undefined) filters['filter.state'] = state;
  let items: ReturnType<typeof viewCluster>[];
  if (name === undefined && state === undefined) {
    items = all.slice(page.offset, page.offset + page.limit).map((c) => view(ctx, req, c));
  } else {
    items = filterClusters(ctx, req, all, name, state).slice(page.offset, page.offset + page.limit);
  }
  return { status: 200, body: viewList('clusters', `${url}/clusters`, items, page, filters) };
}

function filterClusters(
  ctx: ApiContext,
  req: ApiRequest,
  all: readonly StoredCluster[],
  name: string | undefined,
  state: string | undefined,
): ReturnType<typeof viewCluster>[] {
  // Case-insensitive "contains" (the docs only say "contains"); clients re-filter for exact names anyway.
  const needle = name?.toLowerCase();
  const out: ReturnType<typeof viewCluster>[] = [];
  for (const cluster of all) {
    if (needle !== undefined && !cluster.properties.name.toLowerCase().includes(needle)) continue;
    const read = view(ctx, req, cluster);
    if (state === undefined || read.metadata.state === state) out.push(read);
  }
  return out;
}

/** GET /clusters/{id}. */
export function getCluster(ctx: ApiContext, req: ApiRequest, id: string): Reply {
  const bad = checkPathId('cluster', id);
  if (bad) return bad;
  const cluster = ctx.store.find(req.region, id);
  return cluster === undefined ? notFound('cluster', id) : { status: 200, body: view(ctx, req, cluster) };
}

/** Unknown top-level keys and a non-object `metadata` are validation problems. */
function checkEnvelope(body: Record<string, unknown>, allowed: readonly string[], out: Problem[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) out.push({ errorCode: 'UNKNOWN_FIELD', message: `${key}: is not a known property` });
  }
  const metadata = body['metadata'];
  if (metadata !== undefined && metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata))) {
    out.push({ errorCode: 'INVALID_TYPE', message: 'metadata: must be an object' });
  }
  if (body['properties'] === undefined || body['properties'] === null) {
    out.push({ errorCode: 'REQUIRED_FIELD', message: 'properties: is required' });
  }
}

/** POST /clusters: server-chosen UUIDv4, 201. */
export function postCluster(ctx: ApiContext, req: ApiRequest): Reply {
  const parsed = parseJsonObject(req.contentType, req.rawBody);
  if (!parsed.ok) return parsed.reply;
  const problems: Problem[] = [];
  checkEnvelope(parsed.value, ['metadata', 'properties'], problems);
  const result = validateCreate(parsed.value['properties'], ruleContext(ctx, req), { requireCredentials: true });
  if (!result.ok) problems.push(...result.problems);
  if (problems.length > 0 || !result.ok) return problemsReply(422, problems);
  const failure = ctx.faults.takeWriteFailure();
  const cluster = ctx.store.create(
    req.region,
    ctx.store.newId(),
    result.input,
    API_IDENTITY,
    failure ? { failure } : {},
  );
  return { status: 201, body: view(ctx, req, cluster) };
}

/**
 * PUT /clusters/{id}: the idempotent Ensure; unknown id creates (201), a known one is fully replaced (200). With
 * putCreate off, an unknown id answers 404 (or 405) before the body is looked at, and nothing is created.
 */
export function putCluster(ctx: ApiContext, req: ApiRequest, id: string): Reply {
  const bad = checkPathId('cluster', id);
  if (bad) return bad;
  const { putCreate, putCreateStatus } = ctx.store.settings.behaviour;
  if (putCreate === 'off' && ctx.store.find(req.region, id) === undefined) return noPutCreate(id, putCreateStatus);
  const parsed = parseJsonObject(req.contentType, req.rawBody);
  if (!parsed.ok) return parsed.reply;
  const problems: Problem[] = [];
  checkEnvelope(parsed.value, ['id', 'metadata', 'properties'], problems);
  const bodyId = parsed.value['id'];
  if (bodyId === undefined || bodyId === null)
    problems.push({ errorCode: 'REQUIRED_FIELD', message: 'id: is required' });
  else if (bodyId !== id)
    problems.push({ errorCode: 'ID_MISMATCH', message: 'id: must equal the cluster id in the path' });
  const existing = ctx.store.find(req.region, id);
  const rules = ruleContext(ctx, req);
  const properties = parsed.value['properties'];
  const result = existing
    ? validateReplace(properties, existing, rules)
    : validateCreate(properties, rules, { requireCredentials: true });
  if (!result.ok) problems.push(...result.problems);
  if (problems.length > 0 || !result.ok) return problemsReply(422, problems);
  if (existing && !isWritable(ctx, existing)) return busyReply(ctx, req, existing);
  if (!existing && ctx.store.settings.behaviour.reuseDeletedIds === 'refuse' && ctx.store.wasUsed(id)) {
    return errorReply(409, 'UUID_TAKEN', `the id ${id} was used before; choose another id`);
  }
  const failure = ctx.faults.takeWriteFailure();
  if (existing) {
    ctx.store.replace(existing, result.input, API_IDENTITY, failure);
    return { status: 200, body: view(ctx, req, existing) };
  }
  const created = ctx.store.create(req.region, id, result.input, API_IDENTITY, failure ? { failure } : {});
  return { status: 201, body: view(ctx, req, created) };
}

/** DELETE /clusters/{id}: 202 with an empty body; DESTROYING, then 404. */
export function deleteCluster(ctx: ApiContext, req: ApiRequest, id: string): Reply {
  const bad = checkPathId('cluster', id);
  if (bad) return bad;
  const cluster = ctx.store.find(req.region, id);
  if (cluster === undefined) return notFound('cluster', id);
  if (!isWritable(ctx, cluster)) {
    if (ctx.store.settings.behaviour.deleteWhileBusy === 'refuse') return busyReply(ctx, req, cluster);
    // deleteWhileBusy: accept — a second DELETE of a cluster being destroyed changes nothing.
    if (ctx.store.observe(cluster).state === 'DESTROYING') return { status: 202 };
  }
  ctx.store.remove(cluster, API_IDENTITY);
  return { status: 202 };
}

function noPutCreate(id: string, status: 404 | 405): Reply {
  if (status === 404)
    return errorReply(404, 'NOT_FOUND', `cluster ${id} was not found (create it with POST /clusters)`);
  const message = 'PUT cannot create a cluster; create it with POST /clusters';
  return errorReply(405, 'METHOD_NOT_ALLOWED', message, { allow: 'GET, DELETE' });
}

/** 409 while not AVAILABLE or FAILED, e.g. PROVISIONING/UPDATING/DESTROYING or a held state (a guess). */
function busyReply(ctx: ApiContext, req: ApiRequest, cluster: StoredCluster): Reply {
  const state = view(ctx, req, cluster).metadata.state;
  return errorReply(409, 'CLUSTER_BUSY', `cluster ${cluster.id} is ${state}; retry when it is AVAILABLE`);
}
