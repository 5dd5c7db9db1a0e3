/** Read-only collections: /versions, /backup-locations, /backups (paged like /clusters). */

import { isVisible, windowOf } from './backups.js';
import { listLocations, VERSIONS } from './catalog.js';
import { type ApiContext, type ApiRequest, checkPathId, notFound, pagingOf, regionUrl } from './context.js';
import { isReply, parsePage } from './http-io.js';
import type { Reply, StoredBackup } from './types.js';
import { type Page, viewBackup, viewList, viewLocation, viewVersion } from './views.js';

function pageOf<T>(items: readonly T[], page: Page): T[] {
  return items.slice(page.offset, page.offset + page.limit);
}

/** GET /versions. */
export function listVersions(ctx: ApiContext, req: ApiRequest): Reply {
  const page = parsePage(req.query, pagingOf(ctx));
  if (isReply(page)) return page;
  const url = regionUrl(ctx, req);
  const items = pageOf(VERSIONS, page).map((v) => viewVersion(v, url));
  return { status: 200, body: viewList('versions', `${url}/versions`, items, page, {}) };
}

/** GET /versions/{id}. */
export function getVersion(ctx: ApiContext, req: ApiRequest, id: string): Reply {
  const bad = checkPathId('version', id);
  if (bad) return bad;
  const version = VERSIONS.find((v) => v.id === id);
  return version === undefined
    ? notFound('version', id)
    : { status: 200, body: viewVersion(version, regionUrl(ctx, req)) };
}

/** GET /backup-locations. */
export function listBackupLocations(ctx: ApiContext, req: ApiRequest): Reply {
  const page = parsePage(req.query, pagingOf(ctx));
  if (isReply(page)) return page;
  const url = regionUrl(ctx, req);
  const items = pageOf(listLocations(req.region), page).map((l) => viewLocation(l, url));
  return { status: 200, body: viewList('backup-locations', `${url}/backup-locations`, items, page, {}) };
}

/** GET /backup-locations/{id}. */
export function getBackupLocation(ctx: ApiContext, req: ApiRequest, id: string): Reply {
  const bad = checkPathId('backup location', id);
  if (bad) return bad;
  const location = listLocations(req.region).find((l) => l.id === id);
  if (location === undefined) return notFound('backup location', id);
  return { status: 200, body: viewLocation(location, regionUrl(ctx, req)) };
}

/** GET /backups, optionally `filter.clusterId` (exact match). */
export function listBackups(ctx: ApiContext, req: ApiRequest): Reply {
  const page = parsePage(req.query, pagingOf(ctx));
  if (isReply(page)) return page;
  const url = regionUrl(ctx, req);
  const clusterId = req.query['filter.clusterId'];
  const now = ctx.store.now();
  const matching = ctx.store
    .region(req.region)
    .backups.all()
    .filter((b) => isVisible(b, now) && (clusterId === undefined || b.clusterId === clusterId));
  const items = pageOf(matching, page).map((b) => viewBackupNow(ctx, b, url));
  const filters: Record<string, string> = clusterId === undefined ? {} : { 'filter.clusterId': clusterId };
  return { status: 200, body: viewList('backups', `${url}/backups`, items, page, filters) };
}

/** GET /backups/{id}. */
export function getBackup(ctx: ApiContext, req: ApiRequest, id: string): Reply {
  const bad = checkPathId('backup', id);
  if (bad) return bad;
  const backup = ctx.store.region(req.region).backups.get(id);
  if (backup === undefined || !isVisible(backup, ctx.store.now())) return notFound('backup', id);
  return { status: 200, body: viewBackupNow(ctx, backup, regionUrl(ctx, req)) };
}

function viewBackupNow(ctx: ApiContext, backup: StoredBackup, url: string) {
  return viewBackup(backup, url, windowOf(backup, ctx.store.now(), ctx.store.settings.behaviour.backupLatestLagMs));
}
