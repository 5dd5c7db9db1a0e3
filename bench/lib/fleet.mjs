// A synthetic fleet: N clusters spread round-robin over regions, written as spec files (100 documents per file),
// and seeded into the emulator with exactly the properties the spec normalises to, so the plan is all noop.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGIONS } from '../../dist/api/types.js';
import { loadDesiredClusters } from '../../dist/desired/index.js';

const DOCS_PER_FILE = 100;
const VERSIONS = ['14', '15', '16', '17'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const PASSWORD_ENV = 'PGENSURE_BENCH_PASSWORD';

/** One cluster of the fleet, as data (the spec file and the seed both derive from it). */
export function fleetMember(i, region, description = `bench cluster ${i}`) {
  return {
    name: `bench-${String(i).padStart(5, '0')}`,
    region,
    description,
    version: VERSIONS[i % VERSIONS.length],
    instances: { count: 1 + (i % 3), cores: 2 + 2 * (i % 2), ram: 4 * (1 + (i % 4)), storageSize: 20 + (i % 10) * 10 },
    connection: {
      datacenterId: `5a029f4a-72e5-11ec-90d6-${String(i).padStart(12, '0')}`,
      lanId: String(1 + (i % 4)),
      primaryInstanceAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/8`,
    },
    maintenanceWindow: { dayOfTheWeek: DAYS[i % 7], time: `0${i % 6}:00:00` },
    backupLocation: 'eu-central-3',
  };
}

/** N members, round-robin over `regions` (all nine by default). */
export function makeFleet(n, regions = REGIONS, description) {
  return Array.from({ length: n }, (_, i) => fleetMember(i, regions[i % regions.length], description?.(i)));
}

function toYaml(m) {
  const i = m.instances;
  const c = m.connection;
  return `apiVersion: pgensure/v1
kind: PostgresCluster
metadata:
  name: ${m.name}
  region: ${m.region}
spec:
  description: "${m.description}"
  version: "${m.version}"
  instances: { count: ${i.count}, cores: ${i.cores}, ram: ${i.ram}, storageSize: ${i.storageSize} }
  connection:
    datacenterId: ${c.datacenterId}
    lanId: "${c.lanId}"
    primaryInstanceAddress: ${c.primaryInstanceAddress}
  maintenanceWindow: { dayOfTheWeek: ${m.maintenanceWindow.dayOfTheWeek}, time: "${m.maintenanceWindow.time}" }
  backup: { location: ${m.backupLocation} }
  credentials:
    username: app_admin
    database: app
    password: { fromEnv: ${PASSWORD_ENV} }
`;
}

/** Writes the fleet as spec files under a fresh temp dir (one sub-directory per region); returns the dir. */
export function writeSpecFiles(fleet) {
  const dir = mkdtempSync(join(tmpdir(), 'pgensure-bench-specs-'));
  const byRegion = new Map();
  for (const m of fleet) byRegion.set(m.region, [...(byRegion.get(m.region) ?? []), m]);
  for (const [region, members] of byRegion) {
    mkdirSync(join(dir, region));
    for (let start = 0; start < members.length; start += DOCS_PER_FILE) {
      const text = members
        .slice(start, start + DOCS_PER_FILE)
        .map(toYaml)
        .join('---\n');
      writeFileSync(join(dir, region, `part-${String(start / DOCS_PER_FILE).padStart(3, '0')}.yaml`), text);
    }
  }
  return dir;
}

/**
 * Seeds one live cluster per document of `dir`, with the properties the loader normalised (write-only fields left
 * out), so live and desired agree field for field. Returns {region, cluster} per document, in document order.
 */
export async function seedFromSpecs(emulator, dir) {
  const docs = await loadDesiredClusters([dir], { cwd: dir });
  return docs.map((doc) => {
    const { credentials: _c, restoreFromBackup: _r, ...properties } = doc.properties;
    return { region: doc.region, cluster: emulator.seedCluster(doc.region, properties) };
  });
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}
