import { describe, expect, it } from 'vitest';
import type { ClusterRead, Region } from '../../../src/api/types.js';
import { RegionWatcher } from '../../../src/apply/watcher.js';
import { aDesired, aLive } from '../../helpers/builders.js';
import { ScriptedClusterApi as FakeClusterApi } from './scripted-api.js';

const options = { pollIntervalMs: 10, maxPollIntervalMs: 10, failedGraceMs: 1000, sleep: async () => {}, now: () => 0 };

describe('RegionWatcher', () => {
  it('serves a waiter added in the very continuation of the last waiter (no gap between two poll loops)', async () => {
    const api = new FakeClusterApi();
    api.seed(aLive(aDesired({ name: 'b' }), 'b'));
    const watcher = new RegionWatcher('de-fra', api, options, new AbortController().signal);
    // 'a' is already gone: the first poll resolves it, and the loop then has no waiter left.
    const second = watcher.waitFor('a', 'gone', 1000).then(() => watcher.waitFor('b', 'available', 1000));
    const outcome = await Promise.race([
      second.then(() => 'resolved'),
      new Promise((r) => setTimeout(() => r('hung'), 500)),
    ]);
    expect(outcome).toBe('resolved');
  });

  it('polls one list per tick for many waiters instead of one GET each', async () => {
    const api = new FakeClusterApi();
    const ids = ['c1', 'c2', 'c3', 'c4', 'c5'];
    for (const id of ids) api.seed(aLive(aDesired({ name: id }), id));
    const watcher = new RegionWatcher('de-fra', api, options, new AbortController().signal);
    await Promise.all(ids.map((id) => watcher.waitFor(id, 'available', 1000)));
    expect(api.calls).toEqual(['LIST']);
  });

  it('measures the FAILED grace between reads, not until a slower read in the same poll answers', async () => {
    // Found by the convergence property: 'a' was read FAILED twice within 10 ms, but its second read was judged
    // only when a retried GET of 'slow' answered 2 s later, so a transient FAILED was failed as permanent.
    let clock = 0;
    let slowReads = 0;
    class SlowSecondRead extends FakeClusterApi {
      override async getCluster(region: Region, id: string): Promise<ClusterRead | null> {
        if (id === 'slow' && ++slowReads === 2) {
          await new Promise((r) => setTimeout(r, 5));
          clock += 2000;
        }
        return super.getCluster(region, id);
      }
    }
    const api = new SlowSecondRead();
    api.seed(aLive(aDesired({ name: 'a' }), 'a'), ['FAILED', 'FAILED', 'AVAILABLE']);
    api.seed(aLive(aDesired({ name: 'slow' }), 'slow'), ['UPDATING', 'UPDATING', 'AVAILABLE']);
    const clocked = { ...options, failedGraceMs: 1000, now: () => clock };
    const watcher = new RegionWatcher('de-fra', api, clocked, new AbortController().signal);
    const results = await Promise.allSettled([
      watcher.waitFor('a', 'available', 60_000),
      watcher.waitFor('slow', 'available', 60_000),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
  });
});
