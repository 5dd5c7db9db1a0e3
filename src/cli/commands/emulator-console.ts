/** `pgensure emulator edit|seed|fail|hold|release|delete|backup|list`: console actions through the admin API. */
import { type ClusterRead, isRegion, type Region } from '../../api/types.js';
import { UsageError } from '../../errors.js';
import { parseChoice, parseCommandArgs, parseDuration, parsePositiveInt } from '../args.js';
import type { CliIo } from '../io.js';
import type { Outcome } from '../outcome.js';
import { describeChanges, parseAssignments } from './emulator-assign.js';
import { type AdminTarget, callAdmin, resolveTarget } from './emulator-client.js';
import { EMULATOR_HELP } from './emulator-help.js';

/** The console subcommands. */
export const CONSOLE_COMMANDS = ['edit', 'seed', 'fail', 'hold', 'release', 'delete', 'backup', 'list'] as const;
type ConsoleCommand = (typeof CONSOLE_COMMANDS)[number];

const OPTIONS = {
  url: { type: 'string' },
  'admin-token': { type: 'string' },
  format: { type: 'string' },
  by: { type: 'string' },
  id: { type: 'string' },
  state: { type: 'string' },
  message: { type: 'string' },
  'recover-after': { type: 'string' },
  for: { type: 'string' },
  stall: { type: 'string' },
  remove: { type: 'boolean' },
  resume: { type: 'boolean' },
  region: { type: 'string' },
  after: { type: 'string' },
  'on-request': { type: 'string' },
  nth: { type: 'string' },
  when: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const COMMON = ['url', 'admin-token', 'format', 'help'];
const TRIGGERS = ['after', 'on-request', 'nth', 'when'];
/** The flags each subcommand takes besides COMMON. */
const ALLOWED: Record<ConsoleCommand, string[]> = {
  edit: ['by', ...TRIGGERS],
  seed: ['id', 'state', 'by'],
  fail: ['message', 'recover-after', ...TRIGGERS],
  hold: ['state', 'for', 'message', ...TRIGGERS],
  release: TRIGGERS,
  delete: ['by', ...TRIGGERS],
  backup: ['stall', 'remove', 'resume'],
  list: ['region'],
};

function checkFlags(command: ConsoleCommand, values: Record<string, unknown>): void {
  for (const flag of Object.keys(values)) {
    if (values[flag] !== undefined && !COMMON.includes(flag) && !ALLOWED[command].includes(flag)) {
      throw new UsageError(`emulator ${command} does not take --${flag}`, { hint: "run 'pgensure emulator --help'" });
    }
  }
}

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];

interface Ctx {
  io: CliIo;
  target: AdminTarget;
  values: Values;
  args: string[];
  json: boolean;
}

function parseAddress(text: string | undefined): { region: Region; ref: string } {
  const [region, ref, ...rest] = (text ?? '').split('/');
  if (!isRegion(region) || ref === undefined || ref === '' || rest.length > 0) {
    throw new UsageError(`expected REGION/NAME or REGION/ID (got "${text ?? ''}")`, {
      hint: 'e.g. de-fra/orders-prod; regions: de-txl de-fra fr-par es-vit gb-lhr gb-bhx us-las us-mci us-ewr',
    });
  }
  return { region, ref };
}

/** The one cluster an address names (by id, else by exact name). */
async function findCluster(ctx: Ctx, address: string | undefined): Promise<ClusterRead> {
  const { region, ref } = parseAddress(address);
  const clusters = (await callAdmin(ctx.target, 'GET', `clusters?region=${region}`)) as ClusterRead[];
  const byId = clusters.filter((c) => c.id === ref);
  const matches = byId.length > 0 ? byId : clusters.filter((c) => c.properties.name === ref);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new UsageError(`no cluster ${ref} in ${region}`, { hint: `pgensure emulator list --region ${region}` });
  }
  throw new UsageError(
    `${matches.length} clusters are named ${ref} in ${region}: ${matches.map((c) => c.id).join(', ')}`,
    {
      hint: `name one by id: ${region}/${matches[0]!.id}`,
    },
  );
}

function print(ctx: Ctx, value: unknown, line: string): Outcome {
  ctx.io.stdout.write(ctx.json ? `${JSON.stringify(value, null, 2)}\n` : `${line}\n`);
  return 'done';
}

/** --after DUR or --on-request 'METHOD[ PATH]' [--nth N] [--when before|after]: the trigger, or undefined for now. */
function triggerOf(values: Values, cluster: ClusterRead): Record<string, unknown> | undefined {
  if (values.after !== undefined && values['on-request'] !== undefined) {
    throw new UsageError('give --after or --on-request, not both');
  }
  if (values.after !== undefined) return { afterMs: parseDuration('after', values.after, 0) };
  if (values['on-request'] === undefined) return undefined;
  const match = /^\s*([A-Za-z]+)(?:\s+(\/\S*))?\s*$/.exec(values['on-request']);
  if (match === null)
    throw new UsageError(`--on-request must look like 'METHOD[ PATH]' (got "${values['on-request']}")`);
  const request = { method: match[1]!.toUpperCase(), path: match[2] ?? `/clusters/${cluster.id}` };
  const when = parseChoice('when', values.when, ['before', 'after'], 'before');
  return { request, nth: parsePositiveInt('nth', values.nth, 1), when };
}

/** Runs `action` on the cluster now, or schedules it when a trigger flag is given. */
async function act(ctx: Ctx, cluster: ClusterRead, action: Record<string, unknown>, path: string, body: unknown) {
  const region = cluster.href.split('/').slice(-3)[0] as Region;
  const trigger = triggerOf(ctx.values, cluster);
  const address = `${region}/${cluster.properties.name}`;
  if (trigger === undefined)
    return (await callAdmin(ctx.target, 'POST', `${region}/clusters/${cluster.id}/${path}`, body)) as ClusterRead;
  const scheduled = (await callAdmin(ctx.target, 'POST', 'schedules', { region, id: cluster.id, action, trigger })) as {
    scheduleId: string;
  };
  print(ctx, scheduled, `scheduled ${scheduled.scheduleId}: ${action['kind']} ${address} ${describeTrigger(trigger)}`);
  return undefined;
}

function describeTrigger(trigger: Record<string, unknown>): string {
  if ('afterMs' in trigger) return `in ${trigger['afterMs']} ms`;
  const request = trigger['request'] as { method: string; path: string };
  return `${trigger['when']} request #${trigger['nth']} matching ${request.method} ${request.path}`;
}

async function edit(ctx: Ctx): Promise<Outcome> {
  const [address, ...assignments] = ctx.args;
  if (assignments.length === 0)
    throw new UsageError('edit needs at least one KEY=VALUE', { hint: 'e.g. instances.cores=8' });
  const cluster = await findCluster(ctx, address);
  const properties = parseAssignments(assignments, cluster.properties);
  const by = ctx.values.by ?? 'console-user@example.com';
  const after = await act(ctx, cluster, { kind: 'edit', properties, by }, 'edit', { properties, by });
  if (after === undefined) return 'done';
  const changes = describeChanges(cluster.properties, after.properties);
  const summary = changes.length === 0 ? 'no field changed' : changes.join('\n  ');
  return print(ctx, after, `edited ${address} (${after.id}) as ${by}:\n  ${summary}`);
}

async function seed(ctx: Ctx): Promise<Outcome> {
  const [address, ...assignments] = ctx.args;
  const { region, ref: name } = parseAddress(address);
  const { SAMPLE_CLUSTER } = await import('../../emulator/seed-shorthand.js');
  const properties = { ...parseAssignments(assignments, SAMPLE_CLUSTER), name };
  const body: Record<string, unknown> = { properties };
  for (const key of ['id', 'state', 'by'] as const) if (ctx.values[key] !== undefined) body[key] = ctx.values[key];
  const read = (await callAdmin(ctx.target, 'POST', `${region}/clusters`, body)) as ClusterRead;
  return print(ctx, read, `seeded ${region}/${name} (${read.id}), ${read.metadata.state}`);
}

async function simple(ctx: Ctx, command: 'fail' | 'hold' | 'release' | 'delete'): Promise<Outcome> {
  const { values } = ctx;
  if (command === 'fail' && values.message === undefined) {
    throw new UsageError('fail needs --message TEXT (the statusMessage)');
  }
  const cluster = await findCluster(ctx, ctx.args[0]);
  const body: Record<string, unknown> = {};
  if (command === 'fail') {
    body['message'] = values.message;
    if (values['recover-after'] !== undefined)
      body['recoverAfterMs'] = parseDuration('recover-after', values['recover-after'], 0);
  }
  if (command === 'hold') {
    if (values.state !== undefined) body['state'] = values.state;
    if (values.for !== undefined) body['forMs'] = parseDuration('for', values.for, 0);
    if (values.message !== undefined) body['statusMessage'] = values.message;
  }
  if (command === 'delete' && values.by !== undefined) body['by'] = values.by;
  const read = await act(ctx, cluster, { kind: command, ...body }, command, body);
  if (read === undefined) return 'done';
  const note = read.metadata.statusMessage === undefined ? '' : ` (${read.metadata.statusMessage})`;
  return print(ctx, read, `${command}: ${ctx.args[0]} (${read.id}) is ${read.metadata.state}${note}`);
}

async function backup(ctx: Ctx): Promise<Outcome> {
  const { stall, remove, resume } = ctx.values;
  const chosen = [stall !== undefined, remove === true, resume === true].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError('backup needs exactly one of --stall DUR, --remove, --resume');
  const cluster = await findCluster(ctx, ctx.args[0]);
  const region = parseAddress(ctx.args[0]).region;
  const action = stall !== undefined ? 'stall' : remove ? 'remove' : 'resume';
  const body = stall !== undefined ? { agoMs: parseDuration('stall', stall, 0) } : {};
  const backups = (await callAdmin(ctx.target, 'POST', `${region}/clusters/${cluster.id}/backup/${action}`, body)) as {
    properties: { isActive: boolean; latestRecoveryTargetTime: string | null };
  }[];
  const active = backups.find((b) => b.properties.isActive);
  const latest =
    active === undefined
      ? 'no active backup'
      : `latest recovery point ${active.properties.latestRecoveryTargetTime ?? 'now'}`;
  return print(ctx, backups, `backup ${action}: ${ctx.args[0]}: ${latest}`);
}

async function list(ctx: Ctx): Promise<Outcome> {
  const region = ctx.values.region;
  if (region !== undefined && !isRegion(region)) throw new UsageError(`--region: unknown region "${region}"`);
  const clusters = (await callAdmin(
    ctx.target,
    'GET',
    region === undefined ? 'clusters' : `clusters?region=${region}`,
  )) as ClusterRead[];
  const lines = clusters.map(
    (c) => `${c.href.split('/').slice(-3)[0]}/${c.properties.name}  ${c.id}  ${c.metadata.state}`,
  );
  return print(ctx, clusters, lines.length === 0 ? 'no clusters' : lines.join('\n'));
}

/** Runs one console subcommand against a running emulator. */
export async function runConsoleCommand(command: ConsoleCommand, argv: string[], io: CliIo): Promise<Outcome> {
  const { values, positionals } = parseCommandArgs(`emulator ${command}`, argv, OPTIONS);
  if (values.help) {
    io.stdout.write(EMULATOR_HELP);
    return 'done';
  }
  checkFlags(command, values);
  const json = parseChoice('format', values.format, ['text', 'json'], 'text') === 'json';
  const ctx: Ctx = {
    io,
    target: resolveTarget(values.url, values['admin-token'], io.env),
    values,
    args: positionals,
    json,
  };
  if (command === 'edit') return edit(ctx);
  if (command === 'seed') return seed(ctx);
  if (command === 'backup') return backup(ctx);
  if (command === 'list') return list(ctx);
  return simple(ctx, command);
}
