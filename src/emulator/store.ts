/** The emulator's in-memory state: clusters and backups per region, and every mutation of them. */
import { type ClusterProperties, type ClusterState, type Credentials, REGIONS, type Region } from '../api/types.js';
import { availableTimeline, type Failure, failNow, observeTimeline, startDelete, startWrite } from './lifecycle.js';
import { generateAlnum, generateUuidV4, type Random } from './random.js';
import { BackupTable, ClusterTable } from './tables.js';
import type { StoredBackup, StoredCluster, Timeline } from './types.js';

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

/** What the store needs from outside: a clock, randomness, the busy delay and a mutation hook. */
export interface StoreDeps {
  now: () => number;
  random: Random;
  delayMs: number;
  onMutate: () => void;
}

/** Clusters and backups of all nine regions; every mutation calls `onMutate` (persistence hooks in there). */
export class EmulatorStore {
  private readonly tables = new Map<Region, RegionTables>();

  private readonly deps: StoreDeps;

  constructor(deps: StoreDeps) {
    this.deps = deps;
    for (const region of REGIONS) this.tables.set(region, { clusters: new ClusterTable(), backups: new BackupTable() });
  }

  now(): number {
    return this.deps.now();
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

  /** A new cluster (PROVISIONING unless `timeline` says otherwise) plus its active backup record. */
  create(region: Region, id: string, input: ClusterInput, by: string, opts: CreateOptions = {}): StoredCluster {
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
    if (input.credentials !== undefined) cluster.credentials = input.credentials;
    const tables = this.region(region);
    tables.clusters.add(cluster);
    tables.backups.add(this.newBackup(cluster, now));
    this.deps.onMutate();
    return cluster;
  }

  /** A full replacement (PUT on an existing cluster): UPDATING, then AVAILABLE (or FAILED). */
  replace(cluster: StoredCluster, input: ClusterInput, by: string, failure?: Failure): void {
    const now = this.now();
    cluster.properties = input.properties;
    // Omitted credentials keep the stored ones (the real API's behaviour is undocumented).
    if (input.credentials !== undefined) cluster.credentials = input.credentials;
    this.touch(cluster, by, now);
    cluster.timeline = startWrite('UPDATING', now, this.deps.delayMs, failure);
    this.deps.onMutate();
  }

  /** DELETE: DESTROYING, then gone; the backup record stays, inactive and bounded. */
  remove(cluster: StoredCluster, by: string): void {
    const now = this.now();
    this.touch(cluster, by, now);
    cluster.timeline = startDelete(now, this.deps.delayMs);
    const tables = this.region(cluster.region);
    tables.clusters.markDestroying(cluster.id);
    const backup = tables.backups.ofCluster(cluster.id);
    if (backup !== undefined) {
      backup.isActive = false;
      backup.latestAt = now;
    }
    this.deps.onMutate();
  }

  /** An out-of-band ("console") edit: new properties, no state change. */
  edit(cluster: StoredCluster, properties: ClusterProperties, by: string): void {
    cluster.properties = properties;
    this.touch(cluster, by, this.now());
    this.deps.onMutate();
  }

  /** An out-of-band failure; not a modification, so lastModified* stay. */
  fail(cluster: StoredCluster, failure: Failure): void {
    cluster.timeline = failNow(this.now(), failure);
    this.deps.onMutate();
  }

  /** The timeline a seeded cluster starts with, by requested state. */
  seedTimeline(state: ClusterState): Timeline {
    const now = this.now();
    if (state === 'AVAILABLE') return availableTimeline(now);
    if (state === 'FAILED') return failNow(now, { message: 'the cluster failed (seeded in state FAILED)' });
    if (state === 'DESTROYING') return startDelete(now, this.deps.delayMs);
    return startWrite(state, now, this.deps.delayMs);
  }

  snapshot(): StoreSnapshot {
    const regions: StoreSnapshot['regions'] = {};
    const now = this.now();
    for (const [region, t] of this.tables) {
      regions[region] = { clusters: [...t.clusters.all(now)], backups: [...t.backups.all()] };
    }
    return { formatVersion: 1, regions };
  }

  /** Loads a snapshot into this (empty) store. */
  restore(snapshot: StoreSnapshot): void {
    for (const region of REGIONS) {
      const saved = snapshot.regions[region];
      if (saved === undefined) continue;
      const tables = this.region(region);
      for (const cluster of saved.clusters) tables.clusters.add(cluster);
      for (const backup of saved.backups) tables.backups.add(backup);
    }
  }

  /** The state a client sees now. */
  observe(cluster: StoredCluster): ReturnType<typeof observeTimeline> {
    return observeTimeline(cluster.timeline, this.now());
  }

  private touch(cluster: StoredCluster, by: string, now: number): void {
    cluster.lastModifiedAt = now;
    cluster.lastModifiedBy = by;
  }

  private newBackup(cluster: StoredCluster, now: number): StoredBackup {
    return {
      id: this.newId(),
      clusterId: cluster.id,
      version: cluster.properties.version,
      location: cluster.properties.backup.location,
      isActive: true,
      createdAt: now,
      latestAt: null,
    };
  }
}

/** How `create` starts the cluster's life. */
export interface CreateOptions {
  failure?: Failure;
  timeline?: Timeline;
}
