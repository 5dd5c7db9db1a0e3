import type { BackupRead, ClusterRead, Region } from '../../../src/api/types.js';
import type { DesiredCluster } from '../../../src/desired/types.js';
import { assembleStatus, type StatusInput, type StatusReport } from '../../../src/status/index.js';
import { aDesired, aLive } from '../../helpers/builders.js';

/** The fixed clock of every status test. */
export const NOW_MS = Date.parse('2030-12-24T18:00:00.000Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** An ISO time `ms` before NOW_MS. */
export function ago(ms: number): string {
  return new Date(NOW_MS - ms).toISOString();
}

/** A backup as GET /backups lists it: active and restorable up to now unless overridden. */
export function aBackup(
  clusterId: string,
  overrides: Partial<BackupRead['properties']> = {},
  createdDate: string | undefined = ago(2 * DAY),
  id = `b-${clusterId}`,
): BackupRead {
  return {
    id,
    type: 'backup',
    href: `https://postgresql.de-fra.ionos.com/backups/${id}`,
    metadata: createdDate === undefined ? {} : { createdDate },
    properties: {
      clusterId,
      postgresClusterVersion: '16',
      isActive: true,
      earliestRecoveryTargetTime: createdDate ?? ago(2 * DAY),
      latestRecoveryTargetTime: null,
      location: 'eu-central-3',
      ...overrides,
    },
  };
}

/** A document and its live cluster (AVAILABLE unless `state` says otherwise). */
export function aManaged(
  name: string,
  state: ClusterRead['metadata']['state'] = 'AVAILABLE',
  region: Region = 'de-fra',
): { doc: DesiredCluster; live: ClusterRead } {
  const doc = aDesired({ name, region });
  const live = aLive(doc, `id-${name}`, {}, state);
  live.metadata.dnsName = `pg-${name}.postgresql.${region}.ionos.com`;
  return { doc, live };
}

/** The status input of documents, live clusters and backups, all in the regions the documents live in. */
export function statusInput(
  desired: readonly DesiredCluster[],
  live: readonly ClusterRead[],
  backups: readonly BackupRead[],
  overrides: Partial<StatusInput> = {},
): StatusInput {
  const regions = [...new Set(desired.map((doc) => doc.region))].sort();
  const byRegion = new Map<Region, ClusterRead[]>(regions.map((region) => [region, []]));
  for (const cluster of live) byRegion.get(regionOf(cluster))?.push(cluster);
  const backupsByRegion = new Map<Region, BackupRead[]>(regions.map((region) => [region, []]));
  backupsByRegion.get(regions[0]!)?.push(...backups);
  return { desired, live: byRegion, backups: backupsByRegion, nowMs: NOW_MS, maxRecoveryAgeMs: DAY, ...overrides };
}

function regionOf(cluster: ClusterRead): Region {
  return /postgresql\.([a-z-]+)\.ionos/.exec(cluster.href)![1] as Region;
}

/** The report of `statusInput(...)`; fails the test on binding issues. */
export function statusOf(...args: Parameters<typeof statusInput>): StatusReport {
  const { report, issues } = assembleStatus(statusInput(...args));
  if (issues.length > 0) throw new Error(`unexpected issues: ${JSON.stringify(issues)}`);
  return report;
}

/** Every kind of entry a report can hold: healthy, FAILED, no backup, stale, missing, a tombstone still there. */
export function aMixedReport(maxRecoveryAgeMs = HOUR): StatusReport {
  const healthy = aManaged('orders-prod');
  const failed = aManaged('billing-prod', 'FAILED');
  failed.live.metadata.statusMessage = 'disk full on replica 2';
  const bare = aManaged('analytics');
  const stalled = aManaged('reporting-with-a-rather-long-name-that-keeps-going-and-going-x1');
  const missing = aDesired({ name: 'new-service' });
  const tomb = aManaged('retired');
  tomb.doc.policy = { ...tomb.doc.policy, ensure: 'absent' };
  const docs = [healthy.doc, failed.doc, bare.doc, stalled.doc, missing, tomb.doc];
  const lives = [healthy.live, failed.live, bare.live, stalled.live, tomb.live];
  const backups = [
    aBackup(healthy.live.id, {}, ago(3 * DAY)),
    aBackup(failed.live.id, {}, ago(DAY)),
    aBackup(bare.live.id, { isActive: false, latestRecoveryTargetTime: ago(5 * HOUR) }),
    aBackup(stalled.live.id, { latestRecoveryTargetTime: ago(3 * HOUR) }),
  ];
  return statusOf(docs, lives, backups, { maxRecoveryAgeMs });
}
