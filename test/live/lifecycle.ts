/** The scratch cluster's life, all through the BUILT CLI (plan --out, apply --plan), watched and probed meanwhile. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { itemsOf, statusWithCode } from './api.js';
import { type CliResult, loggedRequests } from './cli.js';
import { observe, probe, type RunContext } from './context.js';
import {
  describeDnsName,
  describeIdentities,
  describeListShape,
  describeUnknownProperties,
  describeUrn,
} from './derive.js';
import { putProperties } from './probes-write.js';
import { renderSpec, type ScratchSpec } from './scratch.js';

/** plan + apply the spec as it is now; returns the apply run (the caller judges it) and the plan's change. */
async function planAndApply(ctx: RunContext, label: string): Promise<{ apply: CliResult; change: PlanChange }> {
  const specs = join(ctx.dir, 'specs');
  mkdirSync(specs, { recursive: true });
  writeFileSync(join(specs, 'scratch.yaml'), renderSpec(ctx.spec));
  const planFile = join(ctx.dir, `${label}.plan.json`);
  const plan = await ctx.cli.run(['plan', specs, '--out', planFile, '--log-level', 'debug'], ctx.dir);
  if (plan.code !== 0) throw new Error(`pgensure plan exited ${plan.code}: ${errorLines(plan)}`);
  const change = readChange(planFile, ctx.spec.name);
  const poll = `${Math.max(200, 2 * ctx.config.pollMs)}ms`;
  const wait = `${Math.round(ctx.config.waitTimeoutMs / 1000)}s`;
  ctx.watcher.start();
  try {
    const apply = await ctx.cli.run(
      [
        'apply',
        '--plan',
        planFile,
        '--auto-approve',
        '--poll-interval',
        poll,
        '--wait-timeout',
        wait,
        '--log-level',
        'debug',
      ],
      ctx.dir,
    );
    return { apply, change };
  } finally {
    await ctx.watcher.stop();
  }
}

interface PlanChange {
  action: string;
  id: string | null;
  patch: { path: string }[];
}

function readChange(planFile: string, name: string): PlanChange {
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as { changes: (PlanChange & { name: string })[] };
  const change = plan.changes.find((c) => c.name === name);
  if (change === undefined) throw new Error(`the plan has no change for ${name}`);
  return change;
}

/** The `Error:` and `Hint:` lines of a CLI run, for a failed step's detail. */
export function errorLines(run: CliResult): string {
  const lines = run.stderr.split('\n').filter((l) => /^(Error|Hint| {2}cause)/.test(l));
  return lines.join(' / ') || run.stderr.trim().split('\n').at(-1) || '(no output)';
}

/** Creates the scratch cluster; meanwhile, PUTs to it once while PROVISIONING (is a busy PUT a 409?). */
export async function createScratch(ctx: RunContext): Promise<string> {
  observe(ctx, 'put-while-busy', null, 'the cluster was never seen PROVISIONING');
  ctx.watcher.once('PROVISIONING', (cluster) =>
    probe(ctx, 'put-while-busy', async () => {
      const answer = await putProperties(ctx, cluster.id, cluster.raw.properties);
      ctx.errorSamples.push(answer);
      observe(ctx, 'put-while-busy', String(answer.status), statusWithCode(answer));
    }),
  );
  const { apply, change } = await planAndApply(ctx, 'create');
  ctx.plannedId = change.id ?? undefined;
  const requests = loggedRequests(apply.stderr);
  const put = requests.find((r) => r.method === 'PUT' && r.path === `/clusters/${change.id}`);
  const sent = put === undefined ? 'not sent (the CLI sent no PUT for the create)' : (put.code ?? '');
  observe(ctx, 'put-create', put === undefined ? 'not sent' : String(put.status ?? put.code), sent);
  const post = requests.find((r) => r.method === 'POST');
  observe(ctx, 'post-create', post === undefined ? 'not needed' : String(post.status ?? post.code), '');
  const cluster = await ctx.watcher.look();
  ctx.clusterId = cluster?.id;
  observe(
    ctx,
    'created-id',
    cluster === undefined ? 'not created' : cluster.id === change.id ? 'the planned id' : 'a server-chosen id',
  );
  if (apply.code !== 0) throw new Error(`pgensure apply (create) exited ${apply.code}: ${errorLines(apply)}`);
  if (cluster === undefined) throw new Error('apply succeeded, yet no cluster of that name is listed');
  return `${change.action} by ${post === undefined ? 'PUT' : 'POST'}, ${Math.round(apply.ms / 1000)}s`;
}

/** Reads the new cluster back: re-plan, unknown fields, metadata shapes, filter.name, its backup record. */
export async function inspectScratch(ctx: RunContext): Promise<string> {
  const id = ctx.clusterId!;
  const replanned = await replan(ctx);
  observe(ctx, 'replan-after-create', replanned);
  const read = (await ctx.api.read(`/clusters/${id}`)) as { properties?: unknown; metadata?: Record<string, unknown> };
  observe(ctx, 'unknown-properties', describeUnknownProperties(read.properties));
  observe(ctx, 'identities', describeIdentities(read.metadata));
  observe(ctx, 'dns-name', describeDnsName(read.metadata?.dnsName, ctx.spec.region));
  observe(ctx, 'resource-urn', describeUrn(read.metadata?.resourceURN, ctx.spec.region, id));
  await probe(ctx, 'list-shape', async () => {
    const list = await ctx.api.read(`/clusters?filter.name=${encodeURIComponent(ctx.spec.name)}`);
    observe(ctx, 'list-shape', describeListShape(list));
  });
  await probe(ctx, 'filter-name', async () => {
    const has = async (filter: string) =>
      itemsOf(await ctx.api.read(`/clusters?filter.name=${encodeURIComponent(filter)}`)).some((c) => c.id === id);
    const substring = await has(ctx.spec.name.slice(3, -3));
    const ignoresCase = await has(ctx.spec.name.toUpperCase());
    observe(
      ctx,
      'filter-name',
      `${substring ? 'substring' : 'not substring'}, ${ignoresCase ? 'case-insensitive' : 'case-sensitive'}`,
    );
  });
  ctx.backupsAfterCreate = await countBackups(ctx, id);
  return replanned;
}

/** The cluster's backup records, and how many are active. */
async function countBackups(ctx: RunContext, clusterId: string): Promise<{ records: number; active: number }> {
  const items = itemsOf(await ctx.api.read(`/backups?filter.clusterId=${clusterId}`));
  const active = items.filter((b) => (b.properties as { isActive?: unknown } | undefined)?.isActive === true).length;
  return { records: items.length, active };
}

async function replan(ctx: RunContext): Promise<string> {
  const run = await ctx.cli.run(['plan', join(ctx.dir, 'specs'), '--format', 'json', '--detailed-exitcode'], ctx.dir);
  if (run.code === 0) return 'no changes';
  if (run.code !== 2) return `plan failed: ${errorLines(run)}`;
  const plan = JSON.parse(run.stdout) as { changes: PlanChange[] };
  const paths = plan.changes.filter((c) => c.action !== 'noop').flatMap((c) => c.patch.map((p) => p.path));
  return `changes: ${paths.join(', ') || 'actions only'}`;
}

/** Updates description and backup retention through the CLI; does lastModifiedDate move? */
export async function updateScratch(ctx: RunContext): Promise<string> {
  const before = ctx.watcher.modified.at(-1);
  ctx.spec = {
    ...ctx.spec,
    description: `${ctx.spec.description} (updated)`,
    retentionDays: ctx.spec.retentionDays + 1,
  };
  const { apply } = await planAndApply(ctx, 'update');
  const put = loggedRequests(apply.stderr).find((r) => r.method === 'PUT');
  observe(ctx, 'put-update', put?.status === undefined ? null : String(put.status), put?.code ?? '');
  if (apply.code !== 0) throw new Error(`pgensure apply (update) exited ${apply.code}: ${errorLines(apply)}`);
  await ctx.watcher.look();
  const after = ctx.watcher.modified.at(-1);
  observe(ctx, 'last-modified-after-put', before !== undefined && after !== before ? 'moves' : 'unchanged');
  const again = await replan(ctx);
  if (again !== 'no changes') throw new Error(`after the update, plan still shows ${again}`);
  return `${Math.round(apply.ms / 1000)}s, then no changes`;
}

/** Deletes it through the CLI (`policy.ensure: absent`); meanwhile, DELETEs once more while DESTROYING. */
export async function deleteScratch(ctx: RunContext): Promise<string> {
  observe(ctx, 'delete-while-busy', null, 'the cluster was never seen DESTROYING');
  ctx.watcher.once('DESTROYING', (cluster) =>
    probe(ctx, 'delete-while-busy', async () => {
      const answer = await ctx.api.call('DELETE', `/clusters/${cluster.id}`);
      observe(ctx, 'delete-while-busy', String(answer.status), statusWithCode(answer));
    }),
  );
  ctx.spec = { ...ctx.spec, absent: true } satisfies ScratchSpec;
  const { apply } = await planAndApply(ctx, 'delete');
  const del = loggedRequests(apply.stderr).find((r) => r.method === 'DELETE');
  observe(ctx, 'delete-answer', del?.status === undefined ? null : String(del.status), del?.code ?? '');
  if (apply.code !== 0) throw new Error(`pgensure apply (delete) exited ${apply.code}: ${errorLines(apply)}`);
  if ((await ctx.watcher.look()) !== undefined) throw new Error('apply finished, yet the cluster is still listed');
  const before = ctx.backupsAfterCreate;
  const after = await countBackups(ctx, ctx.clusterId!);
  const created =
    before === undefined
      ? '?'
      : before.records === 0
        ? 'none'
        : `${before.records} ${before.active === before.records ? 'active' : `(${before.active} active)`}`;
  const deleted =
    after.records === 0 ? 'gone' : after.active === 0 ? 'inactive' : `${after.active} of ${after.records} still active`;
  observe(ctx, 'backup-record', `after create: ${created}; after delete: ${deleted}`);
  return `${Math.round(apply.ms / 1000)}s`;
}
