import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterProperties } from '../../src/api/types.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { ROOT } from '../helpers/run-cli.js';
import type { LiveReport } from './report.js';

// The suite in live mode (PGENSURE_LIVE=1) pointed at an emulator this test owns, so the emulator outlives the
// suite and shows what was left behind after SIGINT, SIGTERM or SIGKILL.
const TOKEN = 'live-interrupt-token-4e1a';
const SCRIPT = join(ROOT, 'scripts', 'live-conformance.mjs');
const SCRATCH = /^pgensure-live-\d{14}-[0-9a-f]{4}$/;

let emu: RunningEmulator;
let dir: string;
beforeEach(async () => {
  emu = await startEmulator({ port: 0, token: TOKEN, provisioningDelayMs: 2000 });
  dir = mkdtempSync(join(tmpdir(), 'pgensure-live-test-'));
});
afterEach(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

function bystander(name: string): ClusterProperties {
  return {
    name,
    version: '16',
    instances: { count: 1, cores: 2, ram: 4, storageSize: 20 },
    connection: {
      datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
      lanId: '2',
      primaryInstanceAddress: '10.1.1.1/24',
    },
    maintenanceWindow: { dayOfTheWeek: 'Sunday', time: '03:00:00' },
    replicationMode: 'ASYNCHRONOUS',
    backup: { location: 'eu-central-3', retentionDays: 7 },
  };
}

interface Suite {
  child: ChildProcess;
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function startSuite(args: string[] = []): Suite {
  const child = spawn(process.execPath, [SCRIPT, ...args], {
    cwd: ROOT,
    detached: true, // its own process group: a "Ctrl-C" below reaches the suite and nothing else of the test
    env: {
      PATH: process.env.PATH ?? '',
      PGENSURE_LIVE: '1',
      IONOS_TOKEN: TOKEN,
      PGENSURE_ENDPOINT: emu.endpointTemplate,
      PGENSURE_LIVE_REGION: 'de-fra',
      PGENSURE_LIVE_DATACENTER_ID: '5a029f4a-72e5-11ec-90d6-0242ac120003',
      PGENSURE_LIVE_LAN_ID: '2',
      PGENSURE_LIVE_POLL: '0.2',
      PGENSURE_LIVE_TIMEOUT: '1',
      PGENSURE_LIVE_REPORT: join(dir, 'report.json'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, exit };
}

/** Waits until the emulator has seen a PUT whose body matches, and returns that cluster's id. */
async function waitForPut(matches: (body: Record<string, unknown>) => boolean): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const put = emu.requests.find((r) => r.method === 'PUT' && matches((r.body ?? {}) as Record<string, unknown>));
    if (put !== undefined) return put.path.split('/').at(-1)!;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the suite never sent the PUT');
}

const nameOf = (body: Record<string, unknown>) => (body.properties as { name?: string } | undefined)?.name ?? '';

function scratchLeft(): string[] {
  return emu
    .listClusters('de-fra')
    .filter((c) => SCRATCH.test(c.properties.name) && c.metadata.state !== 'DESTROYING')
    .map((c) => c.properties.name);
}

function deletedIds(): string[] {
  return emu.requests.filter((r) => r.method === 'DELETE' && r.status === 202).map((r) => r.path.split('/').at(-1)!);
}

function readReport(): LiveReport {
  return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as LiveReport;
}

describe('the live suite cleans up when interrupted', () => {
  it('Ctrl-C (SIGINT to its process group) while creating: the scratch cluster is deleted, nothing else; exit 130', async () => {
    const keep = [
      emu.seedCluster('de-fra', bystander('orders-prod')),
      emu.seedCluster('de-fra', bystander('pgensure-live-keep')),
    ];
    const suite = startSuite();
    const id = await waitForPut((body) => SCRATCH.test(nameOf(body)));
    process.kill(-suite.child.pid!, 'SIGINT');
    const { code, stderr } = await suite.exit;
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('SIGINT: stopping, then deleting pgensure-live-');
    expect(deletedIds()).toEqual([id]);
    expect(scratchLeft()).toEqual([]);
    expect(emu.listClusters('de-fra').map((c) => c.id)).toEqual(expect.arrayContaining(keep.map((c) => c.id)));
    expect(readReport()).toMatchObject({
      interrupted: 'SIGINT',
      cleanup: { ok: true, detail: expect.stringMatching(/^deleted pgensure-live-/) },
    });
  });

  it('SIGTERM to the suite alone while updating: deleted; exit 143', async () => {
    const suite = startSuite();
    const id = await waitForPut((body) =>
      String((body.properties as { description?: string }).description).includes('(updated)'),
    );
    suite.child.kill('SIGTERM');
    const { code, stderr } = await suite.exit;
    expect(code, stderr).toBe(143);
    expect(deletedIds()).toEqual([id]);
    expect(scratchLeft()).toEqual([]);
    expect(readReport().steps.find((s) => s.id === 'update')?.ok).toBe(false);
  });

  it('SIGKILL leaves it behind; the next run sweeps exactly the leftovers (--sweep-only)', async () => {
    const keep = emu.seedCluster('de-fra', bystander('pgensure-live-keep'));
    const suite = startSuite();
    const id = await waitForPut((body) => SCRATCH.test(nameOf(body)));
    process.kill(-suite.child.pid!, 'SIGKILL');
    await suite.exit;
    await new Promise((r) => setTimeout(r, 300));
    expect(scratchLeft()).toHaveLength(1);
    expect(deletedIds()).toEqual([]);
    const sweep = startSuite(['--sweep-only']);
    const { code, stdout, stderr } = await sweep.exit;
    expect(code, stderr).toBe(0);
    expect(deletedIds()).toEqual([id]);
    expect(scratchLeft()).toEqual([]);
    expect(emu.listClusters('de-fra').some((c) => c.id === keep.id && c.metadata.state === 'AVAILABLE')).toBe(true);
    expect(stdout).toMatch(/delete leftovers of interrupted runs .* deleted pgensure-live-\d{14}-[0-9a-f]{4}/);
    expect(emu.requests.filter((r) => !['GET', 'DELETE', 'PUT'].includes(r.method))).toEqual([]);
  });
});
