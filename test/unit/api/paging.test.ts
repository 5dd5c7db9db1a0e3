import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/errors.js';
import { apiErrorBody, createHarness, FRA, listPage, rejectionOf } from './harness.js';

type Harness = ReturnType<typeof createHarness>;

interface ServeOptions {
  /** The server returns at most this many items per page, whatever was asked. */
  cap?: number;
  /** The `limit` the page echoes: the one asked (a silent cap), the one applied, or none at all. */
  echo?: 'asked' | 'applied' | 'none';
  /** A limit above this is answered with 400. */
  refuseAbove?: number;
  path?: string;
}

/** Serves `total` items with offset/limit paging; returns the `offset/limit` of every request, in order. */
function serve(h: Harness, total: number, opts: ServeOptions = {}): string[] {
  const seen: string[] = [];
  const path = opts.path ?? '/clusters';
  h.agent
    .get(FRA)
    .intercept({ path: (p) => p.startsWith(`${path}?`), method: 'GET' })
    .reply((req) => {
      const q = new URL(req.path, FRA).searchParams;
      const offset = Number(q.get('offset'));
      const asked = Number(q.get('limit'));
      seen.push(`${offset}/${asked}`);
      if (opts.refuseAbove !== undefined && asked > opts.refuseAbove) {
        return { statusCode: 400, data: apiErrorBody(400, ['PAGE', `limit must be <= ${opts.refuseAbove}`]) };
      }
      const applied = Math.min(asked, opts.cap ?? Number.POSITIVE_INFINITY);
      const ids = [];
      for (let i = offset; i < Math.min(total, offset + applied); i++) ids.push(`c-${i}`);
      const page = listPage(ids, offset, opts.echo === 'applied' ? applied : asked) as Record<string, unknown>;
      if (opts.echo === 'none') delete page['limit'];
      return { statusCode: 200, data: page };
    })
    .persist();
  return seen;
}

const idsOf = (items: { id: string }[]) => items.map((i) => i.id);
const range = (n: number) => Array.from({ length: n }, (_, i) => `c-${i}`);

describe('paging an honest server (the request count of the normal case)', () => {
  it('asks the SDK page size (100) and stops after full pages and one short page: 250 items = 3 requests', async () => {
    const h = createHarness();
    const seen = serve(h, 250);
    expect(idsOf(await h.client.listClusters('de-fra'))).toEqual(range(250));
    expect(seen).toEqual(['0/100', '100/100', '200/100']);
  });

  it('asks once more after an exact multiple of the page size (200 at 100 = 3 requests)', async () => {
    const h = createHarness();
    const seen = serve(h, 200);
    expect(await h.client.listClusters('de-fra')).toHaveLength(200);
    expect(seen).toEqual(['0/100', '100/100', '200/100']);
  });

  it('confirms a first page that is short but not tiny (it may be a silent cap): 30 items = 2 requests', async () => {
    const h = createHarness();
    const seen = serve(h, 30);
    expect(idsOf(await h.client.listClusters('de-fra'))).toEqual(range(30));
    expect(seen).toEqual(['0/100', '30/100']);
  });

  it('confirms even a tiny first page (a silent cap of 2 is still a cap): 9 items = 2 requests', async () => {
    const h = createHarness();
    const seen = serve(h, 9);
    expect(idsOf(await h.client.listClusters('de-fra'))).toEqual(range(9));
    expect(seen).toEqual(['0/100', '9/100']);
  });

  it('is correct under a silent cap of 2: every item, paging at 2', async () => {
    const h = createHarness();
    const seen = serve(h, 5, { cap: 2, echo: 'asked' });
    expect(idsOf(await h.client.listClusters('de-fra'))).toEqual(range(5));
    expect(seen).toEqual(['0/100', '2/100', '4/2']);
  });

  it('remembers a proven end: a later, smaller list of the same endpoint needs no confirmation', async () => {
    const h = createHarness();
    let total = 30;
    const seen: string[] = [];
    h.agent
      .get(FRA)
      .intercept({ path: (p) => p.startsWith('/clusters?') })
      .reply((req) => {
        const q = new URL(req.path, FRA).searchParams;
        const offset = Number(q.get('offset'));
        seen.push(`${offset}/${q.get('limit')}`);
        return { statusCode: 200, data: listPage(range(total).slice(offset), offset, 100) };
      })
      .persist();
    await h.client.listClusters('de-fra');
    total = 29;
    expect(await h.client.listClusters('de-fra')).toHaveLength(29);
    total = 30; // as many as the proven end: could be a cap of 30, so confirmed again
    expect(await h.client.listClusters('de-fra')).toHaveLength(30);
    expect(seen).toEqual(['0/100', '30/100', '0/100', '0/100', '30/100']);
  });

  it('after full pages a short page is the end (the server serves the page size)', async () => {
    const h = createHarness({ pageSize: 2 });
    const seen = serve(h, 5);
    expect(await h.client.listClusters('de-fra')).toHaveLength(5);
    expect(seen).toEqual(['0/2', '2/2', '4/2']);
  });

  it('treats a missing `items` as an empty list (1 request)', async () => {
    const h = createHarness();
    h.agent
      .get(FRA)
      .intercept({ path: '/clusters?offset=0&limit=100' })
      .reply(200, { id: 'x', type: 'collection', href: '/clusters', offset: 0, limit: 100, _links: { next: '/n' } });
    expect(await h.client.listClusters('de-fra')).toEqual([]);
  });
});

describe('paging a server that caps, echoes or refuses the limit', () => {
  it('a silent cap that echoes the asked limit: no cluster is lost, paging goes on at the real size', async () => {
    const h = createHarness({ pageSize: 1000 });
    const seen = serve(h, 250, { cap: 100, echo: 'asked' });
    expect(idsOf(await h.client.listClusters('de-fra'))).toEqual(range(250));
    expect(seen).toEqual(['0/1000', '100/1000', '200/100']);
    expect(h.logs.some((l) => l.level === 'info' && (l.obj as { cap?: number }).cap === 100)).toBe(true);
  });

  it('a learned cap is kept for the region: the next listing asks the real size from the start', async () => {
    const h = createHarness({ pageSize: 1000 });
    const seen = serve(h, 250, { cap: 100, echo: 'asked' });
    await h.client.listClusters('de-fra');
    seen.length = 0;
    expect(await h.client.listClusters('de-fra')).toHaveLength(250);
    expect(seen).toEqual(['0/100', '100/100', '200/100']);
  });

  it('a silent cap below the default page size (50 of 100), 120 items', async () => {
    const h = createHarness();
    const seen = serve(h, 120, { cap: 50, echo: 'asked' });
    expect(idsOf(await h.client.listClusters('de-fra'))).toEqual(range(120));
    expect(seen).toEqual(['0/100', '50/100', '100/50']);
  });

  it('a cap exactly at the list size is confirmed, not mistaken for the end or for more', async () => {
    const h = createHarness();
    const seen = serve(h, 50, { cap: 50, echo: 'asked' });
    expect(await h.client.listClusters('de-fra')).toHaveLength(50);
    expect(seen).toEqual(['0/100', '50/100']);
  });

  it('a cap the server admits (it echoes the limit it applied) is followed without confirmation', async () => {
    const h = createHarness({ pageSize: 1000 });
    const seen = serve(h, 250, { cap: 100, echo: 'applied' });
    expect(idsOf(await h.client.listClusters('de-fra'))).toEqual(range(250));
    expect(seen).toEqual(['0/1000', '100/100', '200/100']);
  });

  it('an echoed limit smaller than asked, with as many items: a full page at the cap, so paging goes on', async () => {
    const h = createHarness();
    const seen = serve(h, 30, { cap: 30, echo: 'applied' }); // echo 30 = items 30: "full at its cap"
    expect(await h.client.listClusters('de-fra')).toHaveLength(30);
    expect(seen).toEqual(['0/100', '30/30']);
  });

  it('an echoed limit larger than asked, or none at all, changes nothing', async () => {
    const h = createHarness({ pageSize: 2 });
    const seen = serve(h, 5, { echo: 'none' });
    expect(await h.client.listClusters('de-fra')).toHaveLength(5);
    expect(seen).toEqual(['0/2', '2/2', '4/2']);
    const big = createHarness({ pageSize: 2 });
    big.agent
      .get(FRA)
      .intercept({ path: (p) => p.startsWith('/versions?') })
      .reply((req) => {
        const offset = Number(new URL(req.path, FRA).searchParams.get('offset'));
        return { statusCode: 200, data: listPage(range(3).slice(offset, offset + 2), offset, 5000) };
      })
      .persist();
    expect(await big.client.listVersions('de-fra')).toHaveLength(3);
  });

  it('a 400 for a large limit: retries smaller, and remembers it for the region (other paths too)', async () => {
    const h = createHarness({ pageSize: 1000 });
    const clusters = serve(h, 250, { refuseAbove: 100 });
    const versions = serve(h, 3, { refuseAbove: 100, path: '/versions' });
    expect(idsOf(await h.client.listClusters('de-fra'))).toEqual(range(250));
    expect(clusters).toEqual(['0/1000', '0/500', '0/200', '0/100', '100/100', '200/100']);
    expect(await h.client.listVersions('de-fra')).toHaveLength(3);
    expect(versions).toEqual(['0/100', '3/100']);
    expect(h.delays).toEqual([]); // a 400 is not a retry with a wait, it is a different request
  });

  it('a 400 that is not about the limit is the error, after trying down to limit 1', async () => {
    const h = createHarness();
    const seen = serve(h, 10, { refuseAbove: 0 });
    const e = (await rejectionOf(h.client.listClusters('de-fra'))) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.url).toBe(`${FRA}/clusters?offset=0&limit=100`); // the first refusal, as the server worded it
    expect(seen).toEqual(['0/100', '0/50', '0/20', '0/10', '0/5', '0/2', '0/1']);
  });

  it('a 400 at a limit this path already accepted is the error at once', async () => {
    const h = createHarness();
    const pool = h.agent.get(FRA);
    pool.intercept({ path: '/versions?offset=0&limit=100' }).reply(200, listPage(['v1'], 0, 100));
    pool.intercept({ path: '/versions?offset=1&limit=100' }).reply(200, listPage([], 1, 100));
    pool.intercept({ path: '/versions?offset=0&limit=100' }).reply(400, apiErrorBody(400, ['Q', 'bad query']));
    await h.client.listVersions('de-fra');
    const e = (await rejectionOf(h.client.listVersions('de-fra'))) as ApiError;
    expect(e.apiMessage).toBe('bad query');
    h.agent.assertNoPendingInterceptors();
  });

  it('another path accepting a large limit does not make a 400 on /clusters final', async () => {
    const h = createHarness({ pageSize: 1000 });
    serve(h, 3, { path: '/versions' }); // accepts 1000
    const clusters = serve(h, 150, { refuseAbove: 100 });
    await h.client.listVersions('de-fra');
    expect(await h.client.listClusters('de-fra')).toHaveLength(150);
    expect(clusters).toEqual(['0/1000', '0/500', '0/200', '0/100', '100/100']);
  });
});

describe('paging is bounded: each stop is an error that names the URL', () => {
  it('an id seen twice (pages alternating A, B, A)', async () => {
    const h = createHarness({ pageSize: 2 });
    let n = 0;
    h.agent
      .get(FRA)
      .intercept({ path: (p) => p.startsWith('/clusters?') })
      .reply(() => ({ statusCode: 200, data: listPage(n++ % 2 === 0 ? ['a', 'b'] : ['c', 'd'], 0, 2) }))
      .persist();
    const e = (await rejectionOf(h.client.listClusters('de-fra'))) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toBe(
      `GET ${FRA}/clusters?offset=4&limit=2 failed: HTTP 200: the id "a" came twice; stopped paging`,
    );
    expect(e.hint).toContain('run the command again');
    expect(n).toBe(3);
  });

  it('a page with more items than asked', async () => {
    const h = createHarness({ pageSize: 2 });
    h.agent
      .get(FRA)
      .intercept({ path: '/clusters?offset=0&limit=2' })
      .reply(200, listPage(['a', 'b', 'c'], 0, 2));
    const e = (await rejectionOf(h.client.listClusters('de-fra'))) as ApiError;
    expect(e.message).toContain(`${FRA}/clusters?offset=0&limit=2`);
    expect(e.message).toContain('the page has 3 items although 2 were asked');
  });

  it('more than 1,000 pages', async () => {
    const h = createHarness({ pageSize: 1 });
    let requests = 0;
    h.agent
      .get(FRA)
      .intercept({ path: (p) => p.startsWith('/clusters?') })
      .reply((req) => {
        requests++;
        const offset = Number(new URL(req.path, FRA).searchParams.get('offset'));
        return { statusCode: 200, data: listPage([`c-${offset}`], offset, 1) };
      })
      .persist();
    const e = (await rejectionOf(h.client.listClusters('de-fra'))) as ApiError;
    expect(e.message).toContain(`${FRA}/clusters?offset=999&limit=1`);
    expect(e.message).toContain('more than 1000 pages');
    expect(requests).toBe(1000);
  });

  it('more than 100,000 items', async () => {
    const h = createHarness({ pageSize: 1000 });
    const seen = serve(h, Number.POSITIVE_INFINITY);
    const e = (await rejectionOf(h.client.listClusters('de-fra'))) as ApiError;
    expect(e.message).toContain(`${FRA}/clusters?offset=100000&limit=1000`);
    expect(e.message).toContain('more than 100000 items');
    expect(seen).toHaveLength(101);
  });

  it('an item without a string id', async () => {
    const h = createHarness();
    h.agent
      .get(FRA)
      .intercept({ path: '/clusters?offset=0&limit=100' })
      .reply(200, { items: [{ id: 'a' }, { name: 'no id' }], limit: 100 });
    const e = (await rejectionOf(h.client.listClusters('de-fra'))) as ApiError;
    expect(e.message).toContain('an item of `items` has no string `id`');
  });

  it('refuses a non-array `items`', async () => {
    const h = createHarness();
    h.agent.get(FRA).intercept({ path: '/clusters?offset=0&limit=100' }).reply(200, { items: 'nope' });
    const err = await rejectionOf(h.client.listClusters('de-fra'));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toContain('`items` is not an array');
  });
});

describe('list requests', () => {
  it('passes nameContains as filter.name and clusterId as filter.clusterId, URL-encoded', async () => {
    const h = createHarness({ pageSize: 2 });
    const pool = h.agent.get(FRA);
    pool
      .intercept({ path: '/clusters?offset=0&limit=2&filter.name=cms%20prod%2Fa' })
      .reply(200, listPage(['x', 'y'], 0, 2));
    pool.intercept({ path: '/clusters?offset=2&limit=2&filter.name=cms%20prod%2Fa' }).reply(200, listPage([], 2, 2));
    pool.intercept({ path: '/backups?offset=0&limit=2&filter.clusterId=abc' }).reply(200, listPage(['b'], 0, 2));
    pool.intercept({ path: '/backups?offset=1&limit=2&filter.clusterId=abc' }).reply(200, listPage([], 1, 2));
    expect(idsOf(await h.client.listClusters('de-fra', { nameContains: 'cms prod/a' }))).toEqual(['x', 'y']);
    expect(idsOf(await h.client.listBackups('de-fra', { clusterId: 'abc' }))).toEqual(['b']);
    h.agent.assertNoPendingInterceptors();
  });

  it('lists versions and backup locations from their own paths', async () => {
    const h = createHarness();
    serve(h, 2, { path: '/versions' });
    serve(h, 1, { path: '/backup-locations' });
    expect(idsOf(await h.client.listVersions('de-fra'))).toEqual(['c-0', 'c-1']);
    expect(idsOf(await h.client.listBackupLocations('de-fra'))).toEqual(['c-0']);
  });

  it('passes any cluster state and unknown properties through untouched', async () => {
    const h = createHarness();
    const odd = {
      id: 'c-1',
      type: 'cluster',
      href: '/clusters/c-1',
      metadata: { state: 'MAINTENANCE_WINDOW', futureField: { x: 1 } },
      properties: { name: 'n', backupLocation: 'de', somethingNew: [1, 2] },
    };
    const pool = h.agent.get(FRA);
    pool.intercept({ path: '/clusters?offset=0&limit=100' }).reply(200, { items: [odd], limit: 100 });
    pool.intercept({ path: '/clusters?offset=1&limit=100' }).reply(200, { items: [], limit: 100 });
    pool.intercept({ path: '/clusters/c-1' }).reply(200, odd);
    expect(await h.client.listClusters('de-fra')).toEqual([odd]);
    expect(await h.client.getCluster('de-fra', 'c-1')).toEqual(odd);
  });
});
