/** What the API route handlers share: the store, the faults and the request in a parsed form. */
import type { Region } from '../api/types.js';
import type { FaultInjector } from './faults.js';
import { errorReply, type PagingRules } from './http-io.js';
import { isUuid } from './rules-schema.js';
import type { EmulatorStore } from './store.js';
import type { Reply } from './types.js';
import { regionUrlOf } from './views.js';

/** The emulator's shared state as the handlers see it. */
export interface ApiContext {
  store: EmulatorStore;
  faults: FaultInjector;
  /** The emulator's base URL, e.g. http://127.0.0.1:PORT. */
  url: string;
}

/** An API request after region resolution and body reading. */
export interface ApiRequest {
  method: string;
  region: Region;
  /** Path segments after `/{region}`, e.g. ['clusters', '<id>']. */
  segments: string[];
  query: Record<string, string>;
  contentType: string | undefined;
  rawBody: string;
}

/** `${url}/${region}`: the base of every href in a region. */
export function regionUrl(ctx: ApiContext, req: ApiRequest): string {
  return regionUrlOf(ctx.url, req.region);
}

/** 400 for a path id that is not a UUID (the API declares 400 on every by-id operation). */
export function checkPathId(what: string, id: string): Reply | undefined {
  return isUuid(id) ? undefined : errorReply(400, 'INVALID_ID', `the ${what} id in the path must be a UUID`);
}

/** How the lists of this emulator page (the behaviour settings in force). */
export function pagingOf(ctx: ApiContext): PagingRules {
  const { maxLimit, maxPageSize, silentCap } = ctx.store.settings.behaviour;
  return { maxLimit, maxPageSize, silentCap };
}

/** 404 in the API's error body. */
export function notFound(what: string, id: string): Reply {
  return errorReply(404, 'NOT_FOUND', `${what} ${id} was not found`);
}
