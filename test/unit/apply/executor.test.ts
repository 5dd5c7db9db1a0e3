import { describe, expect, it } from 'vitest';
import type { ClusterProperties } from '../../../src/api/types.js';
import type { ApplyEvent } from '../../../src/apply/events.js';
import { applyPlan } from '../../../src/apply/executor.js';
import type { DesiredCluster } from '../../../src/desired/types.js';
import type { Plan } from '../../../src/plan/types.js';
import { aDesired, aLive, CATALOG, planFor } from '../../helpers/builders.js';
import { busyError, FakeClusterApi } from './fake-api.js';

const OPTIONS = {
  parallelism: 4,
  waitTimeoutMs: 60_000,
  busyTimeoutMs: 60_000,
  pollIntervalMs: 1000,
  maxPollIntervalMs: 5000,
  failedGraceMs: 10_000,
};

function planOf(api: FakeClusterApi, docs: DesiredCluster[]): Plan {
  return planFor({
    desired: docs,
    live: new Map([['de-fra', [...api.clusters.values()].map((c) => c.read)]]),
    catalogs: new Map([['de-fra', CATALOG]]),
    backups: new Map(),
    now: '2026-11-24T12:00:00.000Z',
    rotateCredentials: new Set(),
    listUnmanaged: true,
  }).plan;
}

/** Runs apply on a virtual clock: sleeping advances time instantly. */
async function run(api: FakeClusterApi, plan: Plan, options = OPTIONS, signal = new AbortController().signal) {
  let clock = 0;
  const events: ApplyEvent[] = [];
  const bodies: ClusterProperties[] = [];
  const result = await applyPlan(
    plan,
    {
      api,
      bodyFor: (change) => {
        const body = {
          ...(change.after as object),
          credentials: { username: 'u', database: 'd', password: 'S3cret!pw' },
        } as ClusterProperties;
        bodies.push(body);
        return body;
      },
      onEvent: (e) => events.push(e),
      sleep: async (ms) => {
        clock += ms;
      },
      now: () => clock,
      signal,
    },
    options,
  );
  return { result, events, bodies, elapsed: clock };
}

describe('applyPlan', () => {
  it('creates with PUT on the plan UUID and waits until AVAILABLE', async () => {
    const api = new FakeClusterApi();
    const plan = planOf(api, [aDesired()]);
    const { result } = await run(api, plan);
    expect(result.outcomes).toEqual([expect.objectContaining({ status: 'succeeded', action: 'create', wrote: true })]);
    expect(api.calls[0]).toBe(`PUT ${plan.changes[0]!.id}`);
    expect(api.calls.filter((c) => c.startsWith('GET')).length).toBeGreaterThanOrEqual(2);
  });

  it('never PUTs while the plan saw the cluster busy: it waits for AVAILABLE first', async () => {
    const api = new FakeClusterApi();
    const doc = aDesired({ properties: { instances: { count: 1, cores: 4, ram: 4, storageSize: 20 } } });
    api.seed(aLive(doc, 'c1', { instances: { count: 1, cores: 2, ram: 4, storageSize: 20 } }, 'UPDATING'), [
      'UPDATING',
      'UPDATING',
      'AVAILABLE',
    ]);
    const plan = planOf(api, [doc]);
    const { result } = await run(api, plan);
    expect(result.outcomes[0]!.status).toBe('succeeded');
    const put = api.calls.indexOf('PUT c1');
    expect(api.calls.slice(0, put)).toEqual(['GET c1', 'GET c1', 'GET c1']);
  });

  it('resumes waiting on a cluster still PROVISIONING instead of re-sending', async () => {
    const api = new FakeClusterApi();
    const doc = aDesired();
    api.seed(aLive(doc, 'c1', {}, 'PROVISIONING'), ['PROVISIONING', 'AVAILABLE']);
    const { result } = await run(api, planOf(api, [doc]));
    expect(result.outcomes[0]).toMatchObject({ action: 'noop', status: 'succeeded', wrote: false });
    expect(api.calls.some((c) => c.startsWith('PUT'))).toBe(false);
  });

  it('fails a cluster that stays FAILED past the grace period, with the statusMessage', async () => {
    const api = new FakeClusterApi();
    api.putScript = Array(30).fill('FAILED');
    const { result } = await run(api, planOf(api, [aDesired()]));
    expect(result.outcomes[0]).toMatchObject({ status: 'failed' });
    expect(result.outcomes[0]!.message).toContain('disk full');
  });

  it('tolerates a transient FAILED within the grace period', async () => {
    const api = new FakeClusterApi();
    api.putScript = ['FAILED', 'FAILED', 'AVAILABLE'];
    const { result } = await run(api, planOf(api, [aDesired()]));
    expect(result.outcomes[0]!.status).toBe('succeeded');
  });

  it('never PUTs to a FAILED cluster: a FAILED that lasts past the grace fails the update, with nothing sent', async () => {
    const api = new FakeClusterApi();
    const doc = aDesired({ properties: { instances: { count: 1, cores: 4, ram: 4, storageSize: 20 } } });
    api.seed(
      aLive(doc, 'c1', { instances: { count: 1, cores: 2, ram: 4, storageSize: 20 } }, 'FAILED'),
      Array(30).fill('FAILED'),
    );
    const { result, elapsed } = await run(api, planOf(api, [doc]));
    expect(result.outcomes[0]).toMatchObject({ action: 'update', status: 'failed', wrote: false });
    expect(result.outcomes[0]!.message).toContain('is FAILED: disk full');
    expect(api.calls.every((c) => c.startsWith('GET'))).toBe(true);
    expect(elapsed).toBeLessThan(OPTIONS.busyTimeoutMs);
  });

  it('sends the update once a FAILED cluster recovers within the grace', async () => {
    const api = new FakeClusterApi();
    const doc = aDesired({ properties: { instances: { count: 1, cores: 4, ram: 4, storageSize: 20 } } });
    api.seed(aLive(doc, 'c1', { instances: { count: 1, cores: 2, ram: 4, storageSize: 20 } }, 'FAILED'), [
      'FAILED',
      'AVAILABLE',
    ]);
    const { result } = await run(api, planOf(api, [doc]));
    expect(result.outcomes[0]).toMatchObject({ action: 'update', status: 'succeeded' });
    expect(api.calls.slice(0, api.calls.indexOf('PUT c1'))).toEqual(['GET c1', 'GET c1']);
  });

  it('deletes a FAILED cluster at once (ensure: absent): removing a broken cluster needs no recovery', async () => {
    const api = new FakeClusterApi();
    const doc = aDesired({ policy: { ensure: 'absent', preventDestroy: false, allowReplace: false } });
    api.seed(aLive(doc, 'c1', {}, 'FAILED'), Array(30).fill('FAILED'));
    const { result } = await run(api, planOf(api, [doc]));
    expect(result.outcomes[0]).toMatchObject({ action: 'delete', status: 'succeeded' });
    expect(api.calls[0]).toBe('DELETE c1');
  });

  it('treats a 409 on create as its own earlier attempt when the cluster exists: one cluster, no second create', async () => {
    const api = new FakeClusterApi();
    const plan = planOf(api, [aDesired()]);
    const id = plan.changes[0]!.id!;
    api.seed(aLive(aDesired(), id, {}, 'PROVISIONING'), ['PROVISIONING', 'AVAILABLE']);
    api.failPutWith = busyError();
    const { result } = await run(api, plan);
    expect(result.outcomes[0]!.status).toBe('succeeded');
    expect(api.calls.filter((c) => c.startsWith('PUT'))).toEqual([`PUT ${id}`]);
    expect(api.clusters.size).toBe(1);
  });

  it('replaces by deleting, waiting for the cluster to be gone, then creating the replacement', async () => {
    const api = new FakeClusterApi();
    const doc = aDesired({
      properties: { backup: { location: 'de', retentionDays: 7 } },
      policy: { ensure: 'present', preventDestroy: false, allowReplace: true },
    });
    api.seed(aLive(doc, 'c1', { backup: { location: 'eu-central-3', retentionDays: 7 } }));
    const plan = planOf(api, [doc]);
    const { result } = await run(api, plan);
    expect(result.outcomes[0]!.status).toBe('succeeded');
    const writes = api.calls.filter((c) => !c.startsWith('GET'));
    expect(writes).toEqual(['DELETE c1', `PUT ${(plan.changes[0] as { replacementId: string }).replacementId}`]);
  });

  it('sends the plan after with the password resolved as the body', async () => {
    const api = new FakeClusterApi();
    const plan = planOf(api, [aDesired()]);
    const { bodies } = await run(api, plan);
    const { credentials, ...rest } = bodies[0]!;
    const { credentials: _ref, ...after } = plan.changes[0]!.after!;
    expect(rest).toEqual(after);
    expect(credentials?.password).toBe('S3cret!pw');
  });

  it('starts nothing once aborted and reports those changes as not started', async () => {
    const api = new FakeClusterApi();
    const plan = planOf(api, [aDesired({ name: 'a' }), aDesired({ name: 'b' })]);
    const controller = new AbortController();
    controller.abort();
    const { result } = await run(api, plan, OPTIONS, controller.signal);
    expect(result.interrupted).toBe(true);
    expect(result.outcomes.map((o) => o.status)).toEqual(['not-started', 'not-started']);
    expect(api.calls).toEqual([]);
  });

  it('keeps at most `parallelism` changes in flight', async () => {
    const api = new FakeClusterApi();
    const docs = Array.from({ length: 9 }, (_, i) => aDesired({ name: `c${i}` }));
    const plan = planOf(api, docs);
    let inFlight = 0;
    let peak = 0;
    const put = api.putCluster.bind(api);
    api.putCluster = async (...args) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return put(...args);
    };
    const { result } = await run(api, plan, { ...OPTIONS, parallelism: 3 });
    expect(result.outcomes.every((o) => o.status === 'succeeded')).toBe(true);
    expect(peak).toBe(3);
  });
});
