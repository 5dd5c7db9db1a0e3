import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { PUBLISHED_SCHEMA_URL } from './names.js';

/** Where a repository keeps the schema, and where a project-local install of pgensure ships it. */
const CANDIDATES = [
  join('schemas', 'cluster.schema.json'),
  join('node_modules', 'pgensure', 'schemas', 'cluster.schema.json'),
];

/**
 * The `$schema` reference for files written to `dir` (absolute): the relative path to pgensure's cluster schema found
 * walking up from `dir` (so it keeps working in every checkout), else the published URL.
 */
export async function findSchemaRef(dir: string): Promise<string> {
  for (let current = dir; ; current = dirname(current)) {
    for (const candidate of CANDIDATES) {
      const path = join(current, candidate);
      if (await isClusterSchema(path)) return relative(dir, path).split(sep).join('/');
    }
    if (dirname(current) === current) return PUBLISHED_SCHEMA_URL;
  }
}

/** Only pgensure's schema counts: another project's schemas/cluster.schema.json must not be referenced. */
async function isClusterSchema(path: string): Promise<boolean> {
  try {
    const schema = JSON.parse(await readFile(path, 'utf8')) as { title?: unknown };
    return schema.title === 'pgensure PostgresCluster';
  } catch {
    return false;
  }
}
