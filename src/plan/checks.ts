import type { BackupRead, PostgresVersionRead } from '../api/types.js';
import { issueAt } from '../compare/bind.js';
import type { LiveProperties } from '../compare/types.js';
import type { DesiredCluster } from '../desired/types.js';
import type { SpecIssue } from '../errors.js';
import type { RegionCatalog } from './types.js';

/** Everything the live API knows that a document is checked against at plan time. */
export interface CheckContext {
  catalog: RegionCatalog | undefined;
  backups: ReadonlyMap<string, BackupRead>;
  /** The planner's clock (ms epoch): a restore target cannot lie in the future. */
  nowMs: number;
}

/** Semantic checks against the live catalogue (product.md §3); each issue points at the offending line. */
export function checkDocument(doc: DesiredCluster, before: LiveProperties | null, ctx: CheckContext): SpecIssue[] {
  if (doc.policy.ensure === 'absent') return [];
  return [
    ...checkVersion(doc, before, ctx.catalog),
    ...checkStorage(doc, before),
    ...checkBackupLocation(doc, ctx.catalog),
    ...checkRestore(doc, before, ctx),
  ];
}

// The versions a catalogue offers, worked out once per catalogue (not once per document).
const offered = new WeakMap<RegionCatalog, readonly string[]>();

function offeredVersions(catalog: RegionCatalog): readonly string[] {
  let known = offered.get(catalog);
  if (known === undefined) {
    known = catalog.versions.map((v) => v.properties.version).filter((v): v is string => Boolean(v));
    offered.set(catalog, known);
  }
  return known;
}

function checkVersion(doc: DesiredCluster, before: LiveProperties | null, catalog?: RegionCatalog): SpecIssue[] {
  if (!catalog) return [];
  const wanted = doc.properties.version;
  const known = offeredVersions(catalog);
  if (!known.includes(wanted)) {
    return [
      issueAt(doc, '/version', `version "${wanted}" is not offered in ${doc.region} (available: ${known.join(', ')})`),
    ];
  }
  if (!before || before.version === wanted) return [];
  const current = findVersion(catalog.versions, before.version);
  const allowed = current?.properties.canUpgradeTo ?? [];
  if (allowed.includes(wanted)) return [];
  const direction = Number(wanted) < Number(before.version) ? 'a downgrade' : 'not an allowed upgrade';
  const options = allowed.length > 0 ? allowed.join(', ') : 'none';
  return [
    issueAt(
      doc,
      '/version',
      `version ${before.version} → ${wanted} is ${direction} (${before.version} can upgrade to: ${options})`,
    ),
  ];
}

function findVersion(versions: PostgresVersionRead[], version: string): PostgresVersionRead | undefined {
  return versions.find((v) => v.properties.version === version);
}

function checkStorage(doc: DesiredCluster, before: LiveProperties | null): SpecIssue[] {
  const wanted = doc.properties.instances.storageSize;
  if (!before || wanted >= before.instances.storageSize) return [];
  const message = `storageSize can only grow: ${before.instances.storageSize} GB → ${wanted} GB would shrink it`;
  return [issueAt(doc, '/instances/storageSize', message)];
}

function checkBackupLocation(doc: DesiredCluster, catalog?: RegionCatalog): SpecIssue[] {
  if (!catalog || catalog.backupLocations.includes(doc.properties.backup.location)) return [];
  const message = `backup location "${doc.properties.backup.location}" is not offered in ${doc.region} (available: ${catalog.backupLocations.join(', ')})`;
  return [issueAt(doc, '/backup/location', message)];
}

function checkRestore(doc: DesiredCluster, before: LiveProperties | null, ctx: CheckContext): SpecIssue[] {
  const restore = doc.properties.restoreFromBackup;
  // On an existing cluster restoreFromBackup is create-only and ignored (the planner says so in the reasons).
  if (!restore?.sourceBackupId || before) return [];
  const backup = ctx.backups.get(restore.sourceBackupId);
  if (!backup) {
    return [
      issueAt(
        doc,
        '/restoreFromBackup/sourceBackupId',
        `backup ${restore.sourceBackupId} does not exist in ${doc.region}`,
      ),
    ];
  }
  const target = restore.recoveryTargetDatetime;
  if (!target) return [];
  const at = Date.parse(target);
  const earliest = backup.properties.earliestRecoveryTargetTime;
  const latest = backup.properties.latestRecoveryTargetTime;
  const tooEarly = earliest !== undefined && at < Date.parse(earliest);
  const tooLate = at > (latest ? Date.parse(latest) : ctx.nowMs);
  if (!tooEarly && !tooLate) return [];
  const window = `${earliest ?? 'the start'} … ${latest ?? 'now'}`;
  const message = `recoveryTargetDatetime ${target} is outside backup ${restore.sourceBackupId}'s recovery window (${window})`;
  return [issueAt(doc, '/restoreFromBackup/recoveryTargetDatetime', message)];
}
