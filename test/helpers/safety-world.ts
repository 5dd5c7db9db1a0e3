import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterProperties, DayOfTheWeek, Region } from '../../src/api/types.js';
import {
  type EmulatorOptions,
  type RecordedRequest,
  type RunningEmulator,
  startEmulator,
} from '../../src/emulator/index.js';
import { type CliRun, runCli } from './run-cli.js';

export const SAFETY_TOKEN = 'safety-e2e-token-91c4';
export const SAFETY_PASSWORD_ENV = 'SAFETY_PG_PASSWORD';
export const SAFETY_PASSWORD = 'Safety-Passw0rd!';

/** One spec document; every field the safety tests vary, the rest fixed. */
export interface SpecOptions {
  name: string;
  region?: Region;
  version?: string;
  cores?: number;
  storageSize?: number;
  location?: string;
  description?: string;
  ensure?: 'present' | 'absent';
  /** The weekly maintenance window (default Sunday 03:00:00). */
  window?: { dayOfTheWeek: DayOfTheWeek; time: string };
  /** instances.count (default 1). */
  count?: number;
  /** restoreFromBackup, written on lines 28–30 (see SPEC_LINES). */
  restore?: { sourceBackupId: string; recoveryTargetDatetime?: string };
}

/** Lines of the fields that plan-time checks point at, in the YAML that `specYaml` writes. */
export const SPEC_LINES = {
  version: 8,
  storageSize: 13,
  location: 22,
  sourceBackupId: 29,
  recoveryTargetDatetime: 30,
} as const;

/** A spec document with fixed line numbers (see SPEC_LINES), so tests can assert file:line. */
export function specYaml(o: SpecOptions): string {
  const lines = [
    'apiVersion: pgensure/v1',
    'kind: PostgresCluster',
    'metadata:',
    `  name: ${o.name}`,
    `  region: ${o.region ?? 'de-fra'}`,
    'spec:',
    `  description: ${o.description ?? 'safety test'}`,
    `  version: "${o.version ?? '16'}"`,
    '  instances:',
    `    count: ${o.count ?? 1}`,
    `    cores: ${o.cores ?? 2}`,
    '    ram: 4',
    `    storageSize: ${o.storageSize ?? 20}`,
    '  connection:',
    '    datacenterId: 5a029f4a-72e5-11ec-90d6-0242ac120003',
    '    lanId: "2"',
    '    primaryInstanceAddress: 192.168.1.10/24',
    '  maintenanceWindow:',
    `    dayOfTheWeek: ${o.window?.dayOfTheWeek ?? 'Sunday'}`,
    `    time: "${o.window?.time ?? '03:00:00'}"`,
    '  backup:',
    `    location: ${o.location ?? 'eu-central-3'}`,
    '    retentionDays: 7',
    '  credentials:',
    '    username: app_user',
    '    database: app',
    `    password: { fromEnv: ${SAFETY_PASSWORD_ENV} }`,
  ];
  if (o.restore) {
    lines.push('  restoreFromBackup:', `    sourceBackupId: ${o.restore.sourceBackupId}`);
    if (o.restore.recoveryTargetDatetime)
      lines.push(`    recoveryTargetDatetime: "${o.restore.recoveryTargetDatetime}"`);
  }
  if (o.ensure === 'absent') lines.push('policy:', '  ensure: absent');
  return `${lines.join('\n')}\n`;
}

/** The readable properties `specYaml` describes, for seeding a live cluster the spec will bind to. */
export function liveProperties(o: SpecOptions): ClusterProperties {
  return {
    name: o.name,
    description: o.description ?? 'safety test',
    version: o.version ?? '16',
    instances: { count: o.count ?? 1, cores: o.cores ?? 2, ram: 4, storageSize: o.storageSize ?? 20 },
    connection: {
      datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
      lanId: '2',
      primaryInstanceAddress: '192.168.1.10/24',
    },
    maintenanceWindow: o.window ?? { dayOfTheWeek: 'Sunday', time: '03:00:00' },
    replicationMode: 'ASYNCHRONOUS',
    backup: { location: o.location ?? 'eu-central-3', retentionDays: 7 },
  };
}

/** An emulator plus a scratch directory of spec files, and a CLI runner pointed at both. */
export interface SafetyWorld {
  emulator: RunningEmulator;
  dir: string;
  /** Writes specs/<name>.yaml (relative path returned, as the CLI prints it). */
  writeSpec(o: SpecOptions): string;
  removeSpec(name: string): void;
  cli(args: string[], opts?: { env?: Record<string, string>; onSpawn?: (pid: number) => void }): Promise<CliRun>;
  /** PUT/DELETE/POST requests recorded so far. */
  writes(): RecordedRequest[];
  /** Live clusters in a region carrying `name`. */
  named(name: string, region?: Region): ReturnType<RunningEmulator['listClusters']>;
  close(): Promise<void>;
}

export async function startSafetyWorld(options: EmulatorOptions = {}): Promise<SafetyWorld> {
  const emulator = await startEmulator({ token: SAFETY_TOKEN, provisioningDelayMs: 150, ...options });
  const dir = mkdtempSync(join(tmpdir(), 'pgensure-safety-'));
  mkdirSync(join(dir, 'specs'));
  return {
    emulator,
    dir,
    writeSpec(o) {
      const file = `specs/${o.name}.yaml`;
      writeFileSync(join(dir, file), specYaml(o));
      return file;
    },
    removeSpec: (name) => rmSync(join(dir, `specs/${name}.yaml`)),
    cli: (args, opts = {}) =>
      runCli(args, {
        cwd: dir,
        env: {
          IONOS_TOKEN: SAFETY_TOKEN,
          PGENSURE_ENDPOINT: emulator.endpointTemplate,
          [SAFETY_PASSWORD_ENV]: SAFETY_PASSWORD,
          ...opts.env,
        },
        ...(opts.onSpawn ? { onSpawn: opts.onSpawn } : {}),
      }),
    writes: () => emulator.requests.filter((r) => r.method !== 'GET'),
    named: (name, region = 'de-fra') => emulator.listClusters(region).filter((c) => c.properties.name === name),
    close: async () => {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fast apply flags for tests: no prompt, quick polls. */
export const FAST_APPLY = ['--auto-approve', '--poll-interval', '40ms'];

/**
 * Resolves once `check` holds, polling the in-process emulator every 5 ms; rejects (with the CLI's output) if the
 * CLI exits first, so a test never hangs on a condition that can no longer come true.
 */
export async function waitUntil(check: () => boolean, running: Promise<CliRun>): Promise<void> {
  let exited: CliRun | undefined;
  void running.then((run) => {
    exited = run;
  });
  while (!check()) {
    if (exited)
      throw new Error(
        `the CLI exited (${exited.code}) before the awaited condition:\n${exited.stdout}\n${exited.stderr}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
