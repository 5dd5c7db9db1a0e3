/** Validation of cluster bodies like the v2 API: every problem at once, then a normalised input. */
import type { ClusterProperties, Credentials, Region } from '../api/types.js';
import { checkCommonRules, checkReplaceRules, type RawProps, readPath } from './rules-checks.js';
import { CLUSTER_RULE, checkValue, isDateTime } from './rules-schema.js';
import type { ClusterInput } from './store.js';
import type { BackupTable } from './tables.js';
import type { Problem, StoredCluster } from './types.js';

/** What the rules need to know besides the body. */
export interface RuleContext {
  region: Region;
  now: number;
  backups: BackupTable;
}

/** Either a normalised input or every problem found. */
export type Validation = { ok: true; input: ClusterInput } | { ok: false; problems: Problem[] };

function isRecord(value: unknown): value is RawProps {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the properties of a new cluster (POST, PUT on an unknown id, or a seed without credentials). */
export function validateCreate(raw: unknown, ctx: RuleContext, opts: { requireCredentials: boolean }): Validation {
  const out: Problem[] = [];
  checkValue(CLUSTER_RULE, raw, 'properties', out);
  if (!isRecord(raw)) return { ok: false, problems: out };
  checkCommonRules(raw, ctx.region, out);
  if (opts.requireCredentials && (raw['credentials'] === undefined || raw['credentials'] === null)) {
    out.push({ errorCode: 'REQUIRED_FIELD', message: 'properties.credentials: is required when creating a cluster' });
  }
  checkCreateRestore(raw, ctx, out);
  return out.length > 0 ? { ok: false, problems: out } : { ok: true, input: normalizeInput(raw) };
}

/** Checks a full replacement of `existing` (PUT on a known id). */
export function validateReplace(raw: unknown, existing: StoredCluster, ctx: RuleContext): Validation {
  const out: Problem[] = [];
  checkValue(CLUSTER_RULE, raw, 'properties', out);
  if (!isRecord(raw)) return { ok: false, problems: out };
  checkCommonRules(raw, ctx.region, out);
  const p = existing.properties;
  checkReplaceRules(
    raw,
    { version: p.version, storageSize: p.instances.storageSize, location: p.backup.location },
    out,
  );
  checkInPlaceRestore(raw, existing, ctx, out);
  return out.length > 0 ? { ok: false, problems: out } : { ok: true, input: normalizeInput(raw) };
}

/** Shape-only check for out-of-band edits (console edits may do what the API refuses, e.g. tests of drift). */
export function validateShape(raw: unknown): Problem[] {
  const out: Problem[] = [];
  checkValue(CLUSTER_RULE, raw, 'properties', out);
  return out;
}

function checkWindow(path: string, value: unknown, from: number, to: number, out: Problem[]): void {
  if (typeof value !== 'string' || !isDateTime(value)) return;
  const at = Date.parse(value);
  if (at < from || at > to) {
    const range = `${new Date(from).toISOString()} .. ${new Date(to).toISOString()}`;
    out.push({ errorCode: 'OUT_OF_RANGE', message: `${path}: must be within the backup's recovery window ${range}` });
  }
}

function checkCreateRestore(raw: RawProps, ctx: RuleContext, out: Problem[]): void {
  if (!isRecord(raw['restoreFromBackup'])) return;
  const path = 'properties.restoreFromBackup';
  const sourceId = readPath(raw, 'restoreFromBackup', 'sourceBackupId');
  if (typeof sourceId !== 'string') {
    out.push({ errorCode: 'REQUIRED_FIELD', message: `${path}.sourceBackupId: is required when creating a cluster` });
    return;
  }
  const backup = ctx.backups.get(sourceId);
  if (backup === undefined) {
    out.push({
      errorCode: 'BACKUP_NOT_FOUND',
      message: `${path}.sourceBackupId: no backup ${sourceId} in ${ctx.region}`,
    });
    return;
  }
  const target = readPath(raw, 'restoreFromBackup', 'recoveryTargetDatetime');
  checkWindow(`${path}.recoveryTargetDatetime`, target, backup.createdAt, backup.latestAt ?? ctx.now, out);
}

function checkInPlaceRestore(raw: RawProps, existing: StoredCluster, ctx: RuleContext, out: Problem[]): void {
  if (!isRecord(raw['restoreFromBackup'])) return;
  const path = 'properties.restoreFromBackup';
  if (readPath(raw, 'restoreFromBackup', 'sourceBackupId') !== undefined) {
    const message = `${path}.sourceBackupId: is only allowed when creating a cluster; an in-place restore takes recoveryTargetDatetime only`;
    out.push({ errorCode: 'RESTORE_NOT_ALLOWED', message });
  }
  const target = readPath(raw, 'restoreFromBackup', 'recoveryTargetDatetime');
  if (target === undefined || target === null) {
    out.push({
      errorCode: 'REQUIRED_FIELD',
      message: `${path}.recoveryTargetDatetime: is required for an in-place restore`,
    });
    return;
  }
  const from = ctx.backups.ofCluster(existing.id)?.createdAt ?? existing.createdAt;
  checkWindow(`${path}.recoveryTargetDatetime`, target, from, ctx.now, out);
}

/** Builds the stored properties: fixed key order, defaults for every omitted optional, no write-only fields. */
function normalizeInput(raw: RawProps): ClusterInput {
  // The shape has been checked, so these casts only restate what checkValue proved.
  const p = raw as unknown as ClusterProperties;
  const properties: ClusterProperties = {
    name: p.name,
    description: p.description ?? '',
    version: p.version,
    instances: {
      count: p.instances.count,
      cores: p.instances.cores,
      ram: p.instances.ram,
      storageSize: p.instances.storageSize,
    },
    connection: {
      datacenterId: p.connection.datacenterId,
      lanId: p.connection.lanId,
      primaryInstanceAddress: p.connection.primaryInstanceAddress,
    },
    maintenanceWindow: { dayOfTheWeek: p.maintenanceWindow.dayOfTheWeek, time: p.maintenanceWindow.time },
    replicationMode: p.replicationMode,
    connectionPooler: p.connectionPooler ?? 'DISABLED',
    logsEnabled: p.logsEnabled ?? false,
    metricsEnabled: p.metricsEnabled ?? false,
    backup: { location: p.backup.location, retentionDays: p.backup.retentionDays },
  };
  const c = p.credentials as Credentials | null | undefined;
  if (c === undefined || c === null) return { properties };
  return { properties, credentials: { username: c.username, database: c.database, password: c.password } };
}

/** Normalises already-trusted properties (used by console edits). */
export function normalizeProperties(properties: ClusterProperties): ClusterProperties {
  return normalizeInput(properties as unknown as RawProps).properties;
}
