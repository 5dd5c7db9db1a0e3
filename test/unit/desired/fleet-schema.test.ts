import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { readClusterSchema, readSchemaFile } from '../../../src/desired/schema.js';
import { deriveFleetSchema } from '../../../src/desired/schema-derive.js';
import { ROOT } from './support.js';

const FILE = join(ROOT, 'schemas', 'fleet.schema.json');
const derived = deriveFleetSchema(readClusterSchema(), readSchemaFile('policy.schema.json'));

// `UPDATE_SCHEMAS=1 npx vitest run test/unit/desired/fleet-schema.test.ts` writes the file again (then run
// `npx biome format --write schemas/fleet.schema.json`).
if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(FILE, `${JSON.stringify(derived, null, 2)}\n`);

describe('schemas/fleet.schema.json (for editors: every kind of document)', () => {
  it('is derived from cluster.schema.json and policy.schema.json (regenerate it when they change)', () => {
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(derived);
  });

  // Strict, as the run-time validators are: a typo in the schema (an unknown keyword) fails here.
  const ajv = new Ajv({ strict: true, allErrors: true });
  ajv.addVocabulary(['patternErrorMessage']);
  addFormats.default(ajv, ['date-time', 'date']);
  const validate = ajv.compile(derived);
  const describeErrors = () => JSON.stringify(validate.errors);
  const cluster = {
    apiVersion: 'pgensure/v1',
    kind: 'PostgresCluster',
    metadata: { name: 'orders', region: 'de-fra', labels: { env: 'prod' } },
    spec: { instances: { cores: 4 } },
  };

  it('accepts a cluster that leaves required fields to Defaults, a Defaults and a Policy document', () => {
    const defaults = {
      apiVersion: 'pgensure/v1',
      kind: 'Defaults',
      metadata: { name: 'production' },
      selector: { matchLabels: { env: 'prod' } },
      spec: { instances: { count: 3 }, backup: { retentionDays: 30 } },
    };
    const policy = {
      apiVersion: 'pgensure/v1',
      kind: 'Policy',
      metadata: { name: 'rules' },
      rules: [{ name: 'ha', expression: 'cluster.spec.instances.count >= 2', severity: 'deny' }],
      exceptions: [{ rule: 'ha', target: 'de-fra/orders', reason: 'migration', expires: '2027-01-31' }],
    };
    for (const doc of [cluster, defaults, policy]) expect(validate(doc), describeErrors()).toBe(true);
  });

  it('checks each kind by its own rules', () => {
    expect(validate({ ...cluster, spec: { instances: { count: 9 } } })).toBe(false);
    expect(validate({ ...cluster, metadata: { ...cluster.metadata, labels: { 'Bad Key': 'x' } } })).toBe(false);
    expect(validate({ ...cluster, kind: 'Defaults' })).toBe(false); // a Defaults has no region or labels
    expect(
      validate({
        apiVersion: 'pgensure/v1',
        kind: 'Defaults',
        metadata: { name: 'p' },
        spec: { restoreFromBackup: {} },
      }),
    ).toBe(false);
    expect(
      validate({ apiVersion: 'pgensure/v1', kind: 'Policy', metadata: { name: 'p' }, rules: [{ name: 'x' }] }),
    ).toBe(false);
    expect(validate({ apiVersion: 'pgensure/v1', kind: 'ConfigMap' })).toBe(false);
  });
});
