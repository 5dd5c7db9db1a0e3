import type { ConnectionPooler, DayOfTheWeek, ReplicationMode } from '../api/types.js';
import { FIELD_DEFAULTS } from '../model/cluster-fields.js';
import { splitPointer } from '../model/pointer.js';

/** The documented default of every optional spec field, shaped like a spec document's `spec` (plus `policy`). */
export interface SpecDefaults {
  readonly description: string;
  readonly maintenanceWindow: { readonly dayOfTheWeek: DayOfTheWeek; readonly time: string };
  readonly replicationMode: ReplicationMode;
  readonly connectionPooler: ConnectionPooler;
  readonly logsEnabled: boolean;
  readonly metricsEnabled: boolean;
  readonly backup: { readonly retentionDays: number };
  readonly policy: {
    readonly ensure: 'present' | 'absent';
    readonly preventDestroy: boolean;
    readonly allowReplace: boolean;
  };
}

/** pgensure's own per-document settings (not v2 properties), and their defaults. */
export const POLICY_DEFAULTS: SpecDefaults['policy'] = {
  ensure: 'present',
  preventDestroy: false,
  allowReplace: false,
};

/**
 * The defaults as one frozen object, for readers that want the shape (the schema test, `show`); built from the field
 * table (src/model/cluster-fields.ts), where every cluster default is written once.
 */
export const SPEC_DEFAULTS: SpecDefaults = deepFreeze(buildDefaults());

function buildDefaults(): SpecDefaults {
  const out: Record<string, unknown> = {};
  for (const { pointer, value } of FIELD_DEFAULTS) {
    const segments = splitPointer(pointer);
    let target = out;
    for (const key of segments.slice(0, -1)) {
      target[key] ??= {};
      target = target[key] as Record<string, unknown>;
    }
    target[segments[segments.length - 1]!] = structuredClone(value);
  }
  return { ...out, policy: { ...POLICY_DEFAULTS } } as unknown as SpecDefaults;
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
  return Object.freeze(value);
}
