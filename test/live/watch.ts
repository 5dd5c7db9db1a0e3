/** Watches the scratch cluster (by exact name) while the CLI works, so the suite sees every state and can act in one. */
import type { RawApi } from './api.js';
import { type ListedCluster, listClusters } from './scratch.js';

type Listener = (cluster: ListedCluster) => Promise<void>;

/** Polls `GET /clusters?filter.name=NAME`; remembers the states and lastModifiedDates seen. */
export class ScratchWatcher {
  readonly states = new Set<string>();
  readonly modified: string[] = [];
  latest: ListedCluster | undefined;
  private readonly listeners = new Map<string, Listener>();
  private readonly pending: Promise<void>[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private readonly api: RawApi;
  private readonly name: string;
  private readonly pollMs: number;

  constructor(api: RawApi, name: string, pollMs: number) {
    this.api = api;
    this.name = name;
    this.pollMs = pollMs;
  }

  /** Runs `action` once, the first time the cluster is seen in `state`. */
  once(state: string, action: Listener): void {
    this.listeners.set(state, action);
  }

  start(): void {
    this.running = true;
    void this.tick();
  }

  /** Stops polling and waits for the actions it started. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await Promise.all(this.pending);
    this.listeners.clear();
  }

  /** One look now (also used between steps). */
  async look(): Promise<ListedCluster | undefined> {
    const [cluster] = await listClusters(this.api, this.name, (n) => n === this.name);
    this.latest = cluster;
    if (cluster === undefined) return undefined;
    if (cluster.state !== '') this.states.add(cluster.state);
    const modified = (cluster.raw.metadata as { lastModifiedDate?: unknown } | undefined)?.lastModifiedDate;
    if (typeof modified === 'string' && this.modified.at(-1) !== modified) this.modified.push(modified);
    const action = this.listeners.get(cluster.state);
    if (action !== undefined) {
      this.listeners.delete(cluster.state);
      this.pending.push(action(cluster).catch(() => undefined));
    }
    return cluster;
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    try {
      await this.look();
    } catch {
      // A failed poll is not a finding: the CLI's own result says whether the step worked.
    }
    if (this.running) this.timer = setTimeout(() => void this.tick(), this.pollMs);
  }
}
