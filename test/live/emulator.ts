/** Emulator mode: the bundled emulator (`pgensure emulator`), started as a user would, and its seeds. */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** A running bundled emulator. */
export interface BundledEmulator {
  url: string;
  endpointTemplate: string;
  token: string;
  /** The admin API's token (`x-emulator-token`): seeding and counting go through the admin API. */
  adminToken: string;
  /** Whether it is gone (a Ctrl-C in the terminal reaches it too). */
  exited(): boolean;
  stop(): Promise<void>;
}

/** Starts `pgensure emulator --port 0` with its own token; `extraArgs` come from PGENSURE_LIVE_EMULATOR_ARGS. */
export async function startBundledEmulator(bin: string, extraArgs: readonly string[]): Promise<BundledEmulator> {
  const token = `live-${randomBytes(8).toString('hex')}`;
  const adminToken = `live-admin-${randomBytes(8).toString('hex')}`;
  const args = [bin, 'emulator', '--port', '0', '--token', token, '--admin-token', adminToken];
  args.push('--provisioning-delay', '1s', ...extraArgs);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const endpointTemplate = await readEndpoint(child);
  return {
    url: endpointTemplate.replace('/{region}', ''),
    endpointTemplate,
    token,
    adminToken,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('close', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function readEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /PGENSURE_ENDPOINT=(\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('close', (code) => reject(new Error(`the bundled emulator exited ${code}: ${err.trim()}`)));
  });
}

/** Where the emulator's admin API is, and its token. */
export type EmulatorAdmin = Pick<BundledEmulator, 'url' | 'adminToken'>;

/** Names the emulator run seeds that the sweep must leave alone (only exact scratch names are swept). */
export const KEEP_NAMES = ['pgensure-live-keep', 'pgensure-live-20300101000000-abcd-x', 'orders-prod'];
/** A leftover of an "earlier interrupted run" that the sweep must delete. */
export const LEFTOVER_NAME = 'pgensure-live-20000101000000-dead';
/** More than a page of 1000, so whether limit=1000 is honoured can be seen. */
export const FILLER_COUNT = 1001;

/** Seeds the emulator's region through its admin API: fillers, the names to keep, one leftover. */
export async function seedEmulator(
  admin: EmulatorAdmin,
  region: string,
  properties: Record<string, unknown>,
): Promise<void> {
  const names = [
    ...Array.from({ length: FILLER_COUNT }, (_, i) => `filler-${String(i).padStart(4, '0')}`),
    ...KEEP_NAMES,
    LEFTOVER_NAME,
  ];
  for (let i = 0; i < names.length; i += 50) {
    await Promise.all(
      names.slice(i, i + 50).map(async (name) => {
        const res = await fetch(`${admin.url}/_emulator/${region}/clusters`, {
          method: 'POST',
          headers: { 'x-emulator-token': admin.adminToken, 'content-type': 'application/json' },
          body: JSON.stringify({ properties: { ...properties, name }, by: 'console-user@example.com' }),
        });
        if (res.status !== 201) throw new Error(`seeding ${name} answered ${res.status}: ${await res.text()}`);
      }),
    );
  }
}

/** How many clusters of each kept name (and fillers) are still there: the sweep's scope check. */
export async function countKept(admin: EmulatorAdmin, region: string): Promise<{ kept: number; fillers: number }> {
  const res = await fetch(`${admin.url}/_emulator/clusters?region=${region}`, {
    headers: { 'x-emulator-token': admin.adminToken },
  });
  const clusters = (await res.json()) as { properties: { name: string }; metadata: { state: string } }[];
  const alive = clusters.filter((c) => c.metadata.state !== 'DESTROYING');
  return {
    kept: alive.filter((c) => KEEP_NAMES.includes(c.properties.name)).length,
    fillers: alive.filter((c) => c.properties.name.startsWith('filler-')).length,
  };
}
