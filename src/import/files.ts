import type { ClusterRead, Region } from '../api/types.js';
import { compareText } from '../plan/order.js';
import { passwordEnvName, shortId, specFileName } from './names.js';
import { buildSpecYaml } from './spec-yaml.js';

/** One live cluster, found in a region. */
export interface FoundCluster {
  region: Region;
  cluster: ClusterRead;
}

/** One spec file to write. */
export interface ImportedFile {
  fileName: string;
  address: string;
  id: string;
  passwordEnv: string;
  text: string;
}

/** A cluster that was not imported, and why. */
export interface SkippedCluster {
  address: string;
  id: string;
  reason: string;
}

/** The files of one import, and the clusters left out. */
export interface ImportBatch {
  files: ImportedFile[];
  skipped: SkippedCluster[];
}

/** Shared by every file of the batch. */
export interface BatchOptions {
  schemaRef: string;
  username: string;
  database: string;
}

/**
 * The spec files for the found clusters, sorted by address. Left out: clusters being deleted, and clusters whose
 * name another live cluster in the region shares (pgensure needs one cluster per address). Two clusters whose names
 * map to one variable name get the id appended, so no two clusters ever share a password variable.
 */
export function buildImportBatch(found: readonly FoundCluster[], options: BatchOptions): ImportBatch {
  const skipped: SkippedCluster[] = [];
  const byAddress = new Map<string, FoundCluster[]>();
  for (const item of found) {
    const address = `${item.region}/${item.cluster.properties.name}`;
    if (item.cluster.metadata.state === 'DESTROYING') {
      skipped.push({ address, id: item.cluster.id, reason: 'it is being deleted (DESTROYING)' });
      continue;
    }
    byAddress.set(address, [...(byAddress.get(address) ?? []), item]);
  }
  const unique: FoundCluster[] = [];
  for (const [address, items] of byAddress) {
    if (items.length === 1) {
      unique.push(items[0]!);
      continue;
    }
    const ids = items.map((item) => item.cluster.id).join(', ');
    const reason = `${items.length} live clusters share this name (${ids}); rename all but one in the console, then import again`;
    for (const item of items) skipped.push({ address, id: item.cluster.id, reason });
  }
  const envCounts = countBy(unique, (item) => passwordEnvName(item.region, item.cluster.properties.name));
  const fileCounts = countBy(unique, (item) => specFileName(item.region, item.cluster.properties.name));
  const files = unique.map((item) => buildFile(item, options, envCounts, fileCounts));
  files.sort((a, b) => compareText(a.address, b.address));
  skipped.sort((a, b) => compareText(a.address, b.address) || compareText(a.id, b.id));
  return { files, skipped };
}

function buildFile(
  item: FoundCluster,
  options: BatchOptions,
  envCounts: Map<string, number>,
  fileCounts: Map<string, number>,
): ImportedFile {
  const { region, cluster } = item;
  const name = cluster.properties.name;
  const env = passwordEnvName(region, name);
  const passwordEnv =
    (envCounts.get(env) ?? 0) > 1 ? env.replace(/_PASSWORD$/, `_${shortId(cluster.id).toUpperCase()}_PASSWORD`) : env;
  const file = specFileName(region, name);
  const fileName = (fileCounts.get(file) ?? 0) > 1 ? file.replace(/\.yaml$/, `-${shortId(cluster.id)}.yaml`) : file;
  const text = buildSpecYaml(region, cluster, { ...options, passwordEnv });
  return { fileName, address: `${region}/${name}`, id: cluster.id, passwordEnv, text };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
