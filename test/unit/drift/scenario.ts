import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClusterMetadata, ClusterProperties, ClusterRead, Region } from '../../../src/api/types.js';
import { loadDesiredClusters } from '../../../src/desired/index.js';
import type { DriftInput } from '../../../src/drift/index.js';

export const DRIFT_FIXTURES = fileURLToPath(new URL('../../fixtures/drift/', import.meta.url));

/** The fixed clock of every scenario, so reports are byte-for-byte stable. */
export const NOW = '2030-12-24T18:00:00.000Z';

/** One scenario directory: the spec files under specs/ and what the API lists (live.json). */
export function listScenarios(): string[] {
  return readdirSync(DRIFT_FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

interface LiveEntry {
  region: Region;
  id: string;
  metadata: ClusterMetadata;
  properties: ClusterProperties;
}

/** A ClusterRead as the API lists it. */
export function aClusterRead(
  region: Region,
  id: string,
  properties: ClusterProperties,
  metadata: ClusterMetadata = {},
): ClusterRead {
  return { id, type: 'cluster', href: `https://postgresql.${region}.ionos.com/clusters/${id}`, metadata, properties };
}

/** The drift input of a scenario, scanning the regions its documents live in (as `pgensure drift` does). */
export async function loadScenario(name: string): Promise<DriftInput> {
  const dir = join(DRIFT_FIXTURES, name);
  const desired = await loadDesiredClusters(['specs'], { cwd: dir });
  const entries = JSON.parse(readFileSync(join(dir, 'live.json'), 'utf8')) as LiveEntry[];
  const regions = [...new Set(desired.map((doc) => doc.region))].sort();
  const live = new Map<Region, ClusterRead[]>(regions.map((region) => [region, []]));
  for (const entry of entries)
    live.get(entry.region)?.push(aClusterRead(entry.region, entry.id, entry.properties, entry.metadata));
  return { desired, live, now: NOW, listUnmanaged: true };
}
