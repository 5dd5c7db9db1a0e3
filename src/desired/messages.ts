import type { ErrorObject } from 'ajv';
import type { SpecIssue } from '../errors.js';
import { childPointer, pointerToDotted } from '../model/pointer.js';
import { findNearMiss } from '../near-miss.js';
import type { ParsedDocument } from './document.js';
import { positionOf, positionOfKey } from './positions.js';

/** One schema problem before it is placed in the file: the node to point at and the words to say. */
interface Finding {
  pointer: string;
  at: 'node' | 'key';
  message: string;
}

const CREDENTIALS = '/spec/credentials';
const PASSWORD = '/spec/credentials/password';
export const LITERAL_PASSWORD_MESSAGE = 'literal passwords are refused: use {fromEnv: VAR} or {fromFile: PATH}';

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a map',
  array: 'a list',
};

const FORMAT_MESSAGES: Record<string, string> = {
  'date-time': 'must be a date-time like 2024-05-01T12:00:00Z',
};

const NOT_MESSAGES: Record<string, string> = {
  '/spec/connection/primaryInstanceAddress': 'must not be in 10.208.0.0/12, which IONOS reserves',
};

/** Turns ajv's errors for one document into issues, one per problem, in words a user can act on. */
export function describeSchemaErrors(errors: readonly ErrorObject[], doc: ParsedDocument): SpecIssue[] {
  // A `type` error says all there is to say about a value; the oneOf beside it only repeats it.
  const typeErrorAt = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const issues: SpecIssue[] = [];
  for (const error of errors) {
    if (isBranchError(error)) continue;
    if (error.keyword === 'oneOf' && typeErrorAt.has(error.instancePath)) continue;
    const finding = describeError(error);
    const pos = finding.at === 'key' ? positionOfKey(doc, finding.pointer) : positionOf(doc, finding.pointer);
    issues.push({ file: doc.file, ...pos, path: pointerToDotted(finding.pointer), message: finding.message });
  }
  return issues;
}

/** Errors inside oneOf branches and if/then are explained by the oneOf or if error itself. */
function isBranchError(error: ErrorObject): boolean {
  return error.schemaPath.includes('/oneOf/') || error.schemaPath.includes('/then/');
}

function describeError(error: ErrorObject): Finding {
  const { instancePath: pointer, params } = error;
  switch (error.keyword) {
    case 'additionalProperties':
      return describeUnknownKey(pointer, String(params.additionalProperty), error.parentSchema);
    case 'required':
      return {
        pointer: childPointer(pointer, String(params.missingProperty)),
        at: 'node',
        message: `missing required key "${params.missingProperty}"`,
      };
    case 'type':
      return { pointer, at: 'node', message: describeType(pointer, String(params.type), error.data) };
    case 'oneOf':
      return describeOneOf(pointer, params.passingSchemas !== null);
    case 'if':
      return describeStrictSync(error.data);
    default:
      return { pointer, at: 'node', message: withGot(pointer, describeConstraint(error), error.data) };
  }
}

function describeConstraint(error: ErrorObject): string {
  const { params } = error;
  switch (error.keyword) {
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${params.comparison} ${params.limit}`;
    case 'minLength':
      return params.limit === 1 ? 'must not be empty' : `must be at least ${params.limit} characters`;
    case 'maxLength':
      return `must be at most ${params.limit} characters`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `must be ${String(params.allowedValue)}`;
    case 'pattern':
      return patternMessage(error.parentSchema) ?? `must match ${params.pattern}`;
    case 'format':
      return FORMAT_MESSAGES[String(params.format)] ?? `must be a valid ${params.format}`;
    case 'not':
      return NOT_MESSAGES[error.instancePath] ?? 'is not allowed here';
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

function describeUnknownKey(pointer: string, key: string, parentSchema: unknown): Finding {
  const known = Object.keys((parentSchema as { properties?: object } | undefined)?.properties ?? {});
  const near = findNearMiss(known, key);
  const hint = near === undefined ? '' : ` (did you mean "${near}"?)`;
  return { pointer: childPointer(pointer, key), at: 'key', message: `unknown key "${key}"${hint}` };
}

function describeType(pointer: string, type: string, data: unknown): string {
  if (pointer === PASSWORD) {
    return data === null ? 'missing password: use {fromEnv: VAR} or {fromFile: PATH}' : LITERAL_PASSWORD_MESSAGE;
  }
  if (type === 'string' && (typeof data === 'number' || typeof data === 'boolean') && !isSecret(pointer)) {
    return `must be a string (got ${String(data)}): quote it, "${String(data)}"`;
  }
  return withGot(pointer, `must be ${TYPE_NAMES[type] ?? type}`, data);
}

function describeOneOf(pointer: string, matchedSeveral: boolean): Finding {
  if (pointer === PASSWORD) {
    const message = matchedSeveral
      ? 'use either fromEnv or fromFile, not both'
      : 'must be {fromEnv: VAR} or {fromFile: PATH}';
    return { pointer, at: 'node', message };
  }
  if (pointer === '/spec') {
    return matchedSeveral
      ? { pointer: '/spec/backupLocation', at: 'key', message: 'use either backup or backupLocation, not both' }
      : {
          pointer: '/spec/backup',
          at: 'node',
          message: 'missing required key "backup" (or the legacy backupLocation)',
        };
  }
  return { pointer, at: 'node', message: 'must match exactly one of the allowed shapes' };
}

/** The only if/then in the schema: STRICTLY_SYNCHRONOUS needs three instances. It is the mode that asks for it. */
function describeStrictSync(spec: unknown): Finding {
  const count = (spec as { instances?: { count?: unknown } } | undefined)?.instances?.count;
  return {
    pointer: '/spec/replicationMode',
    at: 'node',
    message: `STRICTLY_SYNCHRONOUS needs instances.count >= 3 (got ${String(count)})`,
  };
}

function patternMessage(parentSchema: unknown): string | undefined {
  const message = (parentSchema as { patternErrorMessage?: unknown } | undefined)?.patternErrorMessage;
  return typeof message === 'string' ? message : undefined;
}

/** Appends what the file said, except under credentials (a misplaced password must never be echoed). */
function withGot(pointer: string, message: string, data: unknown): string {
  return isSecret(pointer) ? message : `${message} (got ${describeValue(data)})`;
}

function isSecret(pointer: string): boolean {
  return pointer === CREDENTIALS || pointer.startsWith(`${CREDENTIALS}/`);
}

/** A short rendering of a value for messages. */
export function describeValue(data: unknown): string {
  if (data === null || data === undefined) return 'nothing';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a map';
  if (typeof data !== 'string') return String(data);
  const text = data.length > 40 ? `${data.slice(0, 37)}...` : data;
  return JSON.stringify(text);
}
