import { describe, expect, it } from 'vitest';
import { CONNECTION_POOLERS, DAYS_OF_THE_WEEK, REGIONS, REPLICATION_MODES } from '../../../src/api/types.js';
import { readClusterSchema, SPEC_DEFAULTS } from '../../../src/desired/index.js';
import { getClusterValidator } from '../../../src/desired/schema.js';

interface FieldSchema {
  title?: string;
  description?: string;
  type?: string;
  enum?: unknown[];
  default?: unknown;
  examples?: unknown[];
  properties?: Record<string, FieldSchema>;
  required?: string[];
  additionalProperties?: boolean;
}

const schema = readClusterSchema() as unknown as FieldSchema & { $schema: string };

/** Every field of the document: its key path, its schema, and whether its parent requires it. */
function fieldsOf(node: FieldSchema, path: string[] = []): { path: string[]; field: FieldSchema; required: boolean }[] {
  return Object.entries(node.properties ?? {}).flatMap(([key, field]) => [
    { path: [...path, key], field, required: node.required?.includes(key) ?? false },
    ...fieldsOf(field, [...path, key]),
  ]);
}

/** The SPEC_DEFAULTS entry for a document path: spec.* fields sit at the top of SPEC_DEFAULTS, policy under policy. */
function specDefaultAt(path: string[]): unknown {
  const keys = path[0] === 'spec' ? path.slice(1) : path;
  return keys.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], SPEC_DEFAULTS);
}

function leavesOf(value: object, path: string[] = []): string[][] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null ? leavesOf(child, [...path, key]) : [[...path, key]],
  );
}

const fields = fieldsOf(schema);
// Optional fields whose absence means something, so they have no default.
const WITHOUT_DEFAULT = [
  'metadata.id',
  'metadata.labels',
  'spec.backup',
  'spec.backupLocation',
  'spec.credentials.password.fromEnv',
  'spec.credentials.password.fromFile',
  'spec.restoreFromBackup',
  'spec.restoreFromBackup.recoveryTargetDatetime',
];

describe('schemas/cluster.schema.json', () => {
  it('is draft-07 and compiles under ajv strict mode', async () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    await expect(getClusterValidator()).resolves.toBeTypeOf('function');
  });

  it('documents every field for editors: title, description, and a default or examples', () => {
    for (const { path, field } of fields) {
      const where = path.join('.');
      expect(field.title, where).toBeTruthy();
      expect(field.description, where).toBeTruthy();
      expect(field.default !== undefined || (field.examples?.length ?? 0) > 0, where).toBe(true);
    }
  });

  it('closes every map but labels: unknown keys are errors everywhere else', () => {
    expect(schema.additionalProperties).toBe(false);
    for (const { path, field } of fields.filter((f) => f.field.type === 'object')) {
      if (path.join('.') === 'metadata.labels') continue; // a map of the user's own keys, checked by propertyNames
      expect(field.additionalProperties, path.join('.')).toBe(false);
    }
  });

  it('lists the same enums as the API types', () => {
    const field = (path: string) => fields.find((f) => f.path.join('.') === path)!.field;
    expect(field('metadata.region').enum).toEqual([...REGIONS]);
    expect(field('spec.maintenanceWindow.dayOfTheWeek').enum).toEqual([...DAYS_OF_THE_WEEK]);
    expect(field('spec.replicationMode').enum).toEqual([...REPLICATION_MODES]);
    expect(field('spec.connectionPooler').enum).toEqual([...CONNECTION_POOLERS]);
  });
});

describe('SPEC_DEFAULTS', () => {
  it('agrees with every default in the schema', () => {
    const withDefault = fields.filter((f) => f.field.default !== undefined);
    expect(withDefault.length).toBeGreaterThanOrEqual(leavesOf(SPEC_DEFAULTS).length);
    for (const { path, field } of withDefault) expect(specDefaultAt(path), path.join('.')).toEqual(field.default);
  });

  it('has a schema default for each of its values', () => {
    for (const leaf of leavesOf(SPEC_DEFAULTS)) {
      const docPath = leaf[0] === 'policy' ? leaf : ['spec', ...leaf];
      const covering = fields.filter(
        (f) => f.field.default !== undefined && docPath.join('.').startsWith(f.path.join('.')),
      );
      expect(covering.length, leaf.join('.')).toBeGreaterThan(0);
    }
  });

  it('covers every optional field except those whose absence means something', () => {
    const optional = fields.filter((f) => !f.required && f.path[0] !== 'apiVersion' && f.path[0] !== 'kind');
    const missing = optional.filter((f) => f.field.default === undefined).map((f) => f.path.join('.'));
    expect(missing).toEqual(WITHOUT_DEFAULT);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(SPEC_DEFAULTS)).toBe(true);
    expect(Object.isFrozen(SPEC_DEFAULTS.maintenanceWindow)).toBe(true);
    expect(Object.isFrozen(SPEC_DEFAULTS.policy)).toBe(true);
  });
});
