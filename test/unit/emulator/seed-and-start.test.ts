/** Seeding shorthand (issue 14) and the mistakes a user can make when starting an emulator. */
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, SAMPLE_CLUSTER, startEmulator } from '../../../src/emulator/index.js';
import { expandSeedShorthand } from '../../../src/emulator/seed-shorthand.js';
import { UsageError } from '../../../src/errors.js';
import { admin, ID1, startTestEmulator } from './helpers.js';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('seed shorthand', () => {
  it('fills every missing required field from the sample, so {name} is enough', async () => {
    emu = (await startTestEmulator()).emu;
    const seeded = emu.seedCluster('de-fra', { name: 'orders-prod' });
    expect(seeded.properties).toMatchObject({ name: 'orders-prod', ...SAMPLE_CLUSTER, description: '' });
    expect(seeded.properties.connectionPooler).toBe('DISABLED');
  });

  it('merges partial objects key by key, accepts backupLocation, and drops spec-style credentials', () => {
    const expanded = expandSeedShorthand(
      {
        name: 'x',
        instances: { cores: 8 },
        backupLocation: 'de',
        credentials: { username: 'u', database: 'd', password: { fromEnv: 'PW' } },
      },
      {},
    ) as Record<string, unknown>;
    expect(expanded['instances']).toEqual({ count: 1, cores: 8, ram: 4, storageSize: 20 });
    expect(expanded['backup']).toEqual({ location: 'de', retentionDays: 7 });
    expect(expanded).not.toHaveProperty('backupLocation');
    expect(expanded).not.toHaveProperty('credentials');
    // backupLocation next to backup.location stays (an error), and an extra property of that name is itself.
    expect(expandSeedShorthand({ name: 'x', backupLocation: 'de', backup: { location: 'de' } }, {})).toHaveProperty(
      'backupLocation',
    );
    expect(expandSeedShorthand({ name: 'x', backupLocation: 'de' }, { backupLocation: '' })).toMatchObject({
      backupLocation: 'de',
      backup: { location: 'eu-central-3' },
    });
  });

  it('still refuses what is wrong, and needs a name', async () => {
    emu = (await startTestEmulator()).emu;
    expect(() => emu!.seedCluster('de-fra', { name: 'x', version: '9' })).toThrow(/properties\.version/);
    const nameless = await admin(emu, 'POST', 'de-fra/clusters', { properties: { description: 'x' } });
    expect(nameless.status).toBe(422);
    expect(nameless.body.messages.map((m: { message: string }) => m.message)).toEqual(['properties.name: is required']);
    const short = await admin(emu, 'POST', 'de-fra/clusters', {
      id: ID1,
      properties: { name: 'short', backupLocation: 'de' },
    });
    expect(short.status).toBe(201);
    expect(short.body.properties.backup.location).toBe('de');
  });
});

describe('starting', () => {
  it('turns a port in use into a UsageError with a hint', async () => {
    emu = await startEmulator();
    const port = Number(new URL(emu.url).port);
    const second = startEmulator({ port });
    await expect(second).rejects.toThrow(UsageError);
    await expect(second).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
    await second.catch((error: UsageError) => expect(error.hint).toMatch(/--port/));
  });

  it('refuses invalid options as one UsageError', async () => {
    const start = startEmulator({ adminToken: 'short', faults: { errorRatio: 2 }, maxLimit: 0 });
    await expect(start).rejects.toThrow(UsageError);
    await expect(start).rejects.toThrow(/maxLimit.*errorRatio.*adminToken/);
  });
});
