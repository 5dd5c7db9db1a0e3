/** Direct PUTs to the scratch cluster (its own state sent back), for the answers the CLI never provokes. */
import { describeAnswer, statusWithCode } from './api.js';
import { observe, pause, type RunContext } from './context.js';

/** PUTs the cluster's own readable properties (plus credentials and `extra` top-level keys) back. */
export async function putProperties(
  ctx: RunContext,
  id: string,
  properties: unknown,
  extra: Record<string, unknown> = {},
) {
  const credentials = { username: 'pgensure_live', database: 'pgensure_live', password: ctx.password };
  const body = { id, ...extra, properties: { ...(properties as object), credentials } };
  return ctx.api.call('PUT', `/clusters/${id}`, { body });
}

/** Waits until the scratch cluster is AVAILABLE again (after a direct PUT that was accepted). */
async function waitAvailable(ctx: RunContext): Promise<void> {
  const deadline = Date.now() + ctx.config.waitTimeoutMs;
  for (;;) {
    const interruption = ctx.interrupted();
    if (interruption !== null) throw new Error(`interrupted by ${interruption}`);
    const cluster = await ctx.watcher.look();
    if (cluster?.state === 'AVAILABLE') return;
    if (cluster === undefined || cluster.state === 'FAILED')
      throw new Error(`the cluster is ${cluster?.state ?? 'gone'}`);
    if (Date.now() > deadline) throw new Error(`still ${cluster.state} after ${ctx.config.waitTimeoutMs / 60_000} min`);
    await pause(ctx.config.pollMs);
  }
}

/** Direct PUTs of the current state: unchanged, with an unknown top-level key, and without description. */
export async function probeDirectPuts(ctx: RunContext): Promise<string> {
  const id = ctx.clusterId!;
  const current = () => ctx.api.read(`/clusters/${id}`) as Promise<{ properties: Record<string, unknown> }>;
  const noop = await putProperties(ctx, id, (await current()).properties);
  const state = (noop.body as { metadata?: { state?: unknown } } | undefined)?.metadata?.state;
  observe(
    ctx,
    'noop-put',
    `${noop.status}, ${String(state ?? (await ctx.watcher.look())?.state)}`,
    statusWithCode(noop),
  );
  await waitAvailable(ctx);
  const unknownKey = await putProperties(ctx, id, (await current()).properties, { pgensureProbe: true });
  ctx.errorSamples.push(unknownKey);
  observe(ctx, 'unknown-top-level-key', String(unknownKey.status), statusWithCode(unknownKey));
  if (unknownKey.status < 300) await waitAvailable(ctx);
  const { description: _dropped, ...withoutDescription } = (await current()).properties;
  const omitted = await putProperties(ctx, id, withoutDescription);
  if (omitted.status >= 300) throw new Error(`PUT without description answered ${describeAnswer(omitted)}`);
  await waitAvailable(ctx);
  const after = (await current()).properties.description;
  observe(ctx, 'description-omitted', after === undefined ? 'absent' : after === '' ? 'reset to ""' : 'kept');
  return `3 PUTs: ${noop.status}, ${unknownKey.status}, ${omitted.status}`;
}
