import { existsSync, readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { InternalError } from '../errors.js';

// From src/desired/ and from dist/desired/ alike, the schema ships at <package>/schemas/.
const SCHEMA_URL = new URL('../../schemas/cluster.schema.json', import.meta.url);

/** The validator `npm run build` generates next to this module in dist/desired/ (scripts/generate-validator.mjs). */
export const GENERATED_VALIDATOR_FILE = 'cluster-validator.generated.js';
const GENERATED_URL = new URL(`./${GENERATED_VALIDATOR_FILE}`, import.meta.url);

interface GeneratedValidator {
  validate: ValidateFunction;
  schemaHash: string;
}

let validator: Promise<ValidateFunction> | undefined;

/** The spec file's JSON Schema (draft-07), read from schemas/cluster.schema.json. */
export function readClusterSchema(): Record<string, unknown> {
  const text = readClusterSchemaText();
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new InternalError(`cannot read the bundled schema ${SCHEMA_URL.pathname}`, { cause: err });
  }
}

/** The text of schemas/cluster.schema.json. */
export function readClusterSchemaText(): string {
  try {
    return readFileSync(SCHEMA_URL, 'utf8');
  } catch (err) {
    throw new InternalError(`cannot read the bundled schema ${SCHEMA_URL.pathname}`, { cause: err });
  }
}

/** FNV-1a (32 bits) of the schema text: tells a generated validator from a stale one, no crypto needed. */
export function hashSchemaText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The validator, loaded once on first use: the one generated at build time when it is there and was generated from
 * this schema (~2 ms), else compiled now with ajv (~60 ms: importing ajv and compiling the schema). Both come from
 * the same ajv set-up (schema-compile.ts) and give the same errors. Nothing is imported until something is validated.
 */
export function getClusterValidator(): Promise<ValidateFunction> {
  validator ??= loadClusterValidator();
  return validator;
}

async function loadClusterValidator(): Promise<ValidateFunction> {
  const generated = await importGeneratedValidator();
  if (generated !== undefined) return generated;
  const { compileClusterSchema } = await import('./schema-compile.js');
  return compileClusterSchema();
}

/** The generated validator; `undefined` when there is none (running from src/) or the schema changed since. */
async function importGeneratedValidator(): Promise<ValidateFunction | undefined> {
  if (!existsSync(GENERATED_URL)) return undefined;
  let generated: GeneratedValidator;
  try {
    generated = (await import(GENERATED_URL.href)) as GeneratedValidator;
  } catch (err) {
    throw new InternalError(`cannot load the generated validator ${GENERATED_URL.pathname}`, { cause: err });
  }
  return generated.schemaHash === hashSchemaText(readClusterSchemaText()) ? generated.validate : undefined;
}
