/** Routes an authorised API request inside one region to its handler. */
import {
  getBackup,
  getBackupLocation,
  getVersion,
  listBackupLocations,
  listBackups,
  listVersions,
} from './catalog-handlers.js';
import { deleteCluster, getCluster, listClusters, postCluster, putCluster } from './cluster-handlers.js';
import type { ApiContext, ApiRequest } from './context.js';
import { errorReply } from './http-io.js';
import type { Reply } from './types.js';

type Handler = (ctx: ApiContext, req: ApiRequest, id: string) => Reply;

/** Per collection: handlers of the collection path and of the item path, by method. */
const ROUTES: Record<string, { collection: Record<string, Handler>; item: Record<string, Handler> }> = {
  clusters: {
    collection: { GET: listClusters, POST: postCluster },
    item: { GET: getCluster, PUT: putCluster, DELETE: deleteCluster },
  },
  versions: { collection: { GET: listVersions }, item: { GET: getVersion } },
  'backup-locations': { collection: { GET: listBackupLocations }, item: { GET: getBackupLocation } },
  backups: { collection: { GET: listBackups }, item: { GET: getBackup } },
};

/** The reply to an API request that passed auth and the fault gates. */
export function routeApiRequest(ctx: ApiContext, req: ApiRequest): Reply {
  const [collection, id, ...rest] = req.segments;
  const route = collection === undefined ? undefined : ROUTES[collection];
  if (route === undefined || rest.length > 0 || id === '') {
    return errorReply(404, 'NOT_FOUND', `no such resource: ${req.segments.join('/') || '/'}`);
  }
  const handlers = id === undefined ? route.collection : route.item;
  const handler = handlers[req.method];
  if (handler === undefined) {
    const allow = Object.keys(handlers).join(', ');
    return errorReply(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here (allowed: ${allow})`, { allow });
  }
  return handler(ctx, req, id ?? '');
}
