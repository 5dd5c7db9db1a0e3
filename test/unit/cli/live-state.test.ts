import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../src/api/index.js';
import type { BackupRead, ClusterRead, Region } from '../../../src/api/types.js';
import { readLiveState, readRestoreBackups } from '../../../src/cli/live-state.js';
import { compareFleet } from '../../../src/compare/compare.js';
import { aDesired, aLive } from '../../helpers/builders.js';

const BACKUP_ID = '9b8d1c4e-0000-4000-8000-000000000001';

/** A fake client that serves fixed lists and records every call. */
function fakeClient(live: Partial<Record<Region, ClusterRead[]>>) {
  const calls: string[] = [];
  const backup = (id: string): BackupRead => ({ id, type: 'backup', href: '', metadata: {}, properties: {} });
  const client = {
    listClusters: async (region: Region) => {
      calls.push(`list ${region}`);
      return live[region] ?? [];
    },
    listVersions: async (region: Region) => {
      calls.push(`versions ${region}`);
      return [];
    },
    listBackupLocations: async (region: Region) => {
      calls.push(`locations ${region}`);
      return [];
    },
    getBackup: async (region: Region, id: string) => {
      calls.push(`backup ${region} ${id}`);
      return backup(id);
    },
  } as unknown as ApiClient;
  return { client, calls };
}

const restoring = (name: string) =>
  aDesired({ name, properties: { restoreFromBackup: { sourceBackupId: BACKUP_ID } } });

describe('readLiveState and readRestoreBackups', () => {
  it('per region: one list, /versions and /backup-locations; nothing per cluster', async () => {
    const docs = [aDesired({ name: 'a' }), aDesired({ name: 'b', region: 'es-vit' })];
    const { client, calls } = fakeClient({ 'de-fra': [aLive(docs[0]!, 'id-a')], 'es-vit': [aLive(docs[1]!, 'id-b')] });
    const state = await readLiveState(client, ['de-fra', 'es-vit']);
    expect(calls.sort()).toEqual([
      'list de-fra',
      'list es-vit',
      'locations de-fra',
      'locations es-vit',
      'versions de-fra',
      'versions es-vit',
    ]);
    expect(state.live.get('de-fra')?.map((c) => c.id)).toEqual(['id-a']);
  });

  it('reads a restore backup once, and only for documents that will create a cluster', async () => {
    const existing = restoring('exists');
    const docs = [existing, restoring('new-1'), restoring('new-2')];
    const { client, calls } = fakeClient({ 'de-fra': [aLive(existing, 'id-exists')] });
    const state = await readLiveState(client, ['de-fra']);
    const backups = await readRestoreBackups(
      client,
      compareFleet(docs, state.live, { listUnmanaged: false }).comparisons,
    );
    expect(calls.filter((c) => c.startsWith('backup'))).toEqual([`backup de-fra ${BACKUP_ID}`]);
    expect(backups.has(BACKUP_ID)).toBe(true);
  });

  it('reads no backup when every restoring document is bound to a live cluster', async () => {
    const doc = restoring('exists');
    const { client, calls } = fakeClient({ 'de-fra': [aLive(doc, 'id-exists')] });
    const state = await readLiveState(client, ['de-fra']);
    await readRestoreBackups(client, compareFleet([doc], state.live, { listUnmanaged: false }).comparisons);
    expect(calls.some((c) => c.startsWith('backup'))).toBe(false);
  });
});
