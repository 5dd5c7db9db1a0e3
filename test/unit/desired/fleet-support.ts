import type { SpecSource } from '../../../src/desired/document.js';
import { checkSpecSources, type SpecCheck } from '../../../src/desired/index.js';

/** A cluster document (complete unless `spec` replaces its spec lines), with labels. */
export function aCluster(opts: { name?: string; labels?: string; spec?: string[]; extra?: string[] } = {}): string {
  const spec = opts.spec ?? [
    '  version: "16"',
    '  instances: { count: 2, cores: 2, ram: 4, storageSize: 20 }',
    '  connection: { datacenterId: 5a029f4a-72e5-11ec-90d6-0242ac120003, lanId: "1", primaryInstanceAddress: 192.168.7.10/24 }',
    '  backup: { location: eu-central-3 }',
    '  credentials: { username: app, database: app, password: { fromEnv: APP_PASSWORD } }',
  ];
  return [
    'apiVersion: pgensure/v1',
    'kind: PostgresCluster',
    'metadata:',
    `  name: ${opts.name ?? 'app'}`,
    '  region: de-fra',
    ...(opts.labels === undefined ? [] : [`  labels: ${opts.labels}`]),
    'spec:',
    ...spec,
    ...(opts.extra ?? []),
    '',
  ].join('\n');
}

/** A Defaults document: `spec` lines under `spec:`, an optional selector line. */
export function aDefaults(name: string, spec: string[], selector?: string): string {
  return [
    'apiVersion: pgensure/v1',
    'kind: Defaults',
    `metadata: { name: ${name} }`,
    ...(selector === undefined ? [] : [`selector: { matchLabels: ${selector} }`]),
    'spec:',
    ...spec,
    '',
  ].join('\n');
}

/** Checks in-memory files ({path: text}) as the loader does. */
export function check(files: Record<string, string>): Promise<SpecCheck> {
  const sources: SpecSource[] = Object.entries(files).map(([file, text]) => ({ file, text }));
  return checkSpecSources(sources);
}

/** `file:line:col path: message` lines, for readable assertions. */
export function lines(result: SpecCheck): string[] {
  return result.issues.map((i) => `${i.file}:${i.line}:${i.col} ${i.path}: ${i.message}`);
}
