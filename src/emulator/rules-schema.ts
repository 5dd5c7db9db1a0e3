/** The shape rules of a v2 `Cluster` body as one table, and a walker that reports every violation. */
import { CONNECTION_POOLERS, DAYS_OF_THE_WEEK, REPLICATION_MODES } from '../api/types.js';
import type { Problem } from './types.js';

/** A rule for one JSON value. `secret` values are never echoed in messages. */
export type FieldRule =
  | { kind: 'string'; enum?: readonly string[]; pattern?: RegExp; hint?: string; maxLength?: number; secret?: boolean }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'boolean' }
  | { kind: 'object'; fields: Record<string, FieldRule>; required: readonly string[] };

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether `value` is a UUID (any version). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Whether `value` is an RFC 3339 date-time that parses. */
export function isDateTime(value: string): boolean {
  return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

const uuidRule: FieldRule = { kind: 'string', pattern: UUID, hint: 'a UUID' };
const dateTimeRule: FieldRule = { kind: 'string', pattern: DATE_TIME, hint: 'an RFC 3339 date-time' };

/** `Cluster` (PUT `properties`, POST `properties`); credentials are required on create by a separate rule. */
export const CLUSTER_RULE: FieldRule = {
  kind: 'object',
  required: ['name', 'version', 'instances', 'connection', 'maintenanceWindow', 'replicationMode', 'backup'],
  fields: {
    name: {
      kind: 'string',
      pattern: /^[a-zA-Z0-9]([-_.a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/,
      hint: '63 characters or less, beginning and ending with [a-zA-Z0-9], with [-_.a-zA-Z0-9] between',
    },
    description: { kind: 'string' },
    version: { kind: 'string' },
    instances: {
      kind: 'object',
      required: ['count', 'cores', 'ram', 'storageSize'],
      fields: {
        count: { kind: 'int', min: 1, max: 5 },
        cores: { kind: 'int', min: 1, max: 62 },
        ram: { kind: 'int', min: 4, max: 240 },
        storageSize: { kind: 'int', min: 10, max: 4096 },
      },
    },
    connection: {
      kind: 'object',
      required: ['datacenterId', 'lanId', 'primaryInstanceAddress'],
      fields: {
        datacenterId: uuidRule,
        lanId: { kind: 'string', pattern: /^[0-9]+$/, hint: 'a numeric LAN id such as "2"' },
        primaryInstanceAddress: { kind: 'string' },
      },
    },
    maintenanceWindow: {
      kind: 'object',
      required: ['dayOfTheWeek', 'time'],
      fields: {
        dayOfTheWeek: { kind: 'string', enum: DAYS_OF_THE_WEEK },
        time: { kind: 'string', pattern: /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, hint: 'HH:MM:SS (UTC)' },
      },
    },
    replicationMode: { kind: 'string', enum: REPLICATION_MODES },
    connectionPooler: { kind: 'string', enum: CONNECTION_POOLERS },
    logsEnabled: { kind: 'boolean' },
    metricsEnabled: { kind: 'boolean' },
    backup: {
      kind: 'object',
      required: ['location', 'retentionDays'],
      fields: { location: { kind: 'string' }, retentionDays: { kind: 'int', min: 1, max: 365 } },
    },
    credentials: {
      kind: 'object',
      required: ['username', 'database', 'password'],
      fields: {
        username: { kind: 'string', pattern: /^[A-Za-z0-9_]{1,16}$/, hint: '1-16 characters of [A-Za-z0-9_]' },
        database: { kind: 'string', pattern: /^[A-Za-z0-9_]{1,63}$/, hint: '1-63 characters of [A-Za-z0-9_]' },
        password: { kind: 'string', secret: true },
      },
    },
    restoreFromBackup: {
      kind: 'object',
      required: [],
      fields: { sourceBackupId: uuidRule, recoveryTargetDatetime: dateTimeRule },
    },
  },
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? 'an object' : String(value);
}

function checkString(rule: Extract<FieldRule, { kind: 'string' }>, value: string, path: string, out: Problem[]): void {
  const got = rule.secret ? '' : ` (got ${describe(value)})`;
  if (rule.enum !== undefined && !rule.enum.includes(value)) {
    out.push({ errorCode: 'INVALID_VALUE', message: `${path}: must be one of ${rule.enum.join(', ')}${got}` });
  } else if (rule.pattern !== undefined && !rule.pattern.test(value)) {
    out.push({ errorCode: 'INVALID_FORMAT', message: `${path}: must be ${rule.hint ?? 'well-formed'}${got}` });
  } else if (rule.maxLength !== undefined && value.length > rule.maxLength) {
    out.push({ errorCode: 'INVALID_FORMAT', message: `${path}: must be at most ${rule.maxLength} characters` });
  }
}

function checkObject(rule: Extract<FieldRule, { kind: 'object' }>, value: object, path: string, out: Problem[]): void {
  const record = value as Record<string, unknown>;
  for (const key of rule.required) {
    if (record[key] === undefined || record[key] === null) {
      out.push({ errorCode: 'REQUIRED_FIELD', message: `${path}.${key}: is required` });
    }
  }
  for (const [key, child] of Object.entries(record)) {
    const childRule = rule.fields[key];
    if (childRule === undefined) {
      out.push({ errorCode: 'UNKNOWN_FIELD', message: `${path}.${key}: is not a known property` });
    } else if (child !== undefined && child !== null) {
      checkValue(childRule, child, `${path}.${key}`, out);
    }
  }
}

function checkInt(rule: Extract<FieldRule, { kind: 'int' }>, value: number, path: string, out: Problem[]): void {
  if (value < rule.min || value > rule.max) {
    out.push({
      errorCode: 'OUT_OF_RANGE',
      message: `${path}: must be between ${rule.min} and ${rule.max} (got ${value})`,
    });
  }
}

/** The JSON type a rule expects, in words, if `value` does not have it. */
function typeMismatch(rule: FieldRule, value: unknown): string | undefined {
  switch (rule.kind) {
    case 'string':
      return typeof value === 'string' ? undefined : 'a string';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'a boolean';
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) ? undefined : 'an integer';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'an object';
  }
}

/** Appends every violation of `rule` by `value` (at `path`) to `out`. Null counts as absent. */
export function checkValue(rule: FieldRule, value: unknown, path: string, out: Problem[]): void {
  const expected = typeMismatch(rule, value);
  if (expected !== undefined) {
    const got = rule.kind === 'string' && rule.secret ? '' : ` (got ${describe(value)})`;
    out.push({ errorCode: 'INVALID_TYPE', message: `${path}: must be ${expected}${got}` });
  } else if (rule.kind === 'string') checkString(rule, value as string, path, out);
  else if (rule.kind === 'int') checkInt(rule, value as number, path, out);
  else if (rule.kind === 'object') checkObject(rule, value as object, path, out);
}
