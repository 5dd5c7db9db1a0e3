import { UsageError } from '../errors.js';
import { resolveEndpoint, validateEndpointTemplate } from './endpoint.js';
import { type ApiClientOptions, type ResolvedApiOptions, resolveApiOptions } from './options.js';
import { PageMemory } from './page-memory.js';
import { collectPages, type FetchedPage } from './paging.js';
import { type CallSpec, createRequester, type Requester } from './requester.js';
import { badResponse, parseListPage, parseObject } from './responses.js';
import { type StringShare, slimCluster } from './slim.js';
import type {
  BackupLocationRead,
  BackupRead,
  ClusterProperties,
  ClusterRead,
  PostgresVersionRead,
  Region,
} from './types.js';

/** Per-call options: an AbortSignal stops the call, including any wait, at once (rejects with its reason). */
export interface CallOptions {
  signal?: AbortSignal | undefined;
}

/**
 * The IONOS DBaaS PostgreSQL v2 API, one region per call; regions are independent (run them concurrently).
 * Responses are passed through as the server sent them (an unknown `metadata.state` or property included).
 */
export interface ApiClient {
  /**
   * All clusters of the region, paged until the end is proven (see collectPages); `nameContains` = the API's
   * substring filter (`filter.name`), so an exact-name lookup must re-filter. With `slim`, each cluster is kept as
   * slimCluster makes it while its page arrives (a planner's view: less metadata, shared strings). `onPage` is
   * given each page's clusters (as kept) as the page arrives, before the next page is asked for (so defer real work).
   */
  listClusters(
    region: Region,
    opts?: CallOptions & {
      nameContains?: string | undefined;
      slim?: StringShare | undefined;
      onPage?: ((clusters: readonly ClusterRead[]) => void) | undefined;
    },
  ): Promise<ClusterRead[]>;
  /** null on 404. */
  getCluster(region: Region, id: string, opts?: CallOptions): Promise<ClusterRead | null>;
  /** PUT (ensure: create or full replace) with body `{id, properties}`. */
  putCluster(region: Region, id: string, properties: ClusterProperties, opts?: CallOptions): Promise<ClusterRead>;
  /**
   * POST /clusters with body `{properties}`: a create, the server picks the id. Not idempotent, so never retried
   * except after a refused connection (nothing was sent). On failure, `deliveryOf(error)` says whether it may have
   * created a cluster (`unknown`: list the region by name before sending again).
   */
  postCluster(region: Region, properties: ClusterProperties, opts?: CallOptions): Promise<ClusterRead>;
  /** 404 = already gone. */
  deleteCluster(region: Region, id: string, opts?: CallOptions): Promise<'deleted' | 'not-found'>;
  listVersions(region: Region, opts?: CallOptions): Promise<PostgresVersionRead[]>;
  listBackupLocations(region: Region, opts?: CallOptions): Promise<BackupLocationRead[]>;
  listBackups(region: Region, opts?: CallOptions & { clusterId?: string | undefined }): Promise<BackupRead[]>;
  /** null on 404. */
  getBackup(region: Region, id: string, opts?: CallOptions): Promise<BackupRead | null>;
}

/** Builds the client; throws UsageError for a bad endpoint template, token or option. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  validateEndpointTemplate(options.endpointTemplate);
  const opts = resolveApiOptions(options);
  const ctx: Ctx = {
    opts,
    send: createRequester(opts),
    bases: new Map(),
    tokenOnly: [opts.token],
    paging: new PageMemory(opts.pageSize),
  };
  // async arrows: a bad argument rejects the promise instead of throwing synchronously.
  return {
    listClusters: async (region, o) => {
      const slim = o?.slim;
      const keep = slim === undefined ? undefined : (item: ClusterRead) => slimCluster(item, slim);
      return listAll(ctx, region, '/clusters', queryParam('filter.name', o?.nameContains), o, keep, o?.onPage);
    },
    getCluster: async (region, id, o) => getOne(ctx, region, `/clusters/${encodeId(id)}`, o),
    putCluster: async (region, id, properties, o) => putCluster(ctx, region, id, properties, o),
    postCluster: async (region, properties, o) => postCluster(ctx, region, properties, o),
    deleteCluster: async (region, id, o) => deleteCluster(ctx, region, id, o),
    listVersions: async (region, o) => listAll(ctx, region, '/versions', '', o),
    listBackupLocations: async (region, o) => listAll(ctx, region, '/backup-locations', '', o),
    listBackups: async (region, o) => listAll(ctx, region, '/backups', queryParam('filter.clusterId', o?.clusterId), o),
    getBackup: async (region, id, o) => getOne(ctx, region, `/backups/${encodeId(id)}`, o),
  };
}

interface Ctx {
  opts: ResolvedApiOptions;
  send: Requester;
  /** Base URL per region, resolved once. */
  bases: Map<Region, string>;
  tokenOnly: readonly string[];
  paging: PageMemory;
}

function specFor(ctx: Ctx, region: Region, method: CallSpec['method'], path: string, o?: CallOptions): CallSpec {
  let base = ctx.bases.get(region);
  if (base === undefined) {
    base = resolveEndpoint(ctx.opts.endpointTemplate, region);
    ctx.bases.set(region, base);
  }
  return {
    region,
    method,
    url: base + path,
    path,
    body: undefined,
    readOkBody: true,
    notFoundOk: false,
    collection: false,
    signal: o?.signal,
    secrets: ctx.tokenOnly,
  };
}

async function listAll<T extends { id: string }>(
  ctx: Ctx,
  region: Region,
  path: string,
  query: string,
  o: CallOptions | undefined,
  keep?: (item: T) => T,
  onPage?: (items: readonly T[]) => void,
): Promise<T[]> {
  const fetchPage = async (offset: number, limit: number, budgetBytes: number): Promise<FetchedPage<T>> => {
    const spec = specFor(ctx, region, 'GET', `${path}?offset=${offset}&limit=${limit}${query}`, o);
    spec.collection = true;
    spec.budgetBytes = budgetBytes;
    const answer = await ctx.send(spec);
    const page = parseListPage<T>(spec, answer);
    // What a page's items are turned into here is all that is kept of them: the page is garbage from now on.
    const kept = keep === undefined ? page : { ...page, items: page.items.map(keep) };
    onPage?.(kept.items);
    return kept;
  };
  const note = (msg: string, fields: Record<string, number>) => ctx.opts.logger.info({ region, path, ...fields }, msg);
  return collectPages(fetchPage, ctx.paging.forPath(region, path), note);
}

async function getOne<T>(ctx: Ctx, region: Region, path: string, o: CallOptions | undefined): Promise<T | null> {
  const spec = specFor(ctx, region, 'GET', path, o);
  spec.notFoundOk = true;
  const answer = await ctx.send(spec);
  return answer.status === 404 ? null : parseObject<T>(spec, answer);
}

async function putCluster(
  ctx: Ctx,
  region: Region,
  id: string,
  properties: ClusterProperties,
  o: CallOptions | undefined,
): Promise<ClusterRead> {
  const spec = specFor(ctx, region, 'PUT', `/clusters/${encodeId(id)}`, o);
  spec.body = JSON.stringify({ id, properties });
  const password = properties.credentials?.password;
  if (password) spec.secrets = [ctx.opts.token, password];
  const answer = await ctx.send(spec);
  return parseObject<ClusterRead>(spec, answer);
}

async function postCluster(
  ctx: Ctx,
  region: Region,
  properties: ClusterProperties,
  o: CallOptions | undefined,
): Promise<ClusterRead> {
  const spec = specFor(ctx, region, 'POST', '/clusters', o);
  spec.body = JSON.stringify({ properties });
  const password = properties.credentials?.password;
  if (password) spec.secrets = [ctx.opts.token, password];
  const answer = await ctx.send(spec);
  const created = parseObject<ClusterRead>(spec, answer);
  // Without the id the caller cannot find what it created: say so (the cluster probably exists: deliveryOf = unknown).
  if (typeof created.id !== 'string' || created.id === '') {
    throw badResponse(spec, answer, 'the created cluster has no `id`');
  }
  return created;
}

async function deleteCluster(
  ctx: Ctx,
  region: Region,
  id: string,
  o: CallOptions | undefined,
): Promise<'deleted' | 'not-found'> {
  const spec = specFor(ctx, region, 'DELETE', `/clusters/${encodeId(id)}`, o);
  spec.notFoundOk = true;
  spec.readOkBody = false;
  const answer = await ctx.send(spec);
  return answer.status === 404 ? 'not-found' : 'deleted';
}

function queryParam(name: string, value: string | undefined): string {
  return value === undefined || value === '' ? '' : `&${name}=${encodeComponent(value)}`;
}

function encodeId(id: string): string {
  if (id === '') throw new UsageError('an empty id was given to the API client');
  return encodeComponent(id);
}

// encodeURIComponent throws on a lone surrogate (text a user typed, e.g. `import --name`): send U+FFFD instead.
function encodeComponent(value: string): string {
  return encodeURIComponent(
    value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );
}
