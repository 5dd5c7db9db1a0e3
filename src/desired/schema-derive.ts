/**
 * The schemas derived from the two written by hand (schemas/cluster.schema.json, schemas/policy.schema.json), so a
 * field is described once: the cluster document as written in a fleet (spec fields may come from Defaults), the
 * Defaults document (any part of a cluster's spec), and schemas/fleet.schema.json, the one schema editors use for
 * every kind. Pure: JSON in, JSON out.
 */

type Schema = Record<string, unknown>;

/** Keys of the cluster spec a Defaults document may not set: a restore seeds one cluster, never a group. */
const PER_CLUSTER_SPEC_KEYS = ['restoreFromBackup'];

const BOTH_BACKUP_SPELLINGS = {
  not: { properties: { backup: true, backupLocation: true }, required: ['backup', 'backupLocation'] },
};

/** The cluster document as written when Defaults may supply its spec: no spec field (nor the spec) is required. */
export function deriveWrittenClusterSchema(cluster: Schema): Schema {
  const properties = cluster['properties'] as Schema;
  return {
    ...cluster,
    title: 'pgensure PostgresCluster (as written)',
    required: (cluster['required'] as string[]).filter((key) => key !== 'spec'),
    properties: { ...properties, spec: relaxSpec(properties['spec'] as Schema, []) },
  };
}

/** The Defaults document: metadata.name, an optional label selector, and any part of a cluster's spec. */
export function deriveDefaultsSchema(cluster: Schema, policy: Schema): Schema {
  const clusterProperties = cluster['properties'] as Schema;
  const selector = (policy['definitions'] as Schema)['selector'] as Schema;
  return {
    $schema: cluster['$schema'],
    title: 'pgensure Defaults',
    description:
      'Values for the spec of every cluster whose labels match the selector. A cluster’s own values win; maps merge key by key; two Defaults that set the same field for one cluster are an error.',
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    additionalProperties: false,
    properties: {
      apiVersion: clusterProperties['apiVersion'],
      kind: {
        ...(clusterProperties['kind'] as Schema),
        description: 'The kind of document. Always Defaults.',
        enum: ['Defaults'],
        examples: ['Defaults'],
      },
      metadata: DEFAULTS_METADATA,
      selector: {
        ...selector,
        description:
          'The clusters these Defaults apply to: those whose metadata.labels include every label of matchLabels. Omitted: every cluster.',
      },
      spec: {
        ...relaxSpec(clusterProperties['spec'] as Schema, PER_CLUSTER_SPEC_KEYS),
        title: 'Default cluster properties',
        description:
          'Any part of a cluster’s spec (restoreFromBackup excepted), checked like a cluster’s: the same keys, types and ranges.',
      },
    },
  };
}

const DEFAULTS_METADATA: Schema = {
  title: 'Metadata',
  description: 'The name of these Defaults, shown wherever a value came from them.',
  examples: [{ name: 'production' }],
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: {
      title: 'Defaults name',
      description:
        'A name of at most 63 lower-case letters, digits and ‘-’, beginning and ending with a letter or digit.',
      type: 'string',
      maxLength: 63,
      pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
      patternErrorMessage: 'must be lower-case letters, digits and "-", beginning and ending with a letter or digit',
      examples: ['production'],
    },
  },
};

/**
 * One schema for every pgensure document, for editors (yaml-language-server completes and checks each kind by its
 * `kind:`): a PostgresCluster as written in a fleet, Defaults and Policy. Self-contained: no reference to other files.
 */
export function deriveFleetSchema(cluster: Schema, policy: Schema): Schema {
  const written = withoutDraft(deriveWrittenClusterSchema(cluster));
  const defaults = withoutDraft(deriveDefaultsSchema(cluster, policy));
  const { definitions, ...policyDocument } = withoutDraft(policy);
  const kinds = [
    ['PostgresCluster', 'cluster'],
    ['Defaults', 'defaults'],
    ['Policy', 'policy'],
  ] as const;
  return {
    $schema: cluster['$schema'],
    title: 'pgensure document',
    description:
      'Any pgensure document: a PostgresCluster (spec fields may come from Defaults), Defaults, or a Policy. Generated from cluster.schema.json and policy.schema.json.',
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: (cluster['properties'] as Schema)['apiVersion'],
      kind: {
        title: 'Kind',
        description: 'PostgresCluster: one cluster; Defaults: values for a group of clusters; Policy: rules in CEL.',
        type: 'string',
        enum: kinds.map(([kind]) => kind),
        examples: kinds.map(([kind]) => kind),
      },
    },
    // JSON Schema's `then` keyword, not a thenable: these objects are never awaited.
    allOf: kinds.map(([kind, ref]) =>
      Object.fromEntries([
        ['if', { properties: { kind: { const: kind } }, required: ['kind'] }],
        ['then', { $ref: `#/definitions/${ref}` }],
      ]),
    ),
    definitions: { ...(definitions as Schema), cluster: written, defaults, policy: policyDocument },
  };
}

/** The spec with nothing required (a password reference must still be whole), optionally without some keys. */
function relaxSpec(spec: Schema, drop: readonly string[]): Schema {
  const { oneOf: _backupRequired, required: _required, ...rest } = spec;
  const properties = Object.fromEntries(
    Object.entries(rest['properties'] as Schema)
      .filter(([key]) => !drop.includes(key))
      .map(([key, child]) => [key, withoutRequired(child as Schema)]),
  );
  return { ...rest, ...BOTH_BACKUP_SPELLINGS, properties };
}

/** A field's schema with `required` dropped at every level (its oneOf alternatives keep theirs). */
function withoutRequired(schema: Schema): Schema {
  const { required: _required, ...rest } = schema;
  const properties = rest['properties'] as Schema | undefined;
  if (properties === undefined) return rest;
  const relaxed = Object.entries(properties).map(([key, child]) => [key, withoutRequired(child as Schema)]);
  return { ...rest, properties: Object.fromEntries(relaxed) };
}

function withoutDraft(schema: Schema): Schema {
  const { $schema: _draft, ...rest } = schema;
  return rest;
}
