import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { InternalError } from '../errors.js';
import { type GeneratedFile, requireGeneratedFile } from './generated-files.js';

// From src/desired/ and from dist/desired/ alike, the schemas ship at <package>/schemas/.
const SCHEMAS_URL = new URL('../../schemas/', import.meta.url);

/** The validators `npm run build` generates in dist/desired/ (scripts/generate-validator.mjs), as CommonJS. */
export const GENERATED_VALIDATOR_FILE = 'cluster-validator.generated.cjs';
/** The validators of the other kinds, in a module of their own: plain cluster files never load them. */
export const GENERATED_FLEET_VALIDATOR_FILE = 'fleet-validators.generated.cjs';

/**
 * The validators spec loading uses: a complete cluster document (also the effective one, after Defaults), a cluster
 * document as written when Defaults apply to it, a Defaults document and a Policy document.
 */
export interface Validators {
  cluster: ValidateFunction;
  clusterWritten: ValidateFunction;
  defaults: ValidateFunction;
  policy: ValidateFunction;
}

/** The validators of the other kinds than a complete cluster. */
export type FleetValidators = Omit<Validators, 'cluster'>;

/** Per generated module, the name each validator is exported under (the cluster's keeps its old name). */
export const VALIDATOR_MODULES = {
  [GENERATED_VALIDATOR_FILE]: { cluster: 'validate' },
  [GENERATED_FLEET_VALIDATOR_FILE]: {
    clusterWritten: 'validateClusterWritten',
    defaults: 'validateDefaults',
    policy: 'validatePolicy',
  },
} as const;

type GeneratedValidators = Record<string, ValidateFunction> & { schemaHash: string };

let clusterValidator: Promise<ValidateFunction> | undefined;
let fleetValidators: Promise<FleetValidators> | undefined;

/** A schema file of schemas/, parsed. */
export function readSchemaFile(name: string): Record<string, unknown> {
  const text = readSchemaText(name);
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new InternalError(`cannot read the bundled schema ${name}`, { cause: err });
  }
}

/** The spec file's JSON Schema (draft-07), read from schemas/cluster.schema.json. */
export function readClusterSchema(): Record<string, unknown> {
  return readSchemaFile('cluster.schema.json');
}

/** The text of a schema file of schemas/. */
export function readSchemaText(name: string): string {
  try {
    return readFileSync(new URL(name, SCHEMAS_URL), 'utf8');
  } catch (err) {
    throw new InternalError(`cannot read the bundled schema ${name}`, { cause: err });
  }
}

/** FNV-1a (32 bits) of a text: tells a generated validator from a stale one, no crypto needed. */
export function hashSchemaText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The hash of the schema files a generated module's validators are made from. */
export function hashSchemaSources(module: keyof typeof VALIDATOR_MODULES): string {
  const files =
    module === GENERATED_VALIDATOR_FILE ? ['cluster.schema.json'] : ['cluster.schema.json', 'policy.schema.json'];
  return hashSchemaText(files.map(readSchemaText).join('\0'));
}

/**
 * The complete cluster document's validator, loaded once on first use: the one generated at build time when it is
 * there and was generated from this schema (~2 ms), else compiled now with ajv (~60 ms). Both come from the same
 * ajv set-up (schema-compile.ts) and give the same errors. Nothing is imported until something is validated.
 */
export function getClusterValidator(): Promise<ValidateFunction> {
  clusterValidator ??= loadValidators(GENERATED_VALIDATOR_FILE).then((v) => v['cluster']!);
  return clusterValidator;
}

/** The validators of the written cluster, Defaults and Policy: loaded only when the files hold such documents. */
export function getFleetValidators(): Promise<FleetValidators> {
  fleetValidators ??= loadValidators(GENERATED_FLEET_VALIDATOR_FILE) as Promise<FleetValidators>;
  return fleetValidators;
}

/** Every validator (the cluster's and the fleet's). */
export async function getValidators(): Promise<Validators> {
  const [cluster, fleet] = await Promise.all([getClusterValidator(), getFleetValidators()]);
  return { cluster, ...fleet };
}

async function loadValidators(module: keyof typeof VALIDATOR_MODULES): Promise<Record<string, ValidateFunction>> {
  const generated = requireGenerated(module);
  if (generated !== undefined) return generated;
  const { compileValidators } = await import('./schema-compile.js');
  return compileValidators(Object.keys(VALIDATOR_MODULES[module]) as (keyof Validators)[]);
}

/** The generated validators; `undefined` when there are none (running from src/) or the schemas changed since. */
function requireGenerated(module: keyof typeof VALIDATOR_MODULES): Record<string, ValidateFunction> | undefined {
  let file: GeneratedFile | undefined;
  try {
    file = requireGeneratedFile(module);
  } catch (err) {
    throw new InternalError(`cannot load the generated validator ${module}`, { cause: err });
  }
  if (file === undefined) return undefined;
  const generated = file.exports as GeneratedValidators;
  if (!file.checked && generated.schemaHash !== hashSchemaSources(module)) return undefined;
  const entries = Object.entries(VALIDATOR_MODULES[module]).map(([kind, name]) => [kind, generated[name]] as const);
  if (entries.some(([, validate]) => typeof validate !== 'function')) return undefined;
  return Object.fromEntries(entries) as Record<string, ValidateFunction>;
}
