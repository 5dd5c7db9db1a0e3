import { fileURLToPath } from 'node:url';
import { loadDesiredClusters } from '../../../src/desired/index.js';
import { SpecError, type SpecIssue } from '../../../src/errors.js';

/** The repository root: spec paths in these tests are relative to it, as they would be for `pgensure` run there. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** test/fixtures/desired/<scenario>, relative to ROOT. */
export function fixture(scenario: string): string {
  return `test/fixtures/desired/${scenario}`;
}

/** The issues a load throws; fails the test if it does not throw a SpecError. */
export async function issuesOf(paths: string[], cwd = ROOT): Promise<SpecIssue[]> {
  try {
    await loadDesiredClusters(paths, { cwd });
  } catch (err) {
    if (err instanceof SpecError) return [...err.issues];
    throw err;
  }
  throw new Error(`expected a SpecError for ${paths.join(', ')}`);
}

/** `file:line:col path: message`, the shape the CLI prints; easy to read in a failing assertion. */
export function formatIssue(issue: SpecIssue): string {
  return `${issue.file}:${issue.line}:${issue.col} ${issue.path}: ${issue.message}`;
}

/** A complete, valid spec document; `spec` lines replace the default spec block when given. */
export function aSpecDocument(
  opts: { name?: string; region?: string; spec?: string[]; extra?: string[] } = {},
): string {
  const spec = opts.spec ?? [
    '  version: "16"',
    '  instances: { count: 1, cores: 2, ram: 4, storageSize: 20 }',
    '  connection: { datacenterId: 5a029f4a-72e5-11ec-90d6-0242ac120003, lanId: "1", primaryInstanceAddress: 192.168.7.10/24 }',
    '  backup: { location: eu-central-3 }',
    '  credentials: { username: app, database: app, password: { fromEnv: APP_PASSWORD } }',
  ];
  return [
    'apiVersion: pgensure/v1',
    'kind: PostgresCluster',
    'metadata:',
    `  name: ${opts.name ?? 'app'}`,
    `  region: ${opts.region ?? 'de-fra'}`,
    'spec:',
    ...spec,
    ...(opts.extra ?? []),
    '',
  ].join('\n');
}
