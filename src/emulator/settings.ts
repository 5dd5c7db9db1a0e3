/** The behaviour settings (each guess about the real API and its alternative) and the extra properties. */
import { CLUSTER_RULE } from './rules-schema.js';
import type { Behaviour } from './types.js';

/** The emulator's default guess for each setting (docs/emulator.md §13). */
export const DEFAULT_BEHAVIOUR: Readonly<Behaviour> = {
  putCreate: 'on',
  putCreateStatus: 404,
  maxPageSize: null,
  silentCap: false,
  maxLimit: 1000,
  deleteWhileBusy: 'refuse',
  backupLatestLagMs: null,
  firstBackupDelayMs: 0,
  reuseDeletedIds: 'allow',
};

type Check = (value: unknown) => boolean;
const isCount: Check = (v) => Number.isInteger(v) && (v as number) >= 1;
const isDuration: Check = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

const CHECKS: Record<keyof Behaviour, { check: Check; expected: string }> = {
  putCreate: { check: (v) => v === 'on' || v === 'off', expected: '"on" or "off"' },
  putCreateStatus: { check: (v) => v === 404 || v === 405, expected: '404 or 405' },
  maxPageSize: { check: (v) => v === null || isCount(v), expected: 'a positive integer or null' },
  silentCap: { check: (v) => typeof v === 'boolean', expected: 'a boolean' },
  maxLimit: { check: isCount, expected: 'a positive integer' },
  deleteWhileBusy: { check: (v) => v === 'refuse' || v === 'accept', expected: '"refuse" or "accept"' },
  backupLatestLagMs: { check: (v) => v === null || isDuration(v), expected: 'milliseconds >= 0 or null' },
  firstBackupDelayMs: { check: isDuration, expected: 'milliseconds >= 0' },
  reuseDeletedIds: { check: (v) => v === 'allow' || v === 'refuse', expected: '"allow" or "refuse"' },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every problem of a partial behaviour (unknown keys, wrong values); empty when it can be applied. */
export function checkBehaviour(value: unknown): string[] {
  if (!isRecord(value)) return ['the behaviour settings must be an object'];
  const problems: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const rule = CHECKS[key as keyof Behaviour];
    if (rule === undefined) problems.push(`${key}: is not a behaviour setting`);
    else if (v !== undefined && !rule.check(v)) problems.push(`${key}: must be ${rule.expected}`);
  }
  return problems;
}

/** The behaviour keys of an options object (EmulatorOptions extends Partial<Behaviour>). */
export function pickBehaviour(options: Record<string, unknown>): Partial<Behaviour> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_BEHAVIOUR)) if (options[key] !== undefined) out[key] = options[key];
  return out as Partial<Behaviour>;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Problems of an extra-property table: names must be plain keys and not properties the emulator already knows. */
export function checkExtraProperties(extras: Record<string, unknown>): string[] {
  const known = CLUSTER_RULE.kind === 'object' ? Object.keys(CLUSTER_RULE.fields) : [];
  const problems: string[] = [];
  for (const key of Object.keys(extras)) {
    if (!KEY.test(key)) problems.push(`${key}: an extra property name must match ${KEY.source}`);
    else if (known.includes(key)) problems.push(`${key}: is already a v2 property`);
    else if (extras[key] === undefined) problems.push(`${key}: needs a default JSON value`);
  }
  return problems;
}

/** The run-time settings every part of the emulator reads. */
export class Settings {
  private current: Behaviour;
  readonly extras: Readonly<Record<string, unknown>>;

  constructor(behaviour: Partial<Behaviour>, extras: Record<string, unknown>) {
    this.current = { ...DEFAULT_BEHAVIOUR, ...behaviour };
    this.extras = structuredClone(extras);
  }

  get behaviour(): Readonly<Behaviour> {
    return this.current;
  }

  /** Applies a checked partial change; returns the whole behaviour. */
  change(partial: Partial<Behaviour>): Behaviour {
    this.current = { ...this.current, ...partial };
    return { ...this.current };
  }
}
