/** Probes that only read (or write to ids that cannot exist): safe on any account, before anything is created. */
import { randomUUID } from 'node:crypto';
import { echoedLimitOf, statusWithCode } from './api.js';
import { observe, probe, type RunContext } from './context.js';
import { describeErrorBody, describeLocations, describeVersions } from './derive.js';

/** The catalogue: observes versions and locations, and returns what the scratch cluster will use. */
export async function readCatalog(ctx: RunContext): Promise<{ version: string; backupLocation: string }> {
  const versions = await ctx.api.read('/versions');
  const locations = await ctx.api.read('/backup-locations');
  observe(ctx, 'versions', describeVersions(versions));
  observe(ctx, 'backup-locations', describeLocations(locations));
  const list = describeVersions(versions).split(', ');
  const recommended = list.find((v) => v.endsWith(' RECOMMENDED')) ?? list.at(-1);
  const location = describeLocations(locations).split(', ')[0];
  if (recommended === undefined || location === undefined || location === 'undefined')
    throw new Error('the region lists no versions or no backup locations');
  return { version: recommended.split(' ')[0]!, backupLocation: location };
}

/** Paging, list shape and error answers, on paths that cannot harm anything. */
export async function probeReads(ctx: RunContext): Promise<void> {
  const { api } = ctx;
  await probe(ctx, 'max-limit', async () => {
    const big = await api.call('GET', '/clusters?offset=0&limit=1000');
    const over = await api.call('GET', '/clusters?offset=0&limit=1001');
    const echo = big.status === 200 ? ` echoing ${echoedLimitOf(big.body) ?? 'nothing'}` : '';
    observe(ctx, 'max-limit', `1000: ${big.status}${echo}; 1001: ${over.status}`);
  });
  await probe(ctx, 'default-limit', async () => {
    observe(ctx, 'default-limit', String(echoedLimitOf(await api.read('/clusters')) ?? 'not echoed'));
  });
  await probe(ctx, 'links-next-past-end', async () => {
    const body = (await api.read('/versions?offset=0&limit=1000')) as { _links?: { next?: unknown } };
    observe(ctx, 'links-next-past-end', body._links?.next === undefined ? 'absent' : 'present');
  });
  await probe(ctx, 'items-when-empty', async () => {
    const body = (await api.read(`/clusters?filter.name=${randomUUID()}`)) as Record<string, unknown>;
    observe(ctx, 'items-when-empty', Array.isArray(body.items) ? 'present' : 'absent');
  });
  await probeErrors(ctx);
}

async function probeErrors(ctx: RunContext): Promise<void> {
  const { api } = ctx;
  await probe(ctx, 'get-unknown-id', async () => {
    const answer = await api.call('GET', `/clusters/${randomUUID()}`);
    ctx.errorSamples.push(answer);
    observe(ctx, 'get-unknown-id', String(answer.status), statusWithCode(answer));
    observe(ctx, 'error-body', describeErrorBody(answer.body));
  });
  await probe(ctx, 'delete-unknown-id', async () => {
    const answer = await api.call('DELETE', `/clusters/${randomUUID()}`);
    observe(ctx, 'delete-unknown-id', String(answer.status), statusWithCode(answer));
  });
  await probe(ctx, 'invalid-id', async () => {
    const answer = await api.call('GET', '/clusters/not-a-uuid');
    ctx.errorSamples.push(answer);
    observe(ctx, 'invalid-id', String(answer.status), statusWithCode(answer));
  });
  await probe(ctx, 'wrong-method', async () => {
    const answer = await api.call('DELETE', '/versions');
    ctx.errorSamples.push(answer);
    const allow = answer.headers.allow === undefined ? 'without Allow' : 'with Allow';
    observe(
      ctx,
      'wrong-method',
      answer.status === 405 ? `405 ${allow}` : String(answer.status),
      statusWithCode(answer),
    );
  });
}

/**
 * Whether limit=1000 really returns 1000 items: only visible with more than 1000 clusters in the region (the
 * emulator run seeds them); a short page followed by more items while `limit` echoes 1000 is a silent cap.
 */
export async function probePageCap(ctx: RunContext): Promise<void> {
  await probe(ctx, 'page-cap', async () => {
    const first = (await ctx.api.read('/clusters?offset=0&limit=1000')) as { items?: unknown[]; limit?: unknown };
    const n = first.items?.length ?? 0;
    if (n >= 1000) return observe(ctx, 'page-cap', 'no cap');
    if (n === 0) return observe(ctx, 'page-cap', null, 'no clusters in the region');
    const next = (await ctx.api.read(`/clusters?offset=${n}&limit=1000`)) as { items?: unknown[] };
    if ((next.items?.length ?? 0) === 0)
      return observe(ctx, 'page-cap', null, `only ${n} clusters in the region: a cap above ${n} cannot be seen`);
    const echoed = echoedLimitOf(first);
    observe(
      ctx,
      'page-cap',
      echoed === n ? `announced cap ${n}` : `silent cap ${n}`,
      `limit echoed: ${String(echoed)}`,
    );
  });
}
