import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FAST_APPLY,
  liveProperties,
  SAFETY_TOKEN,
  type SafetyWorld,
  SPEC_LINES,
  startSafetyWorld,
} from '../../helpers/safety-world.js';

let world: SafetyWorld;
beforeEach(async () => {
  world = await startSafetyWorld({ provisioningDelayMs: 60 });
  world.emulator.seedCluster('de-fra', liveProperties({ name: 'orders', version: '16', storageSize: 50 }));
  world.emulator.seedCluster('de-fra', liveProperties({ name: 'billing', version: '15', storageSize: 50 }));
});
afterEach(() => world.close());

/** Four documents, each wrong in one way only the live API can tell (the schema accepts all of them). */
function writeRefusedSpecs(): Record<string, RegExp> {
  const downgrade = world.writeSpec({ name: 'orders', version: '15', storageSize: 50 });
  const shrink = world.writeSpec({ name: 'billing', version: '15', storageSize: 40 });
  const unknownVersion = world.writeSpec({ name: 'search', version: '11' });
  const unknownLocation = world.writeSpec({ name: 'audit', location: 'mars-north-1' });
  const at = (file: string, line: number) => `${file.replace(/\./g, '\\.')}:${line}:\\d+: `;
  return {
    downgrade: new RegExp(`${at(downgrade, SPEC_LINES.version)}spec\\.version: version 16 → 15 is a downgrade`),
    shrink: new RegExp(
      `${at(shrink, SPEC_LINES.storageSize)}spec\\.instances\\.storageSize: storageSize can only grow: 50 GB → 40 GB`,
    ),
    unknownVersion: new RegExp(
      `${at(unknownVersion, SPEC_LINES.version)}spec\\.version: version "11" is not offered in de-fra`,
    ),
    unknownLocation: new RegExp(
      `${at(unknownLocation, SPEC_LINES.location)}spec\\.backup\\.location: backup location "mars-north-1" is not offered in de-fra`,
    ),
  };
}

describe('semantic checks against the live API, at plan time', () => {
  it('refuses an invalid version, a downgrade, shrinking storage and an unknown backup location, each at file:line', async () => {
    const expected = writeRefusedSpecs();
    expect((await world.cli(['validate', 'specs'])).code, 'the schema alone cannot tell').toBe(0);
    world.emulator.clearRequests();
    for (const command of [
      ['plan', 'specs'],
      ['apply', 'specs', ...FAST_APPLY],
    ]) {
      const run = await world.cli(command);
      expect(run.code, command[0]).toBe(1);
      for (const [rule, pattern] of Object.entries(expected))
        expect(run.stderr, `${command[0]}: ${rule}`).toMatch(pattern);
    }
    expect(world.writes()).toEqual([]);
    expect(
      world.emulator
        .listClusters()
        .map((c) => c.properties.name)
        .sort(),
    ).toEqual(['billing', 'orders']);
  });

  it('refuses a restore from a backup that does not exist, or to a time outside its recovery window', async () => {
    const response = await fetch(`${world.emulator.url}/de-fra/backups`, {
      headers: { authorization: `Bearer ${SAFETY_TOKEN}` },
    });
    const backup = ((await response.json()) as { items: { id: string }[] }).items[0]!;
    const missing = world.writeSpec({
      name: 'restored-a',
      restore: { sourceBackupId: '0b6c1f0e-6a8e-4f31-9d7c-2a1e5d7c9b10' },
    });
    const early = world.writeSpec({
      name: 'restored-b',
      restore: { sourceBackupId: backup.id, recoveryTargetDatetime: '2020-01-01T00:00:00Z' },
    });
    world.emulator.clearRequests();
    const run = await world.cli(['plan', 'specs']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${missing}:${SPEC_LINES.sourceBackupId}:`);
    expect(run.stderr).toMatch(/backup 0b6c1f0e-6a8e-4f31-9d7c-2a1e5d7c9b10 does not exist in de-fra/);
    expect(run.stderr).toContain(`${early}:${SPEC_LINES.recoveryTargetDatetime}:`);
    expect(run.stderr).toContain(`outside backup ${backup.id}'s recovery window`);
    expect(world.writes()).toEqual([]);
  });

  it('accepts an allowed upgrade and a storage increase', async () => {
    world.writeSpec({ name: 'orders', version: '17', storageSize: 60 });
    const apply = await world.cli(['apply', 'specs', ...FAST_APPLY]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(world.named('orders')[0]!.properties).toMatchObject({ version: '17', instances: { storageSize: 60 } });
  });
});
