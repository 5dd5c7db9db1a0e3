import type { RecordedRequest } from '../../src/emulator/index.js';
import { canonicalJson } from '../../src/plan/fingerprint.js';
import type { Change, LiveProperties, Plan } from '../../src/plan/types.js';

/** What the checks need besides the plan and the request log. */
export interface WriteContext {
  /** The resolved password every PUT must carry. */
  password: string;
  /** Readable properties of every cluster that existed before apply, by id (what a PUT overwrites). */
  previous: ReadonlyMap<string, LiveProperties>;
  /** Clusters no document names: never written. */
  unmanagedIds: ReadonlySet<string>;
}

const WRITE_METHODS = new Set(['PUT', 'DELETE', 'POST', 'PATCH']);

/** The requests that can change something. */
export function writesOf(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => WRITE_METHODS.has(r.method));
}

function idOf(request: RecordedRequest): string {
  return request.path.split('/').pop() ?? '';
}

/**
 * Every write must belong to a change of the plan: a PUT to a create/update id or a replacement id whose body is the
 * plan's `after` (password resolved) and which differs from what was there only at the plan's patch paths; a DELETE
 * only to a delete/replace id. Returns the violations (empty = fine), each a readable sentence.
 */
export function checkWritesMatchPlan(plan: Plan, requests: readonly RecordedRequest[], ctx: WriteContext): string[] {
  const putTargets = new Map<string, Change>();
  const deleteTargets = new Map<string, Change>();
  for (const change of plan.changes) {
    if (change.action === 'create' || change.action === 'update') putTargets.set(change.id, change);
    if (change.action === 'replace') putTargets.set(change.replacementId, change);
    if (change.action === 'delete' || change.action === 'replace') deleteTargets.set(change.id, change);
  }
  const problems: string[] = [];
  for (const request of writesOf(requests)) {
    const id = idOf(request);
    const what = `${request.method} ${request.path} (#${request.seq})`;
    if (ctx.unmanagedIds.has(id)) problems.push(`${what} wrote an unmanaged cluster`);
    if (request.method === 'DELETE') {
      const change = deleteTargets.get(id);
      if (!change || change.region !== request.region)
        problems.push(`${what} deletes a cluster the plan does not delete`);
      continue;
    }
    if (request.method !== 'PUT') {
      problems.push(`${what}: pgensure only ever PUTs and DELETEs`);
      continue;
    }
    const change = putTargets.get(id);
    if (!change || change.region !== request.region) {
      problems.push(`${what} writes a cluster the plan does not create or update`);
      continue;
    }
    problems.push(...checkPutBody(what, request.body, change, id, ctx));
  }
  return problems;
}

function checkPutBody(what: string, body: unknown, change: Change, id: string, ctx: WriteContext): string[] {
  const sent = body as { id?: string; properties?: Record<string, unknown> } | null;
  if (!sent?.properties || sent.id !== id) return [`${what}: body is not {id, properties} for ${id}`];
  const { credentials, ...readable } = sent.properties as { credentials?: unknown } & Record<string, unknown>;
  const { credentials: ref, ...after } = change.after!;
  const problems: string[] = [];
  if (canonicalJson(readable) !== canonicalJson(after)) {
    problems.push(`${what}: body ${canonicalJson(readable)} differs from the plan's after ${canonicalJson(after)}`);
  }
  const expected = { username: ref.username, database: ref.database, password: ctx.password };
  if (canonicalJson(credentials) !== canonicalJson(expected))
    problems.push(`${what}: credentials are not the resolved ones`);
  const previous = ctx.previous.get(id);
  if (previous) {
    const shown = new Set(change.patch.map((op) => op.path));
    for (const path of listChangedLeaves(previous, readable)) {
      if (!shown.has(path)) problems.push(`${what}: changes ${path}, which the plan did not show`);
    }
  }
  return problems;
}

/**
 * No write while busy: the emulator answers 409 to a PUT/DELETE on a busy cluster, so a 409 is only acceptable as the
 * client's own retry of a write whose response was dropped (status 0) just before.
 */
export function checkNoBusyWrites(requests: readonly RecordedRequest[]): string[] {
  const dropped = new Set<string>();
  const problems: string[] = [];
  for (const request of writesOf(requests)) {
    if (request.status === 0) dropped.add(request.path);
    if (request.status === 409 && !dropped.has(request.path))
      problems.push(`${request.method} ${request.path} (#${request.seq}) was sent while the cluster was busy`);
  }
  return problems;
}

/** JSON pointers of the leaves whose values differ between two plain JSON objects (independent of pgensure's differ). */
function listChangedLeaves(a: unknown, b: unknown, pointer = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(a) || !isObject(b)) return canonicalJson(a) === canonicalJson(b) ? [] : [pointer];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((key) => listChangedLeaves(a[key], b[key], `${pointer}/${key}`));
}
