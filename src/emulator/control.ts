/** Out-of-band operations shared by the programmatic handle and the admin API: seed, console edit, fail, hold, ... */
import {
  type BackupRead,
  CLUSTER_STATES,
  type ClusterProperties,
  type ClusterRead,
  type Credentials,
  REGIONS,
  type Region,
} from '../api/types.js';
import { isVisible, windowOf } from './backups.js';
import { validateCreate, validateEdit } from './rules.js';
import { isUuid } from './rules-schema.js';
import { expandSeedShorthand } from './seed-shorthand.js';
import { CONSOLE_IDENTITY, type EmulatorStore } from './store.js';
import type { HoldOptions, Problem, SeedOptions, StoredCluster } from './types.js';
import { regionUrlOf, viewBackup, viewCluster } from './views.js';

/** What `backup` does to a cluster's active backup. */
export type BackupChange = { action: 'stall'; agoMs: number } | { action: 'remove' } | { action: 'resume' };

/** A result, or an HTTP-like status with every problem (the admin API sends it, the programmatic API throws it). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; problems: Problem[] };

function refuse<T>(status: number, errorCode: string, message: string): Outcome<T> {
  return { ok: false, status, problems: [{ errorCode, message }] };
}

const STATE = /^[A-Z][A-Z0-9_]{0,39}$/;

/** A held or seeded state must look like an API state: upper case, digits and underscores. */
export function checkState(state: unknown): string | undefined {
  return typeof state === 'string' && STATE.test(state) ? undefined : `state: must match ${STATE.source}`;
}

/** The out-of-band operations on a store. `beforeAccess` runs due scheduled actions first (see start.ts). */
export class EmulatorControl {
  beforeAccess: () => void = () => {};

  private readonly store: EmulatorStore;
  private readonly url: () => string;

  constructor(store: EmulatorStore, url: () => string) {
    this.store = store;
    this.url = url;
  }

  /** A ClusterRead safe to hand out (a copy: callers may mutate it). */
  read(cluster: StoredCluster): ClusterRead {
    return structuredClone(viewCluster(cluster, this.store.observe(cluster), regionUrlOf(this.url(), cluster.region)));
  }

  /** A cluster "created elsewhere": seed shorthand expanded, validated like a create, credentials optional. */
  seed(region: Region, properties: unknown, opts: SeedOptions = {}): Outcome<ClusterRead> {
    this.beforeAccess();
    const id = opts.id ?? this.store.newId();
    if (!isUuid(id)) return refuse(400, 'INVALID_ID', 'id: must be a UUID');
    const state = opts.state ?? 'AVAILABLE';
    const badState = checkState(state);
    if (badState !== undefined) return refuse(400, 'INVALID_STATE', badState);
    if (this.store.find(region, id) !== undefined) return refuse(409, 'ALREADY_EXISTS', `cluster ${id} already exists`);
    const result = validateCreate(expandSeedShorthand(properties, this.store.settings.extras), this.rules(region), {
      requireCredentials: false,
    });
    if (!result.ok) return { ok: false, status: 422, problems: result.problems };
    const standard = (CLUSTER_STATES as readonly string[]).includes(state);
    const hold = opts.hold ?? (standard ? undefined : {});
    const cluster = this.store.create(region, id, result.input, opts.by ?? CONSOLE_IDENTITY, {
      timeline: this.store.seedTimeline(state),
      ...(hold === undefined ? {} : { hold: this.holdOf({ ...hold, state }) }),
    });
    return { ok: true, value: this.read(cluster) };
  }

  /** A "console" edit: shape-checked only (so tests can make any drift), no state change, lastModifiedBy = by. */
  edit(
    region: Region,
    id: string,
    change: (p: ClusterProperties) => unknown,
    by: string,
    at?: number,
  ): Outcome<ClusterRead> {
    this.beforeAccess();
    const cluster = this.store.find(region, id);
    if (cluster === undefined) return notFound(region, id);
    const result = validateEdit(change(structuredClone(cluster.properties)), this.store.settings.extras);
    if (!result.ok) return { ok: false, status: 422, problems: result.problems };
    this.store.edit(cluster, result.properties, by, at);
    return { ok: true, value: this.read(cluster) };
  }

  /** FAILED now with `message`; AVAILABLE again after recoverAfterMs if given. Ends a hold. */
  fail(region: Region, id: string, message: string, recoverAfterMs?: number): Outcome<ClusterRead> {
    this.beforeAccess();
    const cluster = this.store.find(region, id);
    if (cluster === undefined) return notFound(region, id);
    this.store.fail(cluster, recoverAfterMs === undefined ? { message } : { message, recoverAfterMs });
    return { ok: true, value: this.read(cluster) };
  }

  /** Shows `state` (default UPDATING) until released or `forMs`; the cluster refuses writes unless AVAILABLE/FAILED. */
  hold(region: Region, id: string, opts: HoldOptions = {}): Outcome<ClusterRead> {
    this.beforeAccess();
    const cluster = this.store.find(region, id);
    if (cluster === undefined) return notFound(region, id);
    const badState = checkState(opts.state ?? 'UPDATING');
    if (badState !== undefined) return refuse(400, 'INVALID_STATE', badState);
    this.store.setHold(cluster, this.holdOf(opts));
    return { ok: true, value: this.read(cluster) };
  }

  release(region: Region, id: string): Outcome<ClusterRead> {
    this.beforeAccess();
    const cluster = this.store.find(region, id);
    if (cluster === undefined) return notFound(region, id);
    this.store.setHold(cluster, undefined);
    return { ok: true, value: this.read(cluster) };
  }

  /** A console delete: DESTROYING now whatever the state (the console does not ask the API's busy rule). */
  remove(region: Region, id: string, by: string = CONSOLE_IDENTITY): Outcome<ClusterRead> {
    this.beforeAccess();
    const cluster = this.store.find(region, id);
    if (cluster === undefined) return notFound(region, id);
    this.store.remove(cluster, by);
    return { ok: true, value: this.read(cluster) };
  }

  /** Backup controls, for the `status` command's tests: stall the active backup, remove it, or resume backups. */
  backup(region: Region, id: string, change: BackupChange): Outcome<BackupRead[]> {
    this.beforeAccess();
    const cluster = this.store.find(region, id);
    if (cluster === undefined) return notFound(region, id);
    const backup = this.store.activeBackup(cluster);
    if (change.action === 'resume') this.store.resumeBackup(cluster);
    else if (backup === undefined || !isVisible(backup, this.store.now())) {
      return refuse(409, 'NO_ACTIVE_BACKUP', `cluster ${id} has no active backup (yet)`);
    } else if (change.action === 'remove') this.store.removeBackup(cluster, backup);
    else this.store.stallBackup(backup, this.store.now() - change.agoMs);
    return { ok: true, value: this.listBackups(region).filter((b) => b.properties.clusterId === id) };
  }

  /** Current readable state of one region, or of all regions in REGIONS order. */
  list(region?: Region): ClusterRead[] {
    this.beforeAccess();
    const regions = region === undefined ? REGIONS : [region];
    const now = this.store.now();
    return regions.flatMap((r) =>
      this.store
        .region(r)
        .clusters.all(now)
        .map((c) => this.read(c)),
    );
  }

  /** What GET /backups shows now, per region in REGIONS order. */
  listBackups(region?: Region): BackupRead[] {
    this.beforeAccess();
    const now = this.store.now();
    const lag = this.store.settings.behaviour.backupLatestLagMs;
    return (region === undefined ? REGIONS : [region]).flatMap((r) =>
      this.store
        .region(r)
        .backups.all()
        .filter((b) => isVisible(b, now))
        .map((b) => structuredClone(viewBackup(b, regionUrlOf(this.url(), r), windowOf(b, now, lag)))),
    );
  }

  credentialsOf(region: Region, id: string): Credentials | undefined {
    const credentials = this.store.find(region, id)?.credentials;
    return credentials === undefined ? undefined : { ...credentials };
  }

  private rules(region: Region) {
    const { store } = this;
    const { extras, behaviour } = store.settings;
    const backups = store.region(region).backups;
    return { region, now: store.now(), backups, extras, backupLagMs: behaviour.backupLatestLagMs };
  }

  private holdOf(opts: HoldOptions) {
    const until = opts.forMs === undefined ? null : this.store.now() + opts.forMs;
    const hold = { state: opts.state ?? 'UPDATING', until };
    return opts.statusMessage === undefined ? hold : { ...hold, statusMessage: opts.statusMessage };
  }
}

function notFound<T>(region: Region, id: string): Outcome<T> {
  return refuse(404, 'NOT_FOUND', `cluster ${id} was not found in ${region}`);
}
