/** Validation of cluster bodies like the v2 API: every problem at once, then a normalised input. */
import type { ClusterProperties, Credentials, Region } from '../api/types.js';
import { type BackupTable, isVisible, windowOf } from './backups.js';
import { checkCommonRules, checkReplaceRules, type RawProps, readPath } from './rules-checks.js';
import { addExtras, splitExtras } from './rules-extra.js';
import { CLUSTER_RULE, checkValue, isDateTime } from './rules-schema.js';
import type { ClusterInput } from './store.js';
import type { Problem, StoredBackup, StoredCluster } from './types.js';

/** What the rules need to know besides the body. */
export interface RuleContext {
  region: Region;
  now: number;
  backups: BackupTable;
  /** Extra properties (name → default), see rules-extra.ts. */
  extras: Readonly<Record<string, unknown>>;
  /** Behaviour.backupLatestLagMs: where an active backup's recovery window ends. */
  backupLagMs: number | null;
}

/** Either a normalised input or every problem found. */
export type Validation = { ok: true; input: ClusterInput } | { ok: false; problems: Problem[] };

function isRecord(value: unknown): value is RawProps {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the properties of a new cluster (POST, PUT on an unknown id, or a seed without credentials). */
export function validateCreate(body: unknown, ctx: RuleContext, opts: { requireCredentials: boolean }): Validation {
  const out: Problem[] = [];
  const { raw, values } = separate(body, ctx, out);
  checkValue(CLUSTER_RULE, raw, 'properties', out);
  if (!isRecord(raw)) return { ok: false, problems: out };
  checkCommonRules(raw, ctx.region, out);
  if (opts.requireCredentials && (raw['credentials'] === undefined || raw['credentials'] === null)) {
    out.push({ errorCode: 'REQUIRED_FIELD', message: 'properties.credentials: is required when creating a cluster' });
  }
  checkCreateRestore(raw, ctx, out);
  return finish(raw, values, ctx, out);
}

function separate(body: unknown, ctx: RuleContext, out: Problem[]): { raw: unknown; values: Record<string, unknown> } {
  if (!isRecord(body)) return { raw: body, values: {} };
  const { known, values } = splitExtras(body, ctx.extras, out);
  return { raw: known, values };
}

function finish(raw: RawProps, values: Record<string, unknown>, ctx: RuleContext, out: Problem[]): Validation {
  if (out.length > 0) return { ok: false, problems: out };
  const input = normalizeInput(raw);
  addExtras(input.properties, values, ctx.extras);
  return { ok: true, input };
}

/** Checks a full replacement of `existing` (PUT on a known id). */
export function validateReplace(body: unknown, existing: StoredCluster, ctx: RuleContext): Validation {
  const out: Problem[] = [];
  const { raw, values } = separate(body, ctx, out);
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
  return finish(raw, values, ctx, out);
}

/**
 * Shape-only check for out-of-band edits (console edits may do what the API refuses, e.g. tests of drift); returns
 * the normalised properties (extra properties included) or every problem.
 */
export function validateEdit(
  body: unknown,
  extras: Readonly<Record<string, unknown>>,
): { ok: true; properties: ClusterProperties } | { ok: false; problems: Problem[] } {
  const out: Problem[] = [];
  const { known: raw, values } = isRecord(body) ? splitExtras(body, extras, out) : { known: body, values: {} };
  checkValue(CLUSTER_RULE, raw, 'properties', out);
  if (out.length > 0 || !isRecord(raw)) return { ok: false, problems: out };
  return { ok: true, properties: addExtras(normalizeInput(raw).properties, values, extras) };
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
  const found = ctx.backups.get(sourceId);
  const backup = found !== undefined && isVisible(found, ctx.now) ? found : undefined;
  if (backup === undefined) {
    out.push({
      errorCode: 'BACKUP_NOT_FOUND',
      message: `${path}.sourceBackupId: no backup ${sourceId} in ${ctx.region}`,
    });
    return;
  }
  const target = readPath(raw, 'restoreFromBackup', 'recoveryTargetDatetime');
  checkBackupWindow(`${path}.recoveryTargetDatetime`, target, backup, ctx, out);
}

function checkBackupWindow(
  path: string,
  target: unknown,
  backup: StoredBackup,
  ctx: RuleContext,
  out: Problem[],
): void {
  const window = windowOf(backup, ctx.now, ctx.backupLagMs);
  checkWindow(path, target, window.earliest, window.latest ?? ctx.now, out);
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
  const backup = ctx.backups.ofCluster(existing.id);
  if (backup === undefined || !isVisible(backup, ctx.now)) {
    out.push({ errorCode: 'BACKUP_NOT_FOUND', message: `${path}: the cluster has no active backup to restore from` });
    return;
  }
  checkBackupWindow(`${path}.recoveryTargetDatetime`, target, backup, ctx, out);
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
