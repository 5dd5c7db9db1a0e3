import { Document, isScalar, type Pair, type Scalar, visit, type YAMLMap } from 'yaml';
import type { ClusterRead, Region } from '../api/types.js';
import { readLive } from '../compare/readable.js';
import { FIELD_LAYOUT, type FieldGroup } from '../model/cluster-fields.js';
import { isPlainObject } from '../model/pointer.js';

/** What one imported file needs besides the cluster itself. */
export interface SpecYamlOptions {
  /** The `$schema` reference for editors: a relative path or a URL. */
  schemaRef: string;
  username: string;
  database: string;
  /** The environment variable the password is read from at apply time. */
  passwordEnv: string;
}

// Strings a YAML 1.1 reader (older editors, some CI tools) would take for a number, time, boolean or null: quoted,
// like the examples quote version, lanId and time.
const AMBIGUOUS =
  /^(?:[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9]+|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

/**
 * One spec document for a live cluster, as YAML text: the `$schema` comment, metadata {name, region, id}, every
 * readable property in the schema's key order (defaults written out, so the file says what the cluster is), and
 * credentials as placeholders with a comment saying why. Pure: same cluster and options, same text.
 */
export function buildSpecYaml(region: Region, cluster: ClusterRead, options: SpecYamlOptions): string {
  const doc = new Document(buildSpecValue(region, cluster, options));
  doc.commentBefore = [
    ` yaml-language-server: $schema=${options.schemaRef}`,
    '',
    ` Imported by \`pgensure import\` from the live cluster ${region}/${cluster.properties.name}.`,
  ].join('\n');
  const spec = doc.get('spec', true) as YAMLMap;
  const credentials = spec.items.find((pair) => isScalar(pair.key) && pair.key.value === 'credentials') as Pair<Scalar>;
  credentials.key.commentBefore = describeCredentials(options.passwordEnv);
  (doc.getIn(['spec', 'credentials', 'password'], true) as YAMLMap).flow = true;
  visit(doc, {
    Scalar(key, node) {
      if (key === 'value' && typeof node.value === 'string' && AMBIGUOUS.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}

function buildSpecValue(region: Region, cluster: ClusterRead, options: SpecYamlOptions): object {
  const p = readLive(cluster).readable as unknown as Record<string, unknown>;
  const credentials = {
    username: options.username,
    database: options.database,
    password: { fromEnv: options.passwordEnv },
  };
  return {
    apiVersion: 'pgensure/v1',
    kind: 'PostgresCluster',
    metadata: { name: p['name'], region, id: cluster.id.toLowerCase() },
    spec: { ...readableSpec(p), credentials },
  };
}

/**
 * Every readable property in the field table's order (defaults written out, so the file says what the cluster is);
 * the name lives in metadata. Fields the table does not know are not written: apply carries them as live.
 */
function readableSpec(p: Record<string, unknown>): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  for (const { fact, key, children } of FIELD_LAYOUT) {
    if (key === 'name' || fact.writeOnly || fact.createOnly || p[key] === undefined) continue;
    const value = p[key];
    spec[key] = children.length === 0 || !isPlainObject(value) ? value : pickChildren(value, children);
  }
  return spec;
}

function pickChildren(value: Record<string, unknown>, children: FieldGroup['children']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key } of children) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

function describeCredentials(passwordEnv: string): string {
  return [
    ' The API never returns credentials, so they could not be imported. Until you apply a change to this cluster',
    ' they are never sent, and plan shows no change for them (credentials are never diffed). Before that first apply:',
    ' - replace username and database with the real ones: a PUT with another username creates that user;',
    ` - set ${passwordEnv} to that user's current password: a PUT resets the password to the one it sends.`,
  ].join('\n');
}
