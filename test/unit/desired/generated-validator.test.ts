import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpecSources } from '../../../src/desired/load.js';
import { parseSpecSources } from '../../../src/desired/parse.js';
import {
  GENERATED_FLEET_VALIDATOR_FILE,
  GENERATED_VALIDATOR_FILE,
  hashSchemaSources,
  VALIDATOR_MODULES,
  type Validators,
} from '../../../src/desired/schema.js';
import {
  compileValidators,
  generateFleetValidatorModule,
  generateValidatorModule,
} from '../../../src/desired/schema-compile.js';
import { parseSimpleYaml } from '../../../src/desired/yaml-fast.js';
import { aSpecDocument, ROOT } from './support.js';

// `npm run build` writes this module to dist/desired/; here it goes under node_modules/.cache, where its `require`s of
// ajv's runtime helpers resolve as they do from dist/.
let dir: string;
let generated: Record<string, Record<string, ValidateFunction> & { schemaHash: string }>;
let compiled: Record<string, ValidateFunction>;

beforeAll(async () => {
  const cache = join(ROOT, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  dir = mkdtempSync(join(cache, 'pgensure-validator-'));
  generated = {};
  for (const [file, source] of [
    [GENERATED_VALIDATOR_FILE, generateValidatorModule()],
    [GENERATED_FLEET_VALIDATOR_FILE, generateFleetValidatorModule()],
  ] as const) {
    writeFileSync(join(dir, file), source);
    generated[file] = createRequire(import.meta.url)(join(dir, file));
  }
  compiled = compileValidators(['cluster', 'clusterWritten', 'defaults', 'policy']);
});

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** Both validators' verdicts, errors included (keyword, paths, params, message, data, schema, parentSchema). */
function verdicts(value: unknown, kind: keyof Validators = 'cluster') {
  const run = (validate: ValidateFunction) => ({ valid: validate(structuredClone(value)), errors: validate.errors });
  return { generated: run(generatedValidator(kind)), compiled: run(compiled[kind]!) };
}

function generatedValidator(kind: keyof Validators): ValidateFunction {
  for (const [file, names] of Object.entries(VALIDATOR_MODULES)) {
    const name = (names as Record<string, string>)[kind];
    if (name !== undefined) return generated[file]![name]!;
  }
  throw new Error(`no generated validator for ${kind}`);
}

const KINDS: (keyof Validators)[] = ['cluster', 'clusterWritten', 'defaults', 'policy'];

const BASE = (parseSimpleYaml(aSpecDocument({ extra: ['policy: { ensure: present }'] }))![0]!.value ?? {}) as Record<
  string,
  Record<string, unknown>
>;

/** The base document with the value at a `/`-separated path replaced (undefined deletes the key). */
function withValue(path: string, value: unknown): unknown {
  const doc = structuredClone(BASE) as Record<string, unknown>;
  const keys = path.split('/');
  let node = doc;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  if (value === undefined) delete node[keys.at(-1)!];
  else node[keys.at(-1)!] = value;
  return doc;
}

const PATHS = [
  'apiVersion',
  'kind',
  'metadata',
  'metadata/name',
  'metadata/region',
  'metadata/id',
  'metadata/labels',
  'metadata/labels/env',
  'selector',
  'metadata/extra',
  'spec',
  'spec/description',
  'spec/version',
  'spec/instances',
  'spec/instances/count',
  'spec/instances/cores',
  'spec/instances/ram',
  'spec/instances/storageSize',
  'spec/connection/datacenterId',
  'spec/connection/lanId',
  'spec/connection/primaryInstanceAddress',
  'spec/maintenanceWindow',
  'spec/maintenanceWindow/dayOfTheWeek',
  'spec/maintenanceWindow/time',
  'spec/replicationMode',
  'spec/connectionPooler',
  'spec/backup',
  'spec/backup/location',
  'spec/backup/retentionDays',
  'spec/backupLocation',
  'spec/logsEnabled',
  'spec/credentials',
  'spec/credentials/username',
  'spec/credentials/password',
  'spec/credentials/password/fromEnv',
  'spec/credentials/password/fromFile',
  'spec/restoreFromBackup',
  'spec/restoreFromBackup/sourceBackupId',
  'spec/restoreFromBackup/recoveryTargetDatetime',
  'spec/logEnabled',
  'policy/ensure',
  'policy/preventDestroy',
  'extra',
];

const VALUES: unknown[] = [
  undefined,
  null,
  true,
  0,
  -1,
  3,
  64,
  2.5,
  '',
  'x',
  '16',
  'a'.repeat(80),
  'Has Spaces',
  '25:00:00',
  '10.208.0.5/24',
  '192.168.1.300/24',
  '2024-05-01T12:00:00Z',
  '2024-13-01',
  'STRICTLY_SYNCHRONOUS',
  'de-fra',
  '5a029f4a-72e5-11ec-90d6-0242ac120003',
  [],
  ['x'],
  {},
  { fromEnv: 'X', fromFile: 'y' },
  { location: 'eu-central-3', retentionDays: 0 },
  { count: 2, cores: 0, ram: 4, storageSize: 20, extra: 1 },
];

describe('the validator generated at build time', () => {
  it('was generated from this schema', () => {
    expect(generated[GENERATED_VALIDATOR_FILE]!.schemaHash).toBe(hashSchemaSources(GENERATED_VALIDATOR_FILE));
    expect(generated[GENERATED_FLEET_VALIDATOR_FILE]!.schemaHash).toBe(
      hashSchemaSources(GENERATED_FLEET_VALIDATOR_FILE),
    );
  });

  it('gives the errors of the compiled one, for every fixture document', async () => {
    const { sources } = await readSpecSources(['test/fixtures/desired'], { cwd: ROOT });
    const docs = (await parseSpecSources(sources)).flatMap((source) => source.documents);
    expect(docs.length).toBeGreaterThan(10);
    for (const doc of docs) {
      for (const kind of KINDS) {
        const { generated, compiled } = verdicts(doc.value, kind);
        expect(generated, `${kind}: ${doc.file}`).toEqual(compiled);
      }
    }
  });

  it('gives the errors of the compiled one, for each field set to each odd value', () => {
    let invalid = 0;
    for (const path of PATHS) {
      for (const value of VALUES) {
        for (const kind of ['cluster', 'clusterWritten', 'defaults'] as const) {
          const { generated, compiled } = verdicts(withValue(path, value), kind);
          expect(generated, `${kind}: ${path} = ${JSON.stringify(value)}`).toEqual(compiled);
          if (kind === 'cluster' && !compiled.valid) invalid++;
        }
      }
    }
    expect(invalid).toBeGreaterThan(PATHS.length * 10);
  }, 30_000);

  it('gives the errors of the compiled one, for arbitrary values anywhere', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), fc.jsonValue({ maxDepth: 2 }), (path, value) => {
        const { generated, compiled } = verdicts(withValue(path, value));
        expect(generated).toEqual(compiled);
      }),
      { numRuns: 300 },
    );
  });
});
