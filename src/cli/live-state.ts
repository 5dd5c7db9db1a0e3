import type { ApiClient, StringShare } from '../api/index.js';
import type { BackupRead, ClusterRead, Region } from '../api/types.js';
import type { Comparison } from '../compare/types.js';
import { StringCache } from '../model/string-cache.js';
import type { RegionCatalog } from '../plan/types.js';
import { checkLiveShape } from './live-shape.js';
import { collectAfterFetch } from './memory.js';

/** What the API says, read for the planner: clusters and catalogue per region. */
export interface LiveState {
  live: Map<Region, ClusterRead[]>;
  catalogs: Map<Region, RegionCatalog>;
}

/**
 * Reads every region at once (keep-alive connections; pages within a region are sequential by nature of offset
 * paging). Per region: the cluster list plus /versions and /backup-locations; nothing per cluster. With `slim`,
 * each listed cluster is kept slim as its page arrives (what planning reads, equal strings shared: slimCluster).
 */
export async function readLiveState(client: ApiClient, regions: readonly Region[], slim = false): Promise<LiveState> {
  const share: StringShare | undefined = slim ? new StringCache() : undefined;
  const perRegion = await Promise.all(regions.map((region) => readRegion(client, region, share)));
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
): Promise<{ clusters: ClusterRead[]; catalog: RegionCatalog }> {
  const [clusters, versions, locations] = await Promise.all([
    client.listClusters(region, share === undefined ? undefined : { slim: share }),
    client.listVersions(region),
    client.listBackupLocations(region),
  ]);
  checkLiveShape(region, clusters, versions, locations);
  const backupLocations = locations.map((l) => l.properties.location).filter((l): l is string => typeof l === 'string');
  return { clusters, catalog: { versions, backupLocations } };
}
