import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/errors.js';
import { createHarness, FRA, listPage, rejectionOf } from './harness.js';

/** Serves `total` clusters with offset/limit paging; records every path asked for. */
function serveClusters(h: ReturnType<typeof createHarness>, total: number, opts: { capLimit?: number } = {}): string[] {
  const seen: string[] = [];
  h.agent
    .get(FRA)
    .intercept({ path: (p) => p.startsWith('/clusters?'), method: 'GET' })
    .reply(200, (req) => {
      seen.push(req.path);
      const q = new URL(req.path, FRA).searchParams;
      const offset = Number(q.get('offset'));
      const limit = Math.min(Number(q.get('limit')), opts.capLimit ?? Number.POSITIVE_INFINITY);
      const ids = [];
      for (let i = offset; i < Math.min(total, offset + limit); i++) ids.push(`c-${i}`);
      return listPage(ids, offset, limit);
    })
    .persist();
  return seen;
}

describe('listClusters paging', () => {
  it('stops on a short page even though _links.next is still present', async () => {
    const h = createHarness();
    const seen = serveClusters(h, 1005);
    const clusters = await h.client.listClusters('de-fra');
    expect(clusters).toHaveLength(1005);
    expect(clusters[1004]?.id).toBe('c-1004');
    expect(seen).toEqual(['/clusters?offset=0&limit=1000', '/clusters?offset=1000&limit=1000']);
  });

  it('asks once more after an exact multiple of the page size (2000 at 1000 = 3 requests)', async () => {
    const h = createHarness();
    const seen = serveClusters(h, 2000);
    const clusters = await h.client.listClusters('de-fra');
    expect(clusters).toHaveLength(2000);
    expect(new Set(clusters.map((c) => c.id)).size).toBe(2000);
    expect(seen).toHaveLength(3);
    expect(seen[2]).toBe('/clusters?offset=2000&limit=1000');
  });

  it('uses the pageSize option', async () => {
    const h = createHarness({ pageSize: 2 });
    const seen = serveClusters(h, 5);
    expect(await h.client.listClusters('de-fra')).toHaveLength(5);
    expect(seen).toEqual(['/clusters?offset=0&limit=2', '/clusters?offset=2&limit=2', '/clusters?offset=4&limit=2']);
  });

  it('keeps paging when the server caps the limit below ours and says so', async () => {
    const h = createHarness();
    const seen = serveClusters(h, 250, { capLimit: 100 });
    expect(await h.client.listClusters('de-fra')).toHaveLength(250);
    expect(seen.map((p) => new URL(p, FRA).searchParams.get('offset'))).toEqual(['0', '100', '200']);
  });

  it('treats a missing `items` as an empty list', async () => {
    const h = createHarness();
    h.agent
      .get(FRA)
      .intercept({ path: '/clusters?offset=0&limit=1000' })
      .reply(200, { id: 'x', type: 'collection', href: '/clusters', offset: 0, limit: 1000, _links: { next: '/n' } });
    expect(await h.client.listClusters('de-fra')).toEqual([]);
  });

  it('refuses a non-array `items`', async () => {
    const h = createHarness();
    h.agent.get(FRA).intercept({ path: '/clusters?offset=0&limit=1000' }).reply(200, { items: 'nope' });
    const err = await rejectionOf(h.client.listClusters('de-fra'));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toContain('`items` is not an array');
  });

  it('stops with an error when the server ignores offset and repeats the same full page', async () => {
    const h = createHarness({ pageSize: 2 });
    h.agent
      .get(FRA)
      .intercept({ path: (p) => p.startsWith('/clusters?') })
      .reply(200, listPage(['a', 'b'], 0, 2))
      .persist();
    const err = await rejectionOf(h.client.listClusters('de-fra'));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toContain('same page again');
  });

  it('passes nameContains as filter.name and clusterId as filter.clusterId, URL-encoded', async () => {
    const h = createHarness();
    const pool = h.agent.get(FRA);
    pool
      .intercept({ path: '/clusters?offset=0&limit=1000&filter.name=cms%20prod%2Fa' })
      .reply(200, listPage(['x'], 0, 1000));
    pool.intercept({ path: '/backups?offset=0&limit=1000&filter.clusterId=abc' }).reply(200, listPage(['b'], 0, 1000));
    expect((await h.client.listClusters('de-fra', { nameContains: 'cms prod/a' })).map((c) => c.id)).toEqual(['x']);
    expect((await h.client.listBackups('de-fra', { clusterId: 'abc' })).map((b) => b.id)).toEqual(['b']);
    h.agent.assertNoPendingInterceptors();
  });

  it('lists versions and backup locations from their own paths', async () => {
    const h = createHarness();
    const pool = h.agent.get(FRA);
    pool.intercept({ path: '/versions?offset=0&limit=1000' }).reply(200, listPage(['v16'], 0, 1000));
    pool.intercept({ path: '/backup-locations?offset=0&limit=1000' }).reply(200, listPage(['eu-central-3'], 0, 1000));
    expect((await h.client.listVersions('de-fra')).map((v) => v.id)).toEqual(['v16']);
    expect((await h.client.listBackupLocations('de-fra')).map((l) => l.id)).toEqual(['eu-central-3']);
  });
});
