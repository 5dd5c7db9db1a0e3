import type { ErrorObject } from 'ajv';
import type { SourcePos, SpecIssue } from '../errors.js';
import { childPointer, pointerToDotted } from '../model/pointer.js';
import { findNearMiss } from '../near-miss.js';
import type { ParsedDocument } from './document.js';
import { positionOf, positionOfKey } from './positions.js';

/** One schema problem before it is placed in the file: the node to point at and the words to say. */
interface Finding {
  pointer: string;
  at: 'node' | 'key';
  message: string;
  /** The key path to show, when it is not the pointer's (a key under credentials may be a password). */
  shownPointer?: string;
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

/** Where to report a finding (a node, or its key), and words to add to its message (e.g. which Defaults). */
export type Locate = (pointer: string, at: 'node' | 'key') => SourcePos & { note?: string };

/** Reports at the document's own nodes. */
export function locateIn(doc: ParsedDocument): Locate {
  return (pointer, at) => ({
    file: doc.file,
    ...(at === 'key' ? positionOfKey(doc, pointer) : positionOf(doc, pointer)),
  });
}

/**
 * Turns ajv's errors for one document into issues, one per problem, in words a user can act on. `locate` places
 * them (by default in the document itself; a cluster merged with Defaults places some in the Defaults).
 */
export function describeSchemaErrors(
  errors: readonly ErrorObject[],
  doc: ParsedDocument,
  locate: Locate = locateIn(doc),
): SpecIssue[] {
  // A `type` error says all there is to say about a value; the oneOf beside it only repeats it.
  const typeErrorAt = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const issues: SpecIssue[] = [];
  for (const error of errors) {
    if (isBranchError(error)) continue;
    if (error.keyword === 'oneOf' && typeErrorAt.has(error.instancePath)) continue;
    const finding = describeError(error);
    const { note, ...pos } = locate(finding.pointer, finding.at);
    const path = pointerToDotted(finding.shownPointer ?? finding.pointer);
    issues.push({ ...pos, path, message: `${finding.message}${note ?? ''}` });
  }
  return issues;
}

/**
 * Errors inside oneOf branches and if/then are explained by the oneOf or if error itself; a propertyNames error
 * repeats the error of the key (which ajv reports with `propertyName`).
 */
function isBranchError(error: ErrorObject): boolean {
  return (
    error.schemaPath.includes('/oneOf/') || error.schemaPath.includes('/then/') || error.keyword === 'propertyNames'
  );
}

function describeError(error: ErrorObject): Finding {
  const { instancePath: pointer, params } = error;
  if (error.propertyName !== undefined) return describeBadKey(pointer, error.propertyName, error);
  if (error.keyword === 'not' && pointer === '/spec') {
    return { pointer: '/spec/backupLocation', at: 'key', message: 'use either backup or backupLocation, not both' };
  }
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

/** A key a map's propertyNames refuses (a label key): reported where the key is written. */
function describeBadKey(pointer: string, key: string, error: ErrorObject): Finding {
  const what = error.keyword === 'pattern' ? patternMessage(error.parentSchema) : undefined;
  const message = `${JSON.stringify(key)} ${what ?? describeConstraint(error)}`;
  return { pointer: childPointer(pointer, key), at: 'key', message };
}

/** Spec keys a Defaults document may not set, and why. */
const PER_CLUSTER_KEYS: Record<string, string> = {
  restoreFromBackup:
    'restoreFromBackup cannot come from Defaults: a restore seeds one cluster, so set it in that cluster’s file',
};

function describeUnknownKey(pointer: string, key: string, parentSchema: unknown): Finding {
  const perCluster = pointer === '/spec' ? PER_CLUSTER_KEYS[key] : undefined;
  if (perCluster !== undefined) return { pointer: childPointer(pointer, key), at: 'key', message: perCluster };
  const known = Object.keys((parentSchema as { properties?: object } | undefined)?.properties ?? {});
  const near = findNearMiss(known, key);
  const hint = near === undefined ? '' : ` (did you mean "${near}"?)`;
  if (isSecretPointer(pointer)) {
    // `password: {Hunter2}` makes the password a key: neither the message nor the path may name it.
    const keys = near === undefined && known.length > 0 ? ` (the keys here are ${known.join(', ')})` : hint;
    return { pointer: childPointer(pointer, key), at: 'key', message: `an unknown key${keys}`, shownPointer: pointer };
  }
  return { pointer: childPointer(pointer, key), at: 'key', message: `unknown key "${key}"${hint}` };
}

function describeType(pointer: string, type: string, data: unknown): string {
  if (pointer === PASSWORD) {
    return data === null ? 'missing password: use {fromEnv: VAR} or {fromFile: PATH}' : LITERAL_PASSWORD_MESSAGE;
  }
  if (type === 'string' && (typeof data === 'number' || typeof data === 'boolean') && !isSecretPointer(pointer)) {
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
  return isSecretPointer(pointer) ? message : `${message} (got ${describeValue(data)})`;
}

/** Whether a value at this pointer may be a secret (anything under credentials): it is never quoted in a message. */
export function isSecretPointer(pointer: string): boolean {
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
