import type { ClusterProperties, ClusterRead, Region } from '../../../src/api/types.js';
import type { ClusterApi } from '../../../src/apply/cluster-api.js';
import { ApiError, NetworkError } from '../../../src/errors.js';

/** A cluster of the fake, with a state that settles when the virtual clock reaches `until`. */
interface FakeCluster {
  read: ClusterRead;
  /** While busy: the state now, and what it becomes at `until` (GONE removes the cluster). */
  busy?: { state: string; until: number; after: string };
}

/**
 * An in-memory v2 API on the test's virtual clock: PUT creates (PROVISIONING) or replaces (UPDATING), DELETE
 * destroys (DESTROYING, then gone), writes to a busy cluster answer 409, every call is logged. Faults are switches.
 */
export class FakeClusterApi implements ClusterApi {
  readonly clusters = new Map<string, FakeCluster>();
  readonly calls: string[] = [];
  /** How long a write keeps a cluster busy. */
  delayMs = 2000;
  /** Whether PUT on an unknown id creates (the emulator's guess); false: 404, creates go by POST. */
  putCreates = true;
  /** Ids the API refuses (409) because they were used before. */
  readonly burnedIds = new Set<string>();
  /** Whether a deleted cluster's id is refused from then on (a guess about the real API; both are tested). */
  burnDeletedIds = false;
  /** The next PUT/POST is applied, but its response is lost (the client sees a connection reset). */
  loseNextResponse = false;
  /** Runs before the next write is handled (a console edit landing between apply's read and its write). */
  beforeNextWrite: (() => void) | null = null;
  private posted = 0;
  private readonly clock: () => number;

  constructor(clock: () => number) {
    this.clock = clock;
  }

  seed(read: ClusterRead, busy?: FakeCluster['busy']): void {
    this.clusters.set(read.id, busy ? { read, busy } : { read });
  }

  /** An out-of-band edit: new properties, a new lastModified*. */
  edit(id: string, change: (p: ClusterProperties) => ClusterProperties, by = 'bob@example.com'): void {
    const entry = this.clusters.get(id)!;
    entry.read = {
      ...entry.read,
      properties: change(structuredClone(entry.read.properties)),
      metadata: this.touched(entry.read, by),
    };
  }

  async listClusters(_region: Region, opts?: { nameContains?: string | undefined }): Promise<ClusterRead[]> {
    this.calls.push(opts?.nameContains === undefined ? 'LIST' : `LIST ${opts.nameContains}`);
    const all = [...this.clusters.keys()].map((id) => this.observe(id)).filter((c): c is ClusterRead => c !== null);
    return all.filter((c) => opts?.nameContains === undefined || c.properties.name.includes(opts.nameContains));
  }

  async getCluster(_region: Region, id: string): Promise<ClusterRead | null> {
    this.calls.push(`GET ${id}`);
    return this.observe(id);
  }

  async putCluster(region: Region, id: string, properties: ClusterProperties): Promise<ClusterRead> {
    this.calls.push(`PUT ${id}`);
    this.runHook();
    const existing = this.observe(id);
    if (this.burnedIds.has(id) && existing === null) throw conflict('PUT');
    if (existing === null && !this.putCreates) throw notFound();
    if (existing && existing.metadata.state !== 'AVAILABLE' && existing.metadata.state !== 'FAILED')
      throw conflict('PUT');
    const { credentials: _c, ...readable } = properties;
    const read = this.write(
      region,
      id,
      readable as ClusterProperties,
      existing ? 'UPDATING' : 'PROVISIONING',
      existing,
    );
    return this.answer(read);
  }

  async postCluster(region: Region, properties: ClusterProperties): Promise<ClusterRead> {
    this.calls.push('POST');
    this.runHook();
    const { credentials: _c, ...readable } = properties;
    const id = `post-${String(++this.posted).padStart(4, '0')}`;
    return this.answer(this.write(region, id, readable as ClusterProperties, 'PROVISIONING', null));
  }

  async deleteCluster(_region: Region, id: string): Promise<'deleted' | 'not-found'> {
    this.calls.push(`DELETE ${id}`);
    this.runHook();
    const existing = this.observe(id);
    if (existing === null) return 'not-found';
    if (existing.metadata.state !== 'AVAILABLE' && existing.metadata.state !== 'FAILED') throw conflict('DELETE');
    const entry = this.clusters.get(id)!;
    entry.read = { ...entry.read, metadata: { ...this.touched(entry.read, 'api@example.com'), state: 'DESTROYING' } };
    entry.busy = { state: 'DESTROYING', until: this.clock() + this.delayMs, after: 'GONE' };
    if (this.burnDeletedIds) this.burnedIds.add(id);
    return 'deleted';
  }

  /** The cluster as a read now sees it (settling busy states whose time has come). */
  observe(id: string): ClusterRead | null {
    const entry = this.clusters.get(id);
    if (!entry) return null;
    if (entry.busy && this.clock() >= entry.busy.until) {
      if (entry.busy.after === 'GONE') {
        this.clusters.delete(id);
        return null;
      }
      entry.read = { ...entry.read, metadata: { ...entry.read.metadata, state: entry.busy.after as never } };
      delete entry.busy;
    }
    return structuredClone(entry.read);
  }

  private write(
    region: Region,
    id: string,
    properties: ClusterProperties,
    state: string,
    existing: ClusterRead | null,
  ) {
    const base: ClusterRead = existing ?? {
      id,
      type: 'cluster',
      href: `/${region}/clusters/${id}`,
      metadata: {},
      properties,
    };
    const read: ClusterRead = {
      ...base,
      properties,
      metadata: { ...this.touched(base, 'api@example.com'), state: state as never },
    };
    this.clusters.set(id, { read, busy: { state, until: this.clock() + this.delayMs, after: 'AVAILABLE' } });
    return read;
  }

  private touched(read: ClusterRead, by: string): ClusterRead['metadata'] {
    return {
      ...read.metadata,
      lastModifiedBy: by,
      lastModifiedDate: new Date(this.clock() + Date.UTC(2026, 11, 1)).toISOString(),
    };
  }

  private runHook(): void {
    const hook = this.beforeNextWrite;
    this.beforeNextWrite = null;
    hook?.();
  }

  private answer(read: ClusterRead): ClusterRead {
    if (!this.loseNextResponse) return structuredClone(read);
    this.loseNextResponse = false;
    throw new NetworkError({ method: 'PUT', url: read.href }, 'ECONNRESET');
  }
}

function conflict(method: string): ApiError {
  return new ApiError({ method, url: '/x' }, { status: 409, errorCode: 'CONFLICT', message: 'busy or taken' });
}

function notFound(): ApiError {
  return new ApiError({ method: 'PUT', url: '/x' }, { status: 404, errorCode: 'NOT_FOUND', message: 'not found' });
}
