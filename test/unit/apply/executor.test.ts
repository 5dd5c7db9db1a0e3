import { describe, expect, it } from 'vitest';
import type { ClusterProperties, ClusterRead } from '../../../src/api/types.js';
import type { ApplyEvent } from '../../../src/apply/events.js';
import { applyPlan } from '../../../src/apply/executor.js';
import type { DesiredCluster } from '../../../src/desired/types.js';
import type { Plan } from '../../../src/plan/types.js';
import { aDesired, aLive, planFor, testIdFor } from '../../helpers/builders.js';
import { FakeClusterApi } from './fake-api.js';

const OPTIONS = {
  parallelism: 4,
  waitTimeoutMs: 60_000,
  busyTimeoutMs: 60_000,
  pollIntervalMs: 1000,
  maxPollIntervalMs: 5000,
  failedGraceMs: 10_000,
};
const BIGGER = { instances: { count: 3, cores: 4, ram: 4, storageSize: 20 } };
const SMALLER = { instances: { count: 3, cores: 2, ram: 4, storageSize: 20 } };

/** A world on a virtual clock: the fake API and the executor's sleeps share it. */
function world() {
  let clock = 0;
  const api = new FakeClusterApi(() => clock);
  const planOf = (docs: DesiredCluster[]): Plan =>
    planFor({ desired: docs, live: new Map([['de-fra', [...api.clusters.keys()].map((id) => api.observe(id)!)]]) })
      .plan;
  const run = async (plan: Plan, options = OPTIONS, signal = new AbortController().signal) => {
    const events: ApplyEvent[] = [];
    const bodies: ClusterProperties[] = [];
    const deps = {
      api,
      bodyFor: (change: Plan['changes'][number]) => {
        const body = {
          ...(change.after as object),
          credentials: { username: 'u', database: 'd', password: 'S3cret!pw' },
        };
        bodies.push(body as ClusterProperties);
        return body as ClusterProperties;
      },
      idFor: testIdFor,
      onEvent: (e: ApplyEvent) => events.push(e),
      sleep: async (ms: number) => {
        clock += ms;
      },
      now: () => clock,
      signal,
    };
    const result = await applyPlan(plan, deps, options);
    return { result, events, bodies, elapsed: clock };
  };
  const writes = () => api.calls.filter((c) => !c.startsWith('GET') && !c.startsWith('LIST'));
  return {
    api,
    planOf,
    run,
    writes,
    seed: (read: ClusterRead, busy?: Parameters<FakeClusterApi['seed']>[1]) => api.seed(read, busy),
  };
}

describe('applyPlan: creates', () => {
  it('reads the name, then the id, then PUTs at the planned id and waits until AVAILABLE', async () => {
    const w = world();
    const plan = w.planOf([aDesired()]);
    const id = plan.changes[0]!.id!;
    const { result } = await w.run(plan);
    expect(result.outcomes).toEqual([
      expect.objectContaining({ status: 'succeeded', action: 'create', wrote: true, id }),
    ]);
    expect(w.api.calls.slice(0, 3)).toEqual(['LIST orders-prod', `GET ${id}`, `PUT ${id}`]);
    expect(w.api.observe(id)?.metadata.state).toBe('AVAILABLE');
  });

  it('refuses (stale) when a cluster of that name appeared since the plan, and sends nothing', async () => {
    const w = world();
    const plan = w.planOf([aDesired()]);
    w.seed(aLive(aDesired(), 'console-made'));
    const { result } = await w.run(plan);
    expect(result.outcomes[0]).toMatchObject({ status: 'stale', wrote: false });
    expect(result.outcomes[0]!.message).toMatch(
      /a cluster named orders-prod \(console-made\) was created since the plan \(alice@example.com at/,
    );
    expect(w.writes()).toEqual([]);
  });

  it('adopts, without a write, the identical cluster another apply created at the same id', async () => {
    const w = world();
    const plan = w.planOf([aDesired()]);
    const id = plan.changes[0]!.id!;
    w.seed(aLive(aDesired(), id, {}, 'PROVISIONING'), { state: 'PROVISIONING', until: 3000, after: 'AVAILABLE' });
    const { result, events } = await w.run(plan);
    expect(result.outcomes[0]).toMatchObject({
      status: 'succeeded',
      wrote: false,
      landed: { by: 'alice@example.com', how: 'found' },
    });
    expect(events).toContainEqual(expect.objectContaining({ type: 'landed', id }));
    expect(w.writes()).toEqual([]);
  });

  it('takes the next generation id when the API refuses a once-used id', async () => {
    const w = world();
    const plan = w.planOf([aDesired()]);
    w.api.burnedIds.add(testIdFor('de-fra/orders-prod', 0));
    const { result } = await w.run(plan);
    const next = testIdFor('de-fra/orders-prod', 1);
    expect(result.outcomes[0]).toMatchObject({ status: 'succeeded', id: next });
    expect(w.writes()).toEqual([`PUT ${testIdFor('de-fra/orders-prod', 0)}`, `PUT ${next}`]);
    expect(w.api.clusters.size).toBe(1);
  });

  it('creates by POST when the API cannot create by PUT, after checking the name; one cluster', async () => {
    const w = world();
    w.api.putCreates = false;
    const plan = w.planOf([aDesired({ name: 'a' }), aDesired({ name: 'b' })]);
    const { result } = await w.run(plan, { ...OPTIONS, parallelism: 1 });
    expect(result.outcomes.map((o) => [o.status, o.id])).toEqual([
      ['succeeded', 'post-0001'],
      ['succeeded', 'post-0002'],
    ]);
    // The region learns once that PUT cannot create; the second create goes straight to POST.
    expect(w.writes()).toEqual([`PUT ${plan.changes[0]!.id}`, 'POST', 'POST']);
    expect(w.api.calls.filter((c) => c === 'LIST b')).toHaveLength(1);
  });

  it('adopts its own POST when the POST response is lost: the name check before a retry finds it', async () => {
    const w = world();
    w.api.putCreates = false;
    const plan = w.planOf([aDesired()]);
    w.api.loseNextResponse = false;
    const post = w.api.postCluster.bind(w.api);
    let posts = 0;
    w.api.postCluster = async (...args) => {
      posts += 1;
      w.api.loseNextResponse = posts === 1;
      return post(...args);
    };
    const { result } = await w.run(plan);
    expect(result.outcomes[0]).toMatchObject({ status: 'succeeded', id: 'post-0001' });
    expect(posts).toBe(1);
    expect(w.api.clusters.size).toBe(1);
  });
});

describe('applyPlan: updates and deletes', () => {
  it('reads the cluster again right before the PUT and sends the full body once', async () => {
    const w = world();
    const doc = aDesired({ properties: BIGGER });
    w.seed(aLive(doc, 'c1', SMALLER));
    const { result, bodies } = await w.run(w.planOf([doc]));
    expect(result.outcomes[0]).toMatchObject({ status: 'succeeded', wrote: true });
    expect(w.api.calls.slice(0, 2)).toEqual(['GET c1', 'PUT c1']);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.instances.cores).toBe(4);
  });

  it('never overwrites a console edit made after the plan: stale, names the editor and the field, nothing sent', async () => {
    const w = world();
    const doc = aDesired({ properties: BIGGER });
    w.seed(aLive(doc, 'c1', SMALLER));
    const plan = w.planOf([doc]);
    w.api.edit('c1', (p) => ({ ...p, description: 'tuned by hand' }));
    const { result, events } = await w.run(plan);
    expect(result.outcomes[0]).toMatchObject({ status: 'stale', wrote: false });
    expect(result.outcomes[0]!.message).toMatch(
      /changed since the plan by bob@example.com at .*; changed: description/,
    );
    expect(events).toContainEqual(expect.objectContaining({ type: 'stale', address: 'de-fra/orders-prod' }));
    expect(w.writes()).toEqual([]);
    expect(w.api.observe('c1')?.properties.description).toBe('tuned by hand');
  });

  it("after a 409 it reads again, and does not send its old body over the other writer's change", async () => {
    const w = world();
    const doc = aDesired({ properties: BIGGER });
    w.seed(aLive(doc, 'c1', SMALLER));
    const plan = w.planOf([doc]);
    // The console edit lands between apply's read and its PUT, and keeps the cluster busy: the PUT gets 409.
    w.api.beforeNextWrite = () => {
      w.api.edit('c1', (p) => ({ ...p, description: 'raced' }));
      w.api.clusters.get('c1')!.busy = { state: 'UPDATING', until: 5000, after: 'AVAILABLE' };
      w.api.clusters.get('c1')!.read.metadata.state = 'UPDATING';
    };
    const { result } = await w.run(plan);
    expect(result.outcomes[0]).toMatchObject({ status: 'stale' });
    expect(w.writes()).toEqual(['PUT c1']);
    expect(w.api.observe('c1')?.properties.description).toBe('raced');
  });

  it('lands exactly one update when the PUT response is lost: the next read sees it landed', async () => {
    const w = world();
    const doc = aDesired({ properties: BIGGER });
    w.seed(aLive(doc, 'c1', SMALLER));
    w.api.loseNextResponse = true;
    const { result, events } = await w.run(w.planOf([doc]));
    expect(result.outcomes[0]).toMatchObject({ status: 'succeeded', wrote: true });
    expect(w.writes()).toEqual(['PUT c1']);
    expect(events).toContainEqual(expect.objectContaining({ type: 'landed', id: 'c1' }));
  });

  it('waits for a cluster the plan saw busy, then reads again and writes', async () => {
    const w = world();
    const doc = aDesired({ properties: BIGGER });
    w.seed(aLive(doc, 'c1', SMALLER, 'UPDATING'), { state: 'UPDATING', until: 4000, after: 'AVAILABLE' });
    const { result } = await w.run(w.planOf([doc]));
    expect(result.outcomes[0]!.status).toBe('succeeded');
    expect(w.api.calls.filter((c) => c === 'GET c1').length).toBeGreaterThanOrEqual(2);
    expect(w.writes()).toEqual(['PUT c1']);
  });

  it('treats an unknown state as busy: no write, and after --busy-timeout a failure naming the state', async () => {
    const w = world();
    const doc = aDesired({ properties: BIGGER });
    w.seed(aLive(doc, 'c1', SMALLER, 'MAINTENANCE' as never));
    const { result } = await w.run(w.planOf([doc]), { ...OPTIONS, busyTimeoutMs: 20_000 });
    expect(result.outcomes[0]).toMatchObject({ status: 'failed', wrote: false });
    expect(result.outcomes[0]!.message).toContain('last state MAINTENANCE');
    expect(w.writes()).toEqual([]);
  });

  it('re-sends credentials on a rotation even though no readable field changes', async () => {
    const w = world();
    const doc = aDesired();
    w.seed(aLive(doc, 'c1'));
    const plan = planFor({
      desired: [doc],
      live: new Map([['de-fra', [w.api.observe('c1')!]]]),
      rotateCredentials: new Set(['de-fra/orders-prod']),
    }).plan;
    const { result } = await w.run(plan);
    expect(result.outcomes[0]!.status).toBe('succeeded');
    expect(w.writes()).toEqual(['PUT c1']);
  });

  it('deletes a FAILED cluster at once, and a cluster already gone is done', async () => {
    const w = world();
    const absent = { ensure: 'absent', preventDestroy: false, allowReplace: false } as const;
    const broken = aDesired({ name: 'broken', policy: absent });
    const vanished = aDesired({ name: 'vanished', policy: absent });
    w.seed(aLive(broken, 'c1', {}, 'FAILED'));
    w.seed(aLive(vanished, 'c2'));
    const plan = w.planOf([broken, vanished]);
    w.api.clusters.delete('c2');
    const { result } = await w.run(plan);
    expect(result.outcomes.map((o) => o.status)).toEqual(['succeeded', 'succeeded']);
    expect(w.writes()).toEqual(['DELETE c1']);
  });

  it('replaces: deletes, waits until gone, then creates the replacement at its own id', async () => {
    const w = world();
    const doc = aDesired({
      properties: { backup: { location: 'de', retentionDays: 7 } },
      policy: { ensure: 'present', preventDestroy: false, allowReplace: true },
    });
    w.seed(aLive(doc, 'c1', { backup: { location: 'eu-central-3', retentionDays: 7 } }));
    const plan = w.planOf([doc]);
    const { result } = await w.run(plan);
    expect(result.outcomes[0]!.status).toBe('succeeded');
    expect(w.writes()).toEqual(['DELETE c1', `PUT ${(plan.changes[0] as { replacementId: string }).replacementId}`]);
  });

  it('fails a no-op whose cluster stays FAILED (it matches its file, but it is broken), sending nothing', async () => {
    const w = world();
    const doc = aDesired();
    w.seed(aLive(doc, 'c1', {}, 'FAILED'));
    const { result } = await w.run(w.planOf([doc]));
    expect(result.outcomes[0]).toMatchObject({ action: 'noop', status: 'failed', wrote: false });
    expect(w.writes()).toEqual([]);
  });
});

describe('applyPlan: slots and interruption', () => {
  it('limits writes in flight, not waits: a long-busy cluster does not hold up the others', async () => {
    const w = world();
    const docs = ['a', 'b', 'c'].map((name) => aDesired({ name, properties: BIGGER }));
    w.seed(aLive(docs[0]!, 'busy', SMALLER, 'UPDATING'), { state: 'UPDATING', until: 50_000, after: 'AVAILABLE' });
    w.seed(aLive(docs[1]!, 'b1', SMALLER));
    w.seed(aLive(docs[2]!, 'c1', SMALLER));
    const { result } = await w.run(w.planOf(docs), { ...OPTIONS, parallelism: 1 });
    expect(result.outcomes.map((o) => o.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(w.writes().slice(0, 2).sort()).toEqual(['PUT b1', 'PUT c1']);
  });

  it('keeps at most `parallelism` writes in flight', async () => {
    const w = world();
    const plan = w.planOf(Array.from({ length: 9 }, (_, i) => aDesired({ name: `c${i}` })));
    let inFlight = 0;
    let peak = 0;
    const put = w.api.putCluster.bind(w.api);
    w.api.putCluster = async (...args) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return put(...args);
    };
    const { result } = await w.run(plan, { ...OPTIONS, parallelism: 3 });
    expect(result.outcomes.every((o) => o.status === 'succeeded')).toBe(true);
    expect(peak).toBe(3);
  });

  it('starts nothing once aborted and reports those changes as not started', async () => {
    const w = world();
    const plan = w.planOf([aDesired({ name: 'a' }), aDesired({ name: 'b' })]);
    const controller = new AbortController();
    controller.abort();
    const { result } = await w.run(plan, OPTIONS, controller.signal);
    expect(result.interrupted).toBe(true);
    expect(result.outcomes.map((o) => o.status)).toEqual(['not-started', 'not-started']);
    expect(w.api.calls).toEqual([]);
  });
});
