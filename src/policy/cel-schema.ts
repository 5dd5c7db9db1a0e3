/**
 * The CEL declarations of `cluster` and `change` (product.md §9), from the cluster schema, so a rule that names a
 * field no cluster can have (`cluster.spec.instance.count`) is refused when it compiles, at its own line.
 */

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema> };
/** A cel-js variable schema: a type name per field, or a nested schema. */
export type CelSchema = { [key: string]: string | CelSchema };

const SCALARS: Record<string, string> = { string: 'string', integer: 'int', boolean: 'bool', number: 'double' };

/** Spec keys of a written document that the effective document does not have: the password, the legacy spelling. */
const NOT_EFFECTIVE = new Set(['/spec/backupLocation', '/spec/credentials/password']);

/** `cluster`: the effective document (metadata with labels, spec without any password, policy). */
export function declareCluster(clusterSchema: Record<string, unknown>): CelSchema {
  const declared = declareObject(clusterSchema as JsonSchema, '');
  const metadata = declared['metadata'] as CelSchema;
  return { ...declared, metadata: { ...metadata, labels: 'map<string, string>' } };
}

/** `change`: one planned change (product.md §8); `fields` are {path, before, after, impact, reversible}. */
export const CHANGE_DECLARATION: CelSchema = {
  action: 'string',
  impact: 'string',
  reversible: 'bool',
  fields: 'list<map<string, dyn>>',
};

function declareObject(schema: JsonSchema, pointer: string): CelSchema {
  const out: CelSchema = {};
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const here = `${pointer}/${key}`;
    if (NOT_EFFECTIVE.has(here)) continue;
    if (child.type === 'object') out[key] = child.properties ? declareObject(child, here) : 'map<string, dyn>';
    else out[key] = SCALARS[child.type ?? ''] ?? 'dyn';
  }
  return out;
}
