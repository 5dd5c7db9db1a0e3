/** Out-of-band operations shared by the programmatic handle and the admin API: seed, console edit, fail, inspect. */
import { type ClusterProperties, type ClusterRead, type Credentials, REGIONS, type Region } from '../api/types.js';
import { normalizeProperties, validateCreate, validateShape } from './rules.js';
import { isUuid } from './rules-schema.js';
import { CONSOLE_IDENTITY, type EmulatorStore } from './store.js';
import type { Problem, SeedOptions, StoredCluster } from './types.js';
import { regionUrlOf, viewCluster } from './views.js';

/** A result, or an HTTP-like status with every problem (the admin API sends it, the programmatic API throws it). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; problems: Problem[] };

function refuse<T>(status: number, errorCode: string, message: string): Outcome<T> {
  return { ok: false, status, problems: [{ errorCode, message }] };
}

/** The out-of-band operations on a store. */
export class EmulatorControl {
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

  /** A cluster "created elsewhere": validated like a create, credentials optional, AVAILABLE unless told otherwise. */
  seed(region: Region, properties: unknown, opts: SeedOptions = {}): Outcome<ClusterRead> {
    const id = opts.id ?? this.store.newId();
    if (!isUuid(id)) return refuse(400, 'INVALID_ID', 'id: must be a UUID');
    if (this.store.find(region, id) !== undefined) return refuse(409, 'ALREADY_EXISTS', `cluster ${id} already exists`);
    const rules = { region, now: this.store.now(), backups: this.store.region(region).backups };
    const result = validateCreate(properties, rules, { requireCredentials: false });
    if (!result.ok) return { ok: false, status: 422, problems: result.problems };
    const timeline = this.store.seedTimeline(opts.state ?? 'AVAILABLE');
    const cluster = this.store.create(region, id, result.input, opts.by ?? CONSOLE_IDENTITY, { timeline });
    return { ok: true, value: this.read(cluster) };
  }

  /** A "console" edit: shape-checked only (so tests can make any drift), no state change, lastModifiedBy = by. */
  edit(region: Region, id: string, change: (p: ClusterProperties) => unknown, by: string): Outcome<ClusterRead> {
    const cluster = this.store.find(region, id);
    if (cluster === undefined) return refuse(404, 'NOT_FOUND', `cluster ${id} was not found in ${region}`);
    const next = change(structuredClone(cluster.properties));
    const problems = validateShape(next);
    if (problems.length > 0) return { ok: false, status: 422, problems };
    this.store.edit(cluster, normalizeProperties(next as ClusterProperties), by);
    return { ok: true, value: this.read(cluster) };
  }

  /** FAILED now with `message`; AVAILABLE again after recoverAfterMs if given. */
  fail(region: Region, id: string, message: string, recoverAfterMs?: number): Outcome<ClusterRead> {
    const cluster = this.store.find(region, id);
    if (cluster === undefined) return refuse(404, 'NOT_FOUND', `cluster ${id} was not found in ${region}`);
    this.store.fail(cluster, recoverAfterMs === undefined ? { message } : { message, recoverAfterMs });
    return { ok: true, value: this.read(cluster) };
  }

  /** Current readable state of one region, or of all regions in REGIONS order. */
  list(region?: Region): ClusterRead[] {
    const regions = region === undefined ? REGIONS : [region];
    const now = this.store.now();
    return regions.flatMap((r) =>
      this.store
        .region(r)
        .clusters.all(now)
        .map((c) => this.read(c)),
    );
  }

  credentialsOf(region: Region, id: string): Credentials | undefined {
    const credentials = this.store.find(region, id)?.credentials;
    return credentials === undefined ? undefined : { ...credentials };
  }
}
