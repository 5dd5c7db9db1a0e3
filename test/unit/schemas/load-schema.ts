import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ROOT } from '../../helpers/run-cli.js';

/**
 * A validator for one of the published schemas, compiled in ajv's strict mode (union types allowed: `string|null`).
 * Strict mode makes a typo in the schema (an unknown keyword, a `required` naming no property) a test failure.
 */
export function compileSchema(file: string): ValidateFunction {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats.default(ajv, ['date-time']);
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8')));
}

/** The errors, one readable line each, for assertion messages. */
export function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('\n');
}
