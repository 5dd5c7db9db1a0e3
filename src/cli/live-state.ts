import type { ApiClient } from '../api/index.js';
import type { BackupRead, ClusterRead, Region } from '../api/types.js';
import type { DesiredCluster } from '../desired/types.js';
import { bindDocument, indexLive } from '../plan/bind.js';
import type { RegionCatalog } from '../plan/types.js';

/** What the API says, read for the planner: clusters, catalogue and referenced backups. */
export interface LiveState {
  live: Map<Region, ClusterRead[]>;
  catalogs: Map<Region, RegionCatalog>;
  backups: Map<string, BackupRead>;
}

/**
 * Reads every region at once (keep-alive connections; pages within a region are sequential by nature of offset
 * paging). Per region: the cluster list plus /versions and /backup-locations; nothing per cluster.
 */
export async function readLiveState(
  client: ApiClient,
  regions: readonly Region[],
  desired: readonly DesiredCluster[],
): Promise<LiveState> {
  const perRegion = await Promise.all(regions.map((region) => readRegion(client, region)));
  const state: LiveState = { live: new Map(), catalogs: new Map(), backups: new Map() };
  regions.forEach((region, i) => {
    state.live.set(region, perRegion[i]!.clusters);
    state.catalogs.set(region, perRegion[i]!.catalog);
  });
  const backups = await Promise.all(
    backupsToRead(desired, state.live).map(([region, id]) => client.getBackup(region, id)),
  );
  for (const backup of backups) if (backup) state.backups.set(backup.id, backup);
  return state;
}

/**
 * The backups the planner checks: only those of documents that will create a cluster (restoreFromBackup is ignored
 * for an existing one), each once. A spec that keeps its restoreFromBackup after the cluster exists costs nothing.
 */
function backupsToRead(desired: readonly DesiredCluster[], live: LiveState['live']): [Region, string][] {
  if (!desired.some((doc) => doc.properties.restoreFromBackup?.sourceBackupId)) return [];
  const index = indexLive(live);
  const wanted = new Map<string, [Region, string]>();
  for (const doc of desired) {
    const id = doc.properties.restoreFromBackup?.sourceBackupId;
    if (!id || doc.policy.ensure !== 'present' || bindDocument(doc, index).kind !== 'absent') continue;
    wanted.set(`${doc.region}/${id}`, [doc.region, id]);
  }
  return [...wanted.values()];
}

async function readRegion(
  client: ApiClient,
  region: Region,
): Promise<{ clusters: ClusterRead[]; catalog: RegionCatalog }> {
  const [clusters, versions, locations] = await Promise.all([
    client.listClusters(region),
    client.listVersions(region),
    client.listBackupLocations(region),
  ]);
  const backupLocations = locations.map((l) => l.properties.location).filter((l): l is string => typeof l === 'string');
  return { clusters, catalog: { versions, backupLocations } };
}
