/** The emulator's in-memory state: clusters and backups per region, and every mutation of them. */
import { type ClusterProperties, type Credentials, REGIONS, type Region } from '../api/types.js';
import { BackupTable, firstBackupAt, isVisible } from './backups.js';
import {
  type Failure,
  failNow,
  type Observation,
  observeCluster,
  seedTimeline,
  startDelete,
  startWrite,
} from './lifecycle.js';
import { generateAlnum, generateUuidV4, type Random } from './random.js';
import type { Settings } from './settings.js';
import { ClusterTable } from './tables.js';
import type { Hold, StoredBackup, StoredCluster, Timeline } from './types.js';

/** The identity every write through the API is attributed to. */
export const API_IDENTITY = 'api-user@example.com';
/** The default identity of seeded ("created elsewhere") clusters and console edits. */
export const CONSOLE_IDENTITY = 'console-user@example.com';

/** Validated cluster input: readable properties (defaults filled) and the write-only credentials. */
export interface ClusterInput {
  properties: ClusterProperties;
  credentials?: Credentials;
}

/** The tables of one region. */
export interface RegionTables {
  clusters: ClusterTable;
  backups: BackupTable;
}

/** The persisted form of the store. */
export interface StoreSnapshot {
  formatVersion: 1;
  regions: Partial<Record<Region, { clusters: StoredCluster[]; backups: StoredBackup[] }>>;
}

/** What the store needs from outside: a clock, randomness, the busy delay, the settings and a mutation hook. */
export interface StoreDeps {
  now: () => number;
  random: Random;
  delayMs: number;
  settings: Settings;
  onMutate: () => void;
}

/** Clusters and backups of all nine regions; every mutation calls `onMutate` (persistence hooks in there). */
export class EmulatorStore {
  private readonly tables = new Map<Region, RegionTables>();

  private readonly deps: StoreDeps;
  /** Every cluster id ever created (for the `reuseDeletedIds: refuse` alternative). */
  private readonly usedIds = new Set<string>();

  constructor(deps: StoreDeps) {
    this.deps = deps;
    for (const region of REGIONS) this.tables.set(region, { clusters: new ClusterTable(), backups: new BackupTable() });
  }

  now(): number {
    return this.deps.now();
  }

  /** Whether a cluster with this id existed at some time (it may be gone now). */
  wasUsed(id: string): boolean {
    return this.usedIds.has(id.toLowerCase());
  }

  get settings(): Settings {
    return this.deps.settings;
  }

  newId(): string {
    return generateUuidV4(this.deps.random);
  }

  region(region: Region): RegionTables {
    // Every region is created in the constructor, so the lookup cannot miss.
    return this.tables.get(region)!;
  }

  find(region: Region, id: string): StoredCluster | undefined {
    return this.region(region).clusters.get(id, this.now());
  }

  /** A new cluster (PROVISIONING unless `timeline` says otherwise) plus its first backup (once it is AVAILABLE). */
  create(region: Region, id: string, input: ClusterInput, by: string, opts: CreateOptions = {}): StoredCluster {
    this.usedIds.add(id.toLowerCase());
    const now = this.now();
    const cluster: StoredCluster = {
      id,
      region,
      properties: input.properties,
      createdAt: now,
      createdBy: by,
      lastModifiedAt: now,
      lastModifiedBy: by,
      dnsName: `pg-${generateAlnum(this.deps.random, 16)}.postgresql.${region}.ionos.com`,
      timeline: opts.timeline ?? startWrite('PROVISIONING', now, this.deps.delayMs, opts.failure),
    };
    if (opts.hold !== undefined) cluster.hold = opts.hold;
    if (input.credentials !== undefined) cluster.credentials = input.credentials;
    this.region(region).clusters.add(cluster);
    this.startBackup(cluster, this.firstBackupAt(cluster.timeline));
    this.deps.onMutate();
    return cluster;
  }

  /** A full replacement (PUT on an existing cluster): UPDATING, then AVAILABLE (or FAILED). */
  replace(cluster: StoredCluster, input: ClusterInput, by: string, failure?: Failure): void {
    const now = this.now();
    const upgraded = input.properties.version !== cluster.properties.version;
    cluster.properties = input.properties;
    // Omitted credentials keep the stored ones (the real API's behaviour is undocumented).
    if (input.credentials !== undefined) cluster.credentials = input.credentials;
    this.touch(cluster, by, now);
    delete cluster.hold;
    cluster.timeline = startWrite('UPDATING', now, this.deps.delayMs, failure);
    const backup = this.region(cluster.region).backups.ofCluster(cluster.id);
    if (backup !== undefined) backup.retentionDays = input.properties.backup.retentionDays;
    // A major version upgrade starts a new backup chain; the old one stays, inactive [choice].
    if (upgraded && backup !== undefined) {
      this.stopBackup(cluster, backup, now);
      this.startBackup(cluster, this.firstBackupAt(cluster.timeline));
    } else this.rescheduleFirstBackup(cluster);
    this.deps.onMutate();
  }

  /** DELETE: DESTROYING, then gone; a visible backup stays, inactive, until it leaves retention. */
  remove(cluster: StoredCluster, by: string): void {
    const now = this.now();
    this.touch(cluster, by, now);
    delete cluster.hold;
    cluster.timeline = startDelete(now, this.deps.delayMs);
    const tables = this.region(cluster.region);
    tables.clusters.markDestroying(cluster.id);
    const backup = tables.backups.ofCluster(cluster.id);
    if (backup !== undefined) this.stopBackup(cluster, backup, now);
    this.deps.onMutate();
  }

  /** An out-of-band ("console") edit: new properties, no state change; `at` defaults to now. */
  edit(cluster: StoredCluster, properties: ClusterProperties, by: string, at = this.now()): void {
    cluster.properties = properties;
    this.touch(cluster, by, Math.max(at, cluster.lastModifiedAt));
    this.deps.onMutate();
  }

  /** An out-of-band failure; not a modification, so lastModified* stay. */
  fail(cluster: StoredCluster, failure: Failure): void {
    delete cluster.hold;
    cluster.timeline = failNow(this.now(), failure);
    this.rescheduleFirstBackup(cluster);
    this.deps.onMutate();
  }

  /** Forces a shown state (or ends it with `undefined`); not a modification. */
  setHold(cluster: StoredCluster, hold: Hold | undefined): void {
    if (hold === undefined) delete cluster.hold;
    else cluster.hold = hold;
    this.deps.onMutate();
  }

  /** The cluster's active backup, if it has one (possibly not visible yet). */
  activeBackup(cluster: StoredCluster): StoredBackup | undefined {
    return this.region(cluster.region).backups.ofCluster(cluster.id);
  }

  /** The active backup stops archiving at `at`: its latest recovery point stays there (the chain began no later). */
  stallBackup(backup: StoredBackup, at: number): void {
    backup.createdAt = Math.min(backup.createdAt, at);
    backup.stalledAt = at;
    this.deps.onMutate();
  }

  /** Deletes the cluster's active backup record. */
  removeBackup(cluster: StoredCluster, backup: StoredBackup): void {
    this.region(cluster.region).backups.remove(backup);
    this.deps.onMutate();
  }

  /** Backups work again: the stall ends, or a fresh active backup starts now if there is none. */
  resumeBackup(cluster: StoredCluster): void {
    const backup = this.activeBackup(cluster);
    if (backup === undefined) this.startBackup(cluster, this.now());
    else delete backup.stalledAt;
    this.deps.onMutate();
  }

  /** The timeline a seeded cluster starts with, by requested state. */
  seedTimeline(state: string): Timeline {
    return seedTimeline(state, this.now(), this.deps.delayMs);
  }

  snapshot(): StoreSnapshot {
    const regions: StoreSnapshot['regions'] = {};
    const now = this.now();
    for (const [region, t] of this.tables) {
      regions[region] = { clusters: [...t.clusters.all(now)], backups: [...t.backups.all()] };
    }
    return { formatVersion: 1, regions };
  }

  /** Loads a snapshot into this (empty) store; clusters saved without an extra property get its default. */
  restore(snapshot: StoreSnapshot): void {
    for (const region of REGIONS) {
      const saved = snapshot.regions[region];
      if (saved === undefined) continue;
      const tables = this.region(region);
      for (const cluster of saved.clusters) {
        const properties = cluster.properties as unknown as Record<string, unknown>;
        for (const [key, value] of Object.entries(this.settings.extras)) properties[key] ??= structuredClone(value);
        tables.clusters.add(cluster);
      }
      for (const backup of saved.backups) tables.backups.add(backup);
    }
  }

  /** The state a client sees now. */
  observe(cluster: StoredCluster): Observation {
    return observeCluster(cluster, this.now());
  }

  private touch(cluster: StoredCluster, by: string, at: number): void {
    cluster.lastModifiedAt = at;
    cluster.lastModifiedBy = by;
  }

  private firstBackupAt(timeline: Timeline): number {
    return firstBackupAt(timeline, this.settings.behaviour.firstBackupDelayMs);
  }

  private startBackup(cluster: StoredCluster, createdAt: number): void {
    this.region(cluster.region).backups.add({
      id: this.newId(),
      clusterId: cluster.id,
      version: cluster.properties.version,
      location: cluster.properties.backup.location,
      isActive: true,
      createdAt,
      latestAt: null,
      retentionDays: cluster.properties.backup.retentionDays,
    });
  }

  /** A visible backup becomes inactive; one that never existed yet simply goes. */
  private stopBackup(cluster: StoredCluster, backup: StoredBackup, now: number): void {
    const table = this.region(cluster.region).backups;
    if (isVisible(backup, now)) table.deactivate(backup, now);
    else table.remove(backup);
  }

  /** A first backup still waiting for AVAILABLE follows the cluster's new timeline. */
  private rescheduleFirstBackup(cluster: StoredCluster): void {
    const backup = this.region(cluster.region).backups.ofCluster(cluster.id);
    if (backup !== undefined && backup.createdAt > this.now()) backup.createdAt = this.firstBackupAt(cluster.timeline);
  }
}

/** How `create` starts the cluster's life. */
export interface CreateOptions {
  failure?: Failure;
  timeline?: Timeline;
  hold?: Hold;
}
