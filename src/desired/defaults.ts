import type { ConnectionPooler, DayOfTheWeek, ReplicationMode } from '../api/types.js';

/** The documented default of every optional spec field; schemas/cluster.schema.json carries the same `default`s. */
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

/** Defaults, one per optional field, as data. Keys mirror `spec` (and top-level `policy`) of a spec document. */
export const SPEC_DEFAULTS: SpecDefaults = deepFreeze({
  description: '',
  maintenanceWindow: { dayOfTheWeek: 'Sunday', time: '03:00:00' },
  replicationMode: 'ASYNCHRONOUS',
  connectionPooler: 'DISABLED',
  logsEnabled: false,
  metricsEnabled: false,
  backup: { retentionDays: 7 },
  policy: { ensure: 'present', preventDestroy: false, allowReplace: false },
});

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
  return Object.freeze(value);
}
