import type { ApiClient, StringShare } from '../api/index.js';
import type { BackupLocationRead, BackupRead, ClusterRead, PostgresVersionRead, Region } from '../api/types.js';
import type { Comparison } from '../compare/types.js';
import { StringCache } from '../model/string-cache.js';
import type { RegionCatalog } from '../plan/types.js';
import { checkLiveShape, isCatalogueWellShaped } from './live-shape.js';
import { collectAfterFetch } from './memory.js';
import { WorkAhead, type WorkToDo } from './work-ahead.js';

/** What the API says, read for the planner: clusters and catalogue per region. */
export interface LiveState {
  live: Map<Region, ClusterRead[]>;
  catalogs: Map<Region, RegionCatalog>;
}

/** How a planner reads the live state. */
export interface LiveReadOptions {
  /** Keep each listed cluster slim as its page arrives (what planning reads, equal strings shared: slimCluster). */
  slim?: boolean;
  /** Compare listed clusters with their documents, and decide their changes, while the server is awaited. */
  ahead?: WorkToDo | undefined;
}

/**
 * Reads every region at once (keep-alive connections; pages within a region are sequential by nature of offset
 * paging). Per region: the cluster list plus /versions and /backup-locations; nothing per cluster.
 */
export async function readLiveState(
  client: ApiClient,
  regions: readonly Region[],
  options: LiveReadOptions = {},
): Promise<LiveState> {
  const share: StringShare | undefined = options.slim === true ? new StringCache() : undefined;
  const work = options.ahead === undefined ? undefined : new WorkAhead(options.ahead);
  const perRegion = await Promise.all(regions.map((region) => readRegion(client, region, share, work))).finally(() =>
    work?.stop(),
  );
  const state: LiveState = { live: new Map(), catalogs: new Map() };
  regions.forEach((region, i) => {
    state.live.set(region, perRegion[i]!.clusters);
    state.catalogs.set(region, perRegion[i]!.catalog);
  });
  collectAfterFetch(perRegion.reduce((sum, region) => sum + region.clusters.length, 0));
  return state;
}

/**
 * The backups the planner checks: only those of documents that will create a cluster (restoreFromBackup is ignored
 * for an existing one), each once. A spec that keeps its restoreFromBackup after the cluster exists costs nothing.
 */
export async function readRestoreBackups(
  client: ApiClient,
  comparisons: readonly Comparison[],
): Promise<Map<string, BackupRead>> {
  const wanted = new Map<string, [Region, string]>();
  for (const { doc, binding } of comparisons) {
    const id = doc.properties.restoreFromBackup?.sourceBackupId;
    if (!id || doc.policy.ensure !== 'present' || binding.kind === 'bound' || binding.kind === 'error') continue;
    wanted.set(`${doc.region}/${id}`, [doc.region, id]);
  }
  const backups = await Promise.all([...wanted.values()].map(([region, id]) => client.getBackup(region, id)));
  return new Map(backups.filter((b): b is BackupRead => b !== null).map((backup) => [backup.id, backup]));
}

async function readRegion(
  client: ApiClient,
  region: Region,
  share: StringShare | undefined,
  work: WorkAhead | undefined,
): Promise<{ clusters: ClusterRead[]; catalog: RegionCatalog }> {
  const onPage = work === undefined ? undefined : (page: readonly ClusterRead[]) => work.queue(region, page);
  // The catalogue is made as soon as it is read (and well shaped), so the work ahead can decide changes with it.
  const catalogue = Promise.all([client.listVersions(region), client.listBackupLocations(region)]).then(
    ([versions, locations]) => {
      const made = isCatalogueWellShaped(versions, locations) ? toCatalog(versions, locations) : undefined;
      if (made !== undefined) work?.useCatalog(region, made);
      return { versions, locations, made };
    },
  );
  const [clusters, { versions, locations, made }] = await Promise.all([
    client.listClusters(region, { slim: share, onPage }),
    catalogue,
  ]);
  checkLiveShape(region, clusters, versions, locations, work?.shaped);
  return { clusters, catalog: made ?? toCatalog(versions, locations) };
}

function toCatalog(versions: PostgresVersionRead[], locations: readonly BackupLocationRead[]): RegionCatalog {
  const backupLocations = locations.map((l) => l.properties.location).filter((l): l is string => typeof l === 'string');
  return { versions, backupLocations };
}
