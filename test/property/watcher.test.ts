import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterRead, ClusterState, Region } from '../../src/api/types.js';
import type { ClusterApi } from '../../src/apply/cluster-api.js';
import { RegionWatcher } from '../../src/apply/watcher.js';

/**
 * A cluster API whose reads stay pending until the test answers them. A read reports the state as it was when the
 * read was *sent*, as a real server answering a request that raced a write would.
 */
class SteppedApi implements ClusterApi {
  readonly states = new Map<string, ClusterState>();
  readonly #pending: (() => void)[] = [];

  async listClusters(): Promise<ClusterRead[]> {
    return new Promise((resolve) =>
      this.#pending.push(() => resolve([...this.states.keys()].map((id) => this.#read(id)!))),
    );
  }
  async getCluster(_region: Region, id: string): Promise<ClusterRead | null> {
    const snapshot = this.#read(id);
    return new Promise((resolve) => this.#pending.push(() => resolve(snapshot)));
  }
  async putCluster(): Promise<ClusterRead> {
    throw new Error('not used');
  }
  async deleteCluster(): Promise<'deleted'> {
    throw new Error('not used');
  }

  /** Answers every read in flight, then lets the watcher react. */
  async answerAll(): Promise<void> {
    for (const answer of this.#pending.splice(0)) answer();
    await new Promise((resolve) => setImmediate(resolve));
  }

  #read(id: string): ClusterRead | null {
    const state = this.states.get(id);
    if (!state) return null;
    return { id, type: 'cluster', href: '', metadata: { state }, properties: { name: id } } as unknown as ClusterRead;
  }
}

const OPTIONS = {
  pollIntervalMs: 1,
  maxPollIntervalMs: 1,
  failedGraceMs: 0,
  // A frozen clock: every write, wait and read happens "in the same millisecond", which real clocks do too.
  now: () => 1_000,
  sleep: () => new Promise<void>((resolve) => setImmediate(resolve)),
};

describe('RegionWatcher (property)', () => {
  it('never judges a wait by a read that was already in flight when the wait began', async () => {
    // 'create' = a create was answered (a new cluster, PROVISIONING) and apply waits on it; 'update' = a PUT to an
    // AVAILABLE cluster was answered (now UPDATING) and apply waits on it; 'answer' = every read in flight comes back.
    // More than three waits switch the watcher to one list call, which also returns clusters nobody waits on yet.
    const steps = fc.array(fc.constantFrom('create', 'update', 'answer'), { minLength: 1, maxLength: 16 });
    await fc.assert(
      fc.asyncProperty(steps, async (ops) => {
        const api = new SteppedApi();
        for (let i = 0; i < 8; i++) api.states.set(`u${i}`, 'AVAILABLE');
        const watcher = new RegionWatcher('de-fra', api, OPTIONS, new AbortController().signal);
        const waits: Promise<unknown>[] = [];
        const failures: string[] = [];
        const wait = (id: string) =>
          watcher.waitFor(id, 'available', 60_000).then(
            // Resolving while the cluster is still busy means a stale read (sent before the write) was believed.
            () => api.states.get(id) !== 'AVAILABLE' && failures.push(`${id} judged AVAILABLE by a stale read`),
            (e: Error) => failures.push(e.message),
          );
        let creates = 0;
        let updates = 0;
        for (const op of ops) {
          if (op === 'answer') {
            await api.answerAll();
            continue;
          }
          const id = op === 'create' ? `c${creates++}` : `u${updates++ % 8}`;
          if (api.states.get(id) === 'UPDATING') continue; // already busy: apply would not write it again
          api.states.set(id, op === 'create' ? 'PROVISIONING' : 'UPDATING');
          waits.push(wait(id));
        }
        for (const id of api.states.keys()) api.states.set(id, 'AVAILABLE');
        for (let i = 0; i < 4; i++) await api.answerAll();
        await Promise.all(waits);
        expect(failures).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
