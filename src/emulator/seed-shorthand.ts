/** Seeding shorthand: spec-file habits accepted, and every missing required field taken from a sample cluster. */

/** The sample a seed's missing required fields come from (docs/emulator.md §12.1). */
export const SAMPLE_CLUSTER: Readonly<Record<string, unknown>> = {
  version: '16',
  instances: { count: 1, cores: 2, ram: 4, storageSize: 20 },
  connection: {
    datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
    lanId: '1',
    primaryInstanceAddress: '192.168.1.10/24',
  },
  maintenanceWindow: { dayOfTheWeek: 'Sunday', time: '03:00:00' },
  replicationMode: 'ASYNCHRONOUS',
  backup: { location: 'eu-central-3', retentionDays: 7 },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Expands seed properties: `backupLocation: X` means `backup.location: X` (unless backupLocation is an extra property,
 * or `backup.location` is given too, which stays an error); every missing required object or field comes from
 * SAMPLE_CLUSTER, objects key by key; credentials whose password is not a string (a spec's `{fromEnv}`) are dropped,
 * since seeds need none. `name` is never invented. Anything that is not an object is returned as is.
 */
export function expandSeedShorthand(raw: unknown, extras: Readonly<Record<string, unknown>>): unknown {
  if (!isRecord(raw)) return raw;
  const out: Record<string, unknown> = { ...raw };
  const backup = isRecord(out['backup']) ? out['backup'] : undefined;
  if (typeof out['backupLocation'] === 'string' && !Object.hasOwn(extras, 'backupLocation')) {
    if (backup?.['location'] === undefined) {
      out['backup'] = { ...backup, location: out['backupLocation'] };
      delete out['backupLocation'];
    }
  }
  for (const [key, sample] of Object.entries(SAMPLE_CLUSTER)) {
    const given = out[key];
    if (given === undefined || given === null) out[key] = structuredClone(sample);
    else if (isRecord(given) && isRecord(sample)) out[key] = { ...structuredClone(sample), ...given };
  }
  const credentials = out['credentials'];
  if (isRecord(credentials) && typeof credentials['password'] !== 'string') delete out['credentials'];
  return out;
}
