import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REGIONS } from '../../../src/api/types.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { call, createClock, ID1, ID2, PASSWORD, putCluster, readableProperties, startTestEmulator } from './helpers.js';

let emu: RunningEmulator | undefined;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pgensure-emulator-'));
});
afterEach(async () => {
  await emu?.close();
  emu = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('persistence (statePath)', () => {
  it('writes after each HTTP mutation and restores clusters, credentials, backups and timelines', async () => {
    const statePath = join(dir, 'state.json');
    const clock = createClock();
    emu = (await startTestEmulator({ statePath, now: clock.now })).emu;
    await putCluster(emu, 'de-fra', ID1, { description: 'kept' });
    // Written before the response was sent, atomically (no temp file left behind).
    expect(JSON.parse(readFileSync(statePath, 'utf8')).formatVersion).toBe(1);
    expect(readdirSync(dir)).toEqual(['state.json']);
    expect(statSync(statePath).mode & 0o777).toBe(0o600);
    emu.seedCluster('us-las', readableProperties({ name: 'seeded' }), { id: ID2 });
    const before = emu.listClusters();
    await emu.close();

    emu = (await startTestEmulator({ statePath, now: clock.now })).emu;
    expect(emu.listClusters().map((c) => c.href.replace(emu?.url ?? '', ''))).toEqual(
      before.map((c) => c.href.replace(/^http:\/\/[^/]+/, '')),
    );
    expect(emu.listClusters().map((c) => c.metadata)).toEqual(before.map((c) => c.metadata));
    expect(emu.credentialsOf('de-fra', ID1)?.password).toBe(PASSWORD);
    expect((await call(emu, 'GET', `/de-fra/clusters/${ID1}`)).body.metadata.state).toBe('PROVISIONING');
    clock.advance(1000);
    expect((await call(emu, 'GET', `/de-fra/clusters/${ID1}`)).body.metadata.state).toBe('AVAILABLE');
    expect((await call(emu, 'GET', `/us-las/backups?filter.clusterId=${ID2}`)).body.items).toHaveLength(1);
  });

  it('starts empty without a file (and writes it at once, 0600) and refuses a corrupt one', async () => {
    const statePath = join(dir, 'missing.json');
    emu = (await startTestEmulator({ statePath })).emu;
    expect(emu.listClusters()).toEqual([]);
    expect(JSON.parse(readFileSync(statePath, 'utf8'))).toMatchObject({ formatVersion: 1 });
    expect(statSync(statePath).mode & 0o777).toBe(0o600);
    await emu.close();
    emu = undefined;
    writeFileSync(statePath, '{oops');
    await expect(startTestEmulator({ statePath })).rejects.toThrow(/not valid JSON/);
  });
});

describe('catalogue', () => {
  beforeEach(async () => {
    emu = (await startTestEmulator()).emu;
  });

  it('serves /versions with canUpgradeTo and status, and each version by id', async () => {
    const res = await call(emu!, 'GET', '/de-fra/versions');
    const table = Object.fromEntries(
      res.body.items.map((v: { properties: { version: string; canUpgradeTo: string[] } }) => [
        v.properties.version,
        v.properties.canUpgradeTo,
      ]),
    );
    expect(table).toEqual({
      '13': ['14', '15', '16', '17'],
      '14': ['15', '16', '17'],
      '15': ['16', '17'],
      '16': ['17'],
      '17': [],
    });
    expect(res.body.items[3].properties.status).toBe('RECOMMENDED');
    const one = await call(emu!, 'GET', `/us-mci/versions/${res.body.items[0].id}`);
    expect(one.body.properties.version).toBe('13');
    expect((await call(emu!, 'GET', `/de-fra/versions/${ID1}`)).status).toBe(404);
  });

  it('offers eu-central-3 in every region plus region-specific locations', async () => {
    for (const region of REGIONS) {
      const res = await call(emu!, 'GET', `/${region}/backup-locations`);
      const names = res.body.items.map((l: { properties: { location: string } }) => l.properties.location);
      expect(names, region).toContain('eu-central-3');
      expect(names.length, region).toBeGreaterThan(1);
      const one = await call(emu!, 'GET', `/${region}/backup-locations/${res.body.items[1].id}`);
      expect(one.body.properties.location).toBe(names[1]);
    }
  });

  it('serves /backups filtered by clusterId and each backup by id', async () => {
    emu!.seedCluster('de-fra', readableProperties(), { id: ID1 });
    emu!.seedCluster('de-fra', readableProperties(), { id: ID2 });
    const all = await call(emu!, 'GET', '/de-fra/backups');
    expect(all.body.items).toHaveLength(2);
    const mine = await call(emu!, 'GET', `/de-fra/backups?filter.clusterId=${ID2}`);
    expect(mine.body.items.map((b: { properties: { clusterId: string } }) => b.properties.clusterId)).toEqual([ID2]);
    const one = await call(emu!, 'GET', `/de-fra/backups/${mine.body.items[0].id}`);
    expect(one.body.properties.clusterId).toBe(ID2);
    expect((await call(emu!, 'GET', `/de-txl/backups/${mine.body.items[0].id}`)).status).toBe(404);
  });
});
