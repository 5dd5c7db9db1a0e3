import { posix, win32 } from 'node:path';
import type { ClusterBackup, MaintenanceWindow } from '../api/types.js';
import { SPEC_DEFAULTS } from './defaults.js';
import type { ParsedDocument, SpecDocument } from './document.js';
import { clusterPositions, documentSource } from './positions.js';
import type { ClusterPolicy, DesiredCluster, DesiredProperties, PasswordRef } from './types.js';

type Spec = SpecDocument['spec'];
/** Returns the value, or records the pointer as defaulted and returns the default. */
type OrDefault = <T>(value: T | undefined, fallback: T, pointer: string) => T;

/**
 * A valid document (it passed the schema) as the planner wants it: v2 properties with every default filled in and
 * recorded in `defaulted`, the legacy backupLocation read as backup.location, positions of every field. Builds new
 * objects throughout: the parsed document is never modified and never shared.
 */
export function normalizeDocument(doc: ParsedDocument): DesiredCluster {
  const { metadata, spec, policy } = doc.value as SpecDocument;
  const defaulted: string[] = [];
  const orDefault: OrDefault = (value, fallback, pointer) => {
    if (value !== undefined) return value;
    defaulted.push(pointer);
    return fallback;
  };
  const cluster: DesiredCluster = {
    address: `${metadata.region}/${metadata.name}`,
    region: metadata.region,
    name: metadata.name,
    properties: normalizeProperties(metadata.name, spec, doc.file, orDefault),
    defaulted,
    policy: normalizePolicy(policy),
    source: documentSource(doc),
    positions: clusterPositions(doc),
  };
  // UUIDs are compared case-insensitively; the API writes them in lower case.
  if (metadata.id !== undefined) cluster.id = metadata.id.toLowerCase();
  return cluster;
}

/** The v2 `Cluster` properties in the API's field order; `defaulted` follows that order too. */
function normalizeProperties(name: string, spec: Spec, file: string, orDefault: OrDefault): DesiredProperties {
  const { instances: i, connection: c, credentials } = spec;
  const properties: DesiredProperties = {
    name,
    description: orDefault(spec.description, SPEC_DEFAULTS.description, '/description'),
    version: spec.version,
    instances: { count: i.count, cores: i.cores, ram: i.ram, storageSize: i.storageSize },
    connection: { datacenterId: c.datacenterId, lanId: c.lanId, primaryInstanceAddress: c.primaryInstanceAddress },
    maintenanceWindow: orDefault(
      copyWindow(spec.maintenanceWindow),
      { ...SPEC_DEFAULTS.maintenanceWindow },
      '/maintenanceWindow',
    ),
    replicationMode: orDefault(spec.replicationMode, SPEC_DEFAULTS.replicationMode, '/replicationMode'),
    connectionPooler: orDefault(spec.connectionPooler, SPEC_DEFAULTS.connectionPooler, '/connectionPooler'),
    logsEnabled: orDefault(spec.logsEnabled, SPEC_DEFAULTS.logsEnabled, '/logsEnabled'),
    metricsEnabled: orDefault(spec.metricsEnabled, SPEC_DEFAULTS.metricsEnabled, '/metricsEnabled'),
    backup: normalizeBackup(spec, orDefault),
    credentials: {
      username: credentials.username,
      database: credentials.database,
      password: normalizePassword(credentials.password, file),
    },
  };
  if (spec.restoreFromBackup !== undefined) {
    const { sourceBackupId, recoveryTargetDatetime } = spec.restoreFromBackup;
    properties.restoreFromBackup =
      recoveryTargetDatetime === undefined ? { sourceBackupId } : { sourceBackupId, recoveryTargetDatetime };
  }
  return properties;
}

function copyWindow(window: MaintenanceWindow | undefined): MaintenanceWindow | undefined {
  return window === undefined ? undefined : { dayOfTheWeek: window.dayOfTheWeek, time: window.time };
}

function normalizeBackup(spec: Spec, orDefault: OrDefault): ClusterBackup {
  // The schema lets exactly one of backup and backupLocation through.
  const location = spec.backup?.location ?? spec.backupLocation ?? '';
  const retentionDays = orDefault(
    spec.backup?.retentionDays,
    SPEC_DEFAULTS.backup.retentionDays,
    '/backup/retentionDays',
  );
  return { location, retentionDays };
}

function normalizePolicy(policy: Partial<ClusterPolicy> | undefined): ClusterPolicy {
  const defaults = SPEC_DEFAULTS.policy;
  return {
    ensure: policy?.ensure ?? defaults.ensure,
    preventDestroy: policy?.preventDestroy ?? defaults.preventDestroy,
    allowReplace: policy?.allowReplace ?? defaults.allowReplace,
  };
}

/**
 * A relative fromFile is relative to the spec file's directory; it is stored relative to the working directory (where
 * pgensure runs, and what `file` is relative to) with posix separators, so the plan shows a path that works there.
 */
export function normalizePassword(password: PasswordRef, file: string): PasswordRef {
  if ('fromEnv' in password) return { fromEnv: password.fromEnv };
  const path = password.fromFile;
  if (posix.isAbsolute(path) || win32.isAbsolute(path)) return { fromFile: path };
  return { fromFile: posix.normalize(posix.join(posix.dirname(file), path)) };
}
