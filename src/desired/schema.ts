import { existsSync, readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { InternalError } from '../errors.js';
import { deriveDefaultsSchema, deriveWrittenClusterSchema } from './schema-derive.js';

// From src/desired/ and from dist/desired/ alike, the schemas ship at <package>/schemas/.
const SCHEMAS_URL = new URL('../../schemas/', import.meta.url);

/** The validators `npm run build` generates next to this module in dist/desired/ (scripts/generate-validator.mjs). */
export const GENERATED_VALIDATOR_FILE = 'cluster-validator.generated.js';
const GENERATED_URL = new URL(`./${GENERATED_VALIDATOR_FILE}`, import.meta.url);

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

/** The name each validator is exported under in the generated module (the cluster's keeps its old name). */
export const VALIDATOR_EXPORTS: Record<keyof Validators, string> = {
  cluster: 'validate',
  clusterWritten: 'validateClusterWritten',
  defaults: 'validateDefaults',
  policy: 'validatePolicy',
};

type GeneratedValidators = Record<string, ValidateFunction> & { schemaHash: string };

let validators: Promise<Validators> | undefined;

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

/** The schema of each validator: the two files written by hand, and the two derived from them. */
export function buildValidatorSchemas(): Record<keyof Validators, Record<string, unknown>> {
  const cluster = readClusterSchema();
  const policy = readSchemaFile('policy.schema.json');
  return {
    cluster,
    clusterWritten: deriveWrittenClusterSchema(cluster),
    defaults: deriveDefaultsSchema(cluster, policy),
    policy,
  };
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

/** The hash of the schema files the validators are made from. */
export function hashSchemaSources(): string {
  return hashSchemaText(`${readSchemaText('cluster.schema.json')}\0${readSchemaText('policy.schema.json')}`);
}

/**
 * The validators, loaded once on first use: the ones generated at build time when they are there and were generated
 * from these schemas (~2 ms), else compiled now with ajv (~100 ms: importing ajv and compiling the schemas). Both
 * come from the same ajv set-up (schema-compile.ts) and give the same errors. Nothing is imported until used.
 */
export function getValidators(): Promise<Validators> {
  validators ??= loadValidators();
  return validators;
}

/** The complete cluster document's validator (see getValidators). */
export async function getClusterValidator(): Promise<ValidateFunction> {
  return (await getValidators()).cluster;
}

async function loadValidators(): Promise<Validators> {
  const generated = await importGeneratedValidators();
  if (generated !== undefined) return generated;
  const { compileValidators } = await import('./schema-compile.js');
  return compileValidators();
}

/** The generated validators; `undefined` when there are none (running from src/) or the schemas changed since. */
async function importGeneratedValidators(): Promise<Validators | undefined> {
  if (!existsSync(GENERATED_URL)) return undefined;
  let generated: GeneratedValidators;
  try {
    generated = (await import(GENERATED_URL.href)) as GeneratedValidators;
  } catch (err) {
    throw new InternalError(`cannot load the generated validator ${GENERATED_URL.pathname}`, { cause: err });
  }
  if (generated.schemaHash !== hashSchemaSources()) return undefined;
  const entries = Object.entries(VALIDATOR_EXPORTS).map(([kind, name]) => [kind, generated[name]]);
  if (entries.some(([, validate]) => typeof validate !== 'function')) return undefined;
  return Object.fromEntries(entries) as Validators;
}
