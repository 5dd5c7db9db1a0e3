/**
 * The fleet of the plan-output golden (test/e2e/plan-golden.e2e.test.ts): 1,000 spec documents that use every
 * optional field both ways (given and defaulted), flat and nested backup, labels, pinned ids, both password kinds,
 * policies, restoreFromBackup on bound clusters, text that needs escaping; and the live clusters of three worlds (in
 * sync, drifted, drifted with a field pgensure does not know). Everything is a pure function of the index, so the
 * files, the live state and therefore the plan are the same on every run. The live properties are written out here,
 * independently of src/desired, so a change in normalisation shows up as a changed plan, not as a changed seed.
 * Never change this file without regenerating the golden on purpose (see the test).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '../../src/emulator/index.js';

export const GOLDEN_SIZE = 1000;
export const GOLDEN_PASSWORD_ENV = 'PGENSURE_GOLDEN_PASSWORD';
const REGIONS = ['de-txl', 'de-fra', 'fr-par', 'es-vit', 'gb-lhr', 'gb-bhx', 'us-las', 'us-mci', 'us-ewr'] as const;
type Region = (typeof REGIONS)[number];
/** A second backup location of each region (the emulator's catalogue), for the replace cases. */
const OTHER_LOCATION: Record<Region, string> = {
  'de-txl': 'eu-central-2',
  'de-fra': 'eu-central-4',
  'fr-par': 'eu-central-4',
  'es-vit': 'eu-south-2',
  'gb-lhr': 'eu-central-4',
  'gb-bhx': 'eu-central-4',
  'us-las': 'us-central-1',
  'us-mci': 'us-central-1',
  'us-ewr': 'us-central-1',
};
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const VERSIONS = ['14', '15', '16', '17'];
const POOLERS = [undefined, 'DISABLED', 'TRANSACTION', 'SESSION'] as const;
const DOCS_PER_FILE = 50;
const UNMANAGED = 30;

/** One document of the fleet, as data: what the file says (undefined = left to its default). */
export interface GoldenMember {
  i: number;
  region: Region;
  name: string;
  id: string;
  pinned: boolean;
  labels?: Record<string, string>;
  description?: string;
  version: string;
  instances: { count: number; cores: number; ram: number; storageSize: number };
  connection: { datacenterId: string; lanId: string; primaryInstanceAddress: string };
  maintenanceWindow?: { dayOfTheWeek: string; time: string };
  replicationMode?: string;
  connectionPooler?: string;
  flatBackup: boolean;
  retentionDays?: number;
  logsEnabled?: boolean;
  metricsEnabled?: boolean;
  password: { fromEnv: string } | { fromFile: string };
  restoreBackupId?: string;
  policy?: { ensure?: 'absent'; preventDestroy?: boolean; allowReplace?: boolean };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** A valid v4-shaped UUID that is a function of a label and a number. */
const uuidOf = (label: number, n: number) => `${pad(label, 8)}-0000-4000-8000-${pad(n, 12)}`;

function describe(i: number): string | undefined {
  if (i % 5 === 0) return undefined;
  if (i % 7 === 0) return `Billing @team #${i} | <b>pay</b> *now* \`x\` ${i}`;
  return `Service ${i}`;
}

function policyOf(i: number): GoldenMember['policy'] {
  const policy: GoldenMember['policy'] = {};
  if (i % 50 === 7) policy.ensure = 'absent';
  if (i % 40 === 3) policy.preventDestroy = true;
  if (i % 45 === 2) policy.allowReplace = true;
  return Object.keys(policy).length > 0 ? policy : undefined;
}

/** Member `i`: a pure function of `i`. */
export function goldenMember(i: number): GoldenMember {
  const count = 1 + (i % 3);
  const member: GoldenMember = {
    i,
    region: REGIONS[i % REGIONS.length]!,
    name: i % 8 === 5 ? `orders-${pad(i, 4)}-db` : `svc-${pad(i, 4)}`,
    id: uuidOf(1, i),
    pinned: i % 13 === 0,
    version: VERSIONS[i % VERSIONS.length]!,
    instances: { count, cores: 2 + 2 * (i % 2), ram: 4 * (1 + (i % 4)), storageSize: 20 + (i % 10) * 10 },
    connection: {
      datacenterId: uuidOf(2, i % 40),
      lanId: String(1 + (i % 4)),
      primaryInstanceAddress: `192.168.${(i >> 8) & 255}.${i & 255}/24`,
    },
    flatBackup: i % 6 === 0,
    password: i % 9 === 4 ? { fromFile: '../secrets/golden-password.txt' } : { fromEnv: GOLDEN_PASSWORD_ENV },
  };
  const description = describe(i);
  if (description !== undefined) member.description = description;
  if (i % 4 === 0) member.labels = { env: 'prod', team: `t${i % 5}` };
  if (i % 3 !== 0) member.maintenanceWindow = { dayOfTheWeek: DAYS[i % 7]!, time: `0${i % 6}:30:00` };
  if (count >= 3 && i % 2 === 0) member.replicationMode = 'STRICTLY_SYNCHRONOUS';
  else if (i % 11 === 0) member.replicationMode = 'ASYNCHRONOUS';
  const pooler = POOLERS[i % 4];
  if (pooler !== undefined) member.connectionPooler = pooler;
  if (!member.flatBackup && i % 4 !== 0) member.retentionDays = 7 + (i % 30);
  if (i % 2 === 0) member.logsEnabled = true;
  if (i % 5 === 1) member.metricsEnabled = i % 10 === 1;
  if (i % 97 === 5) member.restoreBackupId = uuidOf(3, i);
  const policy = policyOf(i);
  if (policy !== undefined) member.policy = policy;
  return member;
}

export const GOLDEN_FLEET: readonly GoldenMember[] = Array.from({ length: GOLDEN_SIZE }, (_, i) => goldenMember(i));

const q = (value: string) => JSON.stringify(value);

function toYaml(m: GoldenMember): string {
  const lines = [`# golden cluster ${m.i}`, 'apiVersion: pgensure/v1', 'kind: PostgresCluster', 'metadata:'];
  lines.push(`  name: ${m.name}`, `  region: ${m.region}`);
  if (m.pinned) lines.push(`  id: ${m.id.toUpperCase()}`);
  if (m.labels) lines.push(`  labels: { env: ${m.labels.env}, team: ${m.labels.team} }`);
  lines.push('spec:');
  if (m.description !== undefined) lines.push(`  description: ${q(m.description)}`);
  lines.push(`  version: "${m.version}"`);
  const n = m.instances;
  if (m.i % 2 === 0) {
    lines.push(`  instances: { count: ${n.count}, cores: ${n.cores}, ram: ${n.ram}, storageSize: ${n.storageSize} }`);
  } else {
    lines.push('  instances:', `    count: ${n.count}`, `    cores: ${n.cores}`, `    ram: ${n.ram}`);
    lines.push(`    storageSize: ${n.storageSize}`);
  }
  const c = m.connection;
  lines.push('  connection:', `    datacenterId: ${c.datacenterId}`, `    lanId: "${c.lanId}"`);
  lines.push(`    primaryInstanceAddress: ${c.primaryInstanceAddress}`);
  if (m.maintenanceWindow) {
    const w = m.maintenanceWindow;
    lines.push(`  maintenanceWindow: { dayOfTheWeek: ${w.dayOfTheWeek}, time: "${w.time}" }`);
  }
  if (m.replicationMode) lines.push(`  replicationMode: ${m.replicationMode}`);
  if (m.connectionPooler) lines.push(`  connectionPooler: ${m.connectionPooler}`);
  if (m.flatBackup) lines.push('  backupLocation: eu-central-3');
  else if (m.retentionDays === undefined) lines.push('  backup: { location: eu-central-3 }');
  else lines.push('  backup:', '    location: eu-central-3', `    retentionDays: ${m.retentionDays}`);
  if (m.logsEnabled !== undefined) lines.push(`  logsEnabled: ${m.logsEnabled}`);
  if (m.metricsEnabled !== undefined) lines.push(`  metricsEnabled: ${m.metricsEnabled}`);
  lines.push('  credentials:', `    username: app_${m.i % 10}`, `    database: db${m.i % 3}`);
  const pw = m.password;
  lines.push(`    password: ${'fromEnv' in pw ? `{ fromEnv: ${pw.fromEnv} }` : `{ fromFile: ${pw.fromFile} }`}`);
  if (m.restoreBackupId) lines.push('  restoreFromBackup:', `    sourceBackupId: ${m.restoreBackupId}`);
  if (m.policy) {
    lines.push('policy:');
    for (const [key, value] of Object.entries(m.policy)) lines.push(`  ${key}: ${value}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the fleet under `root/fleet/<region>/part-NN.yaml` (and the password file under root/secrets). */
export function writeGoldenFleet(root: string): void {
  for (const region of REGIONS) {
    mkdirSync(join(root, 'fleet', region), { recursive: true });
    const members = GOLDEN_FLEET.filter((m) => m.region === region);
    for (let start = 0; start < members.length; start += DOCS_PER_FILE) {
      const text = members
        .slice(start, start + DOCS_PER_FILE)
        .map(toYaml)
        .join('---\n');
      writeFileSync(join(root, 'fleet', region, `part-${pad(start / DOCS_PER_FILE, 2)}.yaml`), text);
    }
  }
  mkdirSync(join(root, 'secrets'), { recursive: true });
  writeFileSync(join(root, 'secrets', 'golden-password.txt'), 'Golden-Passw0rd!1234\n');
}

/** The live v2 properties of an in-sync member, defaults written out by hand (never via src/desired). */
export function liveProperties(m: GoldenMember): Record<string, unknown> {
  return {
    name: m.name,
    description: m.description ?? '',
    version: m.version,
    instances: { ...m.instances },
    connection: { ...m.connection },
    maintenanceWindow: m.maintenanceWindow ? { ...m.maintenanceWindow } : { dayOfTheWeek: 'Sunday', time: '03:00:00' },
    replicationMode: m.replicationMode ?? 'ASYNCHRONOUS',
    connectionPooler: m.connectionPooler ?? 'DISABLED',
    backup: { location: 'eu-central-3', retentionDays: m.retentionDays ?? 7 },
    logsEnabled: m.logsEnabled ?? false,
    metricsEnabled: m.metricsEnabled ?? false,
  };
}

export type GoldenWorld = 'in-sync' | 'drifted' | 'drifted-kept';

type Props = Record<string, unknown> & {
  instances: GoldenMember['instances'];
  maintenanceWindow: { dayOfTheWeek: string; time: string };
  backup: { location: string; retentionDays: number };
};

/** How the drifted worlds' live cluster differs from member `m` (the console's edits), or undefined: untouched. */
function driftOf(m: GoldenMember, p: Props): Props | undefined {
  const i = m.i;
  let changed = false;
  const edit = (apply: () => void) => {
    apply();
    changed = true;
  };
  if (i % 10 === 1) edit(() => (p.instances = { ...p.instances, cores: p.instances.cores + 2 }));
  if (i % 17 === 2) edit(() => (p.description = `changed in the console ${i}`));
  if (i % 23 === 3) edit(() => (p.instances = { ...p.instances, storageSize: p.instances.storageSize - 10 }));
  if (i % 29 === 4) edit(() => (p.maintenanceWindow = { ...p.maintenanceWindow, time: '23:15:00' }));
  if (i % 31 === 5) edit(() => (p.instances = { ...p.instances, count: p.instances.count + 1 }));
  if (i % 37 === 6) edit(() => (p.version = String(Number(m.version) - 1)));
  if (i % 43 === 7) edit(() => Object.assign(p, { logsEnabled: !p.logsEnabled, connectionPooler: 'SESSION' }));
  if (i % 45 === 2 && m.policy?.ensure !== 'absent')
    edit(() => (p.backup = { ...p.backup, location: OTHER_LOCATION[m.region] }));
  if (i % 47 === 8) edit(() => (p.backup = { ...p.backup, retentionDays: p.backup.retentionDays + 1 }));
  return changed ? p : undefined;
}

/** Whether member `m` has a live cluster in a world. */
function isLive(m: GoldenMember, world: GoldenWorld): boolean {
  if (world === 'in-sync') return m.policy?.ensure !== 'absent';
  // Drifted: the absent ones exist (a delete), a few are gone (a create; never one that restores from a backup).
  return !(m.i % 53 === 8 && m.restoreBackupId === undefined);
}

/** Seeds the live clusters of a world: members, then unmanaged ones; states and console edits as the world says. */
export function seedGoldenWorld(emulator: RunningEmulator, world: GoldenWorld): void {
  for (const m of GOLDEN_FLEET) {
    if (!isLive(m, world)) continue;
    const busy = m.i % 101 === 1 ? 'UPDATING' : m.i % 103 === 2 ? 'FAILED' : undefined;
    const opts =
      busy === 'UPDATING' ? { id: m.id, state: busy, hold: {} } : { id: m.id, ...(busy ? { state: busy } : {}) };
    emulator.seedCluster(m.region, liveProperties(m) as never, opts);
    if (world === 'in-sync') continue;
    const edited = driftOf(m, liveProperties(m) as Props);
    if (edited !== undefined) emulator.editCluster(m.region, m.id, () => edited as never, 'console@example.com');
    if (world === 'drifted-kept' && m.i % 19 === 4)
      emulator.editCluster(m.region, m.id, (p) => ({ ...p, storageAutoscale: true }) as never, 'ops@example.com');
  }
  for (let k = 0; k < UNMANAGED; k++) {
    const template = goldenMember(5000 + k);
    const region = REGIONS[(k * 4) % REGIONS.length]!;
    const properties = { ...liveProperties(template), name: `legacy-${pad(k, 2)}` };
    emulator.seedCluster(region, properties as never, { id: uuidOf(4, k) });
  }
}
