import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { InternalError } from '../errors.js';

// From src/spec/ and from dist/spec/ alike, the schema ships at <package>/schemas/.
const SCHEMA_URL = new URL('../../schemas/cluster.schema.json', import.meta.url);

let validator: Promise<ValidateFunction> | undefined;

/** The spec file's JSON Schema (draft-07), read from schemas/cluster.schema.json. */
export function readClusterSchema(): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new InternalError(`cannot read the bundled schema ${SCHEMA_URL.pathname}`, { cause: err });
  }
}

/**
 * The compiled validator, built once on first use. ajv is imported here, not at module load, so that importing the
 * spec module (every command does) costs nothing until something is validated.
 */
export function getClusterValidator(): Promise<ValidateFunction> {
  validator ??= compileClusterSchema();
  return validator;
}

async function compileClusterSchema(): Promise<ValidateFunction> {
  const [{ Ajv }, { default: addFormats }] = await Promise.all([import('ajv'), import('ajv-formats')]);
  // verbose: errors carry the offending data and the schema, so messages can say "(got 64)" and use
  // patternErrorMessage, an annotation editors (yaml-language-server, VS Code) show for pattern mismatches too.
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
  ajv.addVocabulary(['patternErrorMessage']);
  addFormats.default(ajv, ['date-time']);
  try {
    return ajv.compile(readClusterSchema());
  } catch (err) {
    throw new InternalError('the bundled schema does not compile', { cause: err });
  }
}
