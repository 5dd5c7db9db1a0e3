/** Admin routes on one cluster of a region: seed, edit, fail, hold, release, delete, backup controls. */
import type { Region } from '../api/types.js';
import type { BackupChange, EmulatorControl, Outcome } from './control.js';
import { errorReply, problemsReply } from './http-io.js';
import { isPlainObject, mergeDeep } from './merge.js';
import { CONSOLE_IDENTITY } from './store.js';
import type { HoldOptions, Reply, SeedOptions } from './types.js';

type Body = Record<string, unknown>;

/** The reply of an outcome: the value with `status`, or the problems with theirs. */
export function fromOutcome<T>(outcome: Outcome<T>, status: number): Reply {
  return outcome.ok ? { status, body: outcome.value } : problemsReply(outcome.status, outcome.problems);
}

const isMs = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function invalid(shape: string): Reply {
  return errorReply(400, 'INVALID_BODY', `the body must be ${shape}`);
}

function seed(control: EmulatorControl, region: Region, body: Body): Reply {
  const { id, by, state, hold } = body;
  if ((id !== undefined && typeof id !== 'string') || (by !== undefined && typeof by !== 'string')) {
    return invalid('{properties, id?, by?, state?, hold?: {forMs?, statusMessage?}}');
  }
  if (hold !== undefined && !(isPlainObject(hold) && (hold['forMs'] === undefined || isMs(hold['forMs'])))) {
    return invalid('{properties, id?, by?, state?, hold?: {forMs?, statusMessage?}}');
  }
  const opts: SeedOptions = {};
  if (id !== undefined) opts.id = id;
  if (by !== undefined) opts.by = by;
  if (state !== undefined) opts.state = state as string;
  if (hold !== undefined) opts.hold = hold as NonNullable<SeedOptions['hold']>;
  return fromOutcome(control.seed(region, body['properties'], opts), 201);
}

function edit(control: EmulatorControl, region: Region, id: string, body: Body): Reply {
  const patch = body['properties'];
  const by = body['by'] ?? CONSOLE_IDENTITY;
  if (!isPlainObject(patch) || typeof by !== 'string') return invalid('{properties: <deep-partial properties>, by?}');
  return fromOutcome(
    control.edit(region, id, (p) => mergeDeep(p as unknown as Body, patch), by),
    200,
  );
}

function fail(control: EmulatorControl, region: Region, id: string, body: Body): Reply {
  const recover = body['recoverAfterMs'];
  if (typeof body['message'] !== 'string' || (recover !== undefined && !isMs(recover))) {
    return invalid('{message: <string>, recoverAfterMs?: <number>}');
  }
  return fromOutcome(control.fail(region, id, body['message'], recover as number | undefined), 200);
}

function hold(control: EmulatorControl, region: Region, id: string, body: Body): Reply {
  const { state, forMs, statusMessage } = body;
  const ok =
    (state === undefined || typeof state === 'string') &&
    (forMs === undefined || isMs(forMs)) &&
    (statusMessage === undefined || typeof statusMessage === 'string');
  if (!ok) return invalid('{state?: <string>, forMs?: <number>, statusMessage?: <string>}');
  return fromOutcome(control.hold(region, id, body as HoldOptions), 200);
}

function backup(control: EmulatorControl, region: Region, id: string, action: string | undefined, body: Body): Reply {
  let change: BackupChange;
  if (action === 'stall') {
    if (!isMs(body['agoMs'])) return invalid('{agoMs: <milliseconds>}');
    change = { action, agoMs: body['agoMs'] as number };
  } else if (action === 'remove' || action === 'resume') change = { action };
  else return errorReply(404, 'NOT_FOUND', 'backup actions: stall, remove, resume');
  return fromOutcome(control.backup(region, id, change), 200);
}

/** POST /_emulator/{region}/clusters[/{id}/{action}[/{sub}]], or undefined when no route matches. */
export function routeClusterAdmin(
  control: EmulatorControl,
  region: Region,
  rest: string[],
  body: Body,
): Reply | undefined {
  const [collection, id, action, sub, ...more] = rest;
  if (collection !== 'clusters' || more.length > 0) return undefined;
  if (id === undefined) return seed(control, region, body);
  if (action === 'backup') return backup(control, region, id, sub, body);
  if (sub !== undefined) return undefined;
  if (action === 'edit') return edit(control, region, id, body);
  if (action === 'fail') return fail(control, region, id, body);
  if (action === 'hold') return hold(control, region, id, body);
  if (action === 'release') return fromOutcome(control.release(region, id), 200);
  if (action === 'delete') {
    const by = typeof body['by'] === 'string' ? body['by'] : CONSOLE_IDENTITY;
    return fromOutcome(control.remove(region, id, by), 200);
  }
  return undefined;
}
