/** Checks a FaultConfig (from the admin API's JSON or from tests) before it is installed. */
import { checkMatcher } from './matcher.js';

type Check = (value: unknown) => boolean;

const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isNonNegative: Check = (v) => isNumber(v) && (v as number) >= 0;
const isPositive: Check = (v) => isNumber(v) && (v as number) > 0;
const isCount: Check = (v) => Number.isInteger(v) && (v as number) >= 0;
const isRatio: Check = (v) => isNumber(v) && (v as number) >= 0 && (v as number) <= 1;
const isString: Check = (v) => typeof v === 'string';
const isMethods: Check = (v) => Array.isArray(v) && v.every((m) => typeof m === 'string');
const is5xx: Check = (v) => v === 500 || v === 502 || v === 503 || v === 504;

/** Per key: its check, and for nested objects the keys' checks (required ones listed). */
const TOP: Record<string, Check | { fields: Record<string, Check>; required: string[] }> = {
  latencyMs: isNonNegative,
  errorRatio: isRatio,
  errorStatus: is5xx,
  rateLimit: {
    fields: {
      requestsPerSecond: isPositive,
      burst: isPositive,
      retryAfterSeconds: (v) => Number.isInteger(v) && (v as number) >= 0,
    },
    required: ['requestsPerSecond'],
  },
  dropResponses: { fields: { methods: isMethods, count: isCount }, required: ['count'] },
  errorNext: { fields: { methods: isMethods, status: is5xx, count: isCount }, required: ['status', 'count'] },
  failWrites: {
    fields: { count: isCount, message: isString, recoverAfterMs: isNonNegative },
    required: ['count', 'message'],
  },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkNested(
  key: string,
  value: unknown,
  rule: { fields: Record<string, Check>; required: string[] },
): string[] {
  if (!isRecord(value)) return [`${key}: must be an object`];
  const problems = rule.required.filter((k) => value[k] === undefined).map((k) => `${key}.${k}: is required`);
  for (const [k, v] of Object.entries(value)) {
    const check = rule.fields[k];
    if (check === undefined) problems.push(`${key}.${k}: is not a known fault setting`);
    else if (v !== undefined && !check(v)) problems.push(`${key}.${k}: has an invalid value`);
  }
  return problems;
}

function checkLatencyRules(value: unknown): string[] {
  if (!Array.isArray(value)) return ['latencyRules: must be an array of {method?, path?, region?, latencyMs, phase?}'];
  return value.flatMap((rule: unknown, i) => {
    const at = `latencyRules[${i}]`;
    if (!isRecord(rule)) return [`${at}: must be an object`];
    const problems = checkMatcher(rule, at);
    if (!isNonNegative(rule['latencyMs'])) problems.push(`${at}.latencyMs: must be milliseconds >= 0`);
    const phase = rule['phase'];
    if (phase !== undefined && phase !== 'before' && phase !== 'after')
      problems.push(`${at}.phase: must be "before" or "after"`);
    for (const key of Object.keys(rule)) {
      if (!['method', 'path', 'region', 'latencyMs', 'phase'].includes(key))
        problems.push(`${at}.${key}: is not a known setting`);
    }
    return problems;
  });
}

/** Every problem of a fault configuration; an empty list means it is a valid FaultConfig. */
export function checkFaultConfig(value: unknown): string[] {
  if (!isRecord(value)) return ['the fault configuration must be an object'];
  const problems: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const rule = TOP[key];
    if (key === 'latencyRules') problems.push(...(v === undefined ? [] : checkLatencyRules(v)));
    else if (rule === undefined) problems.push(`${key}: is not a known fault`);
    else if (v === undefined) continue;
    else if (typeof rule === 'function') {
      if (!rule(v)) problems.push(`${key}: has an invalid value`);
    } else problems.push(...checkNested(key, v, rule));
  }
  return problems;
}
