/**
 * The one table of facts about a v2 cluster's properties (v2-contract.md §2–§3, change-impact.md, product.md §3
 * and §8): per JSON pointer into `properties`, its documented default, what the API resets it to, whether and how it
 * may change, whether it is write-only or create-only, and what changing it does to the running database. Defaults,
 * diffing, plan refusals, impact, drift notes, rendering and import all read it from here.
 */
import { type ImpactVerdict, NO_IMPACT } from './impact.js';
import { escapeSegment } from './pointer.js';

/** How a field may change on an existing cluster. */
export type Mutability = 'mutable' | 'grow-only' | 'upgrade-path' | 'immutable';

/** What an impact rule sees: the field's two values and the instance counts around the change. */
export interface ImpactContext {
  before: unknown;
  after: unknown;
  /** instances.count of the live cluster and of the desired one (undefined when unknown). */
  countBefore: number | undefined;
  countAfter: number | undefined;
}

/** One field (or object of fields) of the cluster properties. */
export interface FieldFact {
  /** JSON pointer into the v2 properties, e.g. `/instances/cores`. */
  pointer: string;
  /** An object whose fields have facts of their own, or a leaf. */
  kind: 'object' | 'leaf';
  /** The documented default pgensure fills in when the files leave the field out (product.md §2). */
  specDefault?: unknown;
  /** What the API resets the field to when a PUT omits it, and what a GET that omits it means. */
  apiDefault?: unknown;
  mutability: Mutability;
  /** Never returned by GET, never diffed, always sent. */
  writeOnly: boolean;
  /** Sent only when a cluster is created (never echoed into an update). */
  createOnly: boolean;
  /** What changing the field does to the running database. */
  impact: (ctx: ImpactContext) => ImpactVerdict;
}

const none = (): ImpactVerdict => NO_IMPACT;
const verdict = (impact: ImpactVerdict['impact'], reversible: boolean, estimate: boolean, why: string) => () => ({
  impact,
  reversible,
  estimate,
  why,
});

/** instances.count: more instances join online; fewer may remove the primary (a switchover). */
function judgeCount({ before, after }: ImpactContext): ImpactVerdict {
  if (typeof before === 'number' && typeof after === 'number' && after > before) {
    return { impact: 'online', reversible: true, estimate: false, why: 'new standbys join while the cluster serves' };
  }
  return { impact: 'switchover', reversible: true, estimate: false, why: 'removing the primary node fails over' };
}

/** cores/ram: each node is replaced, standbys first, with one switchover; a single node has no standby. */
function judgeVertical({ countBefore, countAfter }: ImpactContext): ImpactVerdict {
  if (countBefore === 1 || countAfter === 1) {
    return {
      impact: 'downtime',
      reversible: true,
      estimate: false,
      why: 'a single instance has no standby to take over',
    };
  }
  return { impact: 'switchover', reversible: true, estimate: false, why: 'nodes are replaced, with one switchover' };
}

const mutable = { kind: 'leaf', mutability: 'mutable', writeOnly: false, createOnly: false } as const;
const object = { kind: 'object', mutability: 'mutable', writeOnly: false, createOnly: false, impact: none } as const;
const secret = { kind: 'leaf', mutability: 'mutable', writeOnly: true, createOnly: false } as const;
const restore = { kind: 'leaf', mutability: 'immutable', writeOnly: false, createOnly: true, impact: none } as const;

/** Every field, in the spec schema's order (the order of spec files, PUT bodies and plans); objects first. */
export const CLUSTER_FIELDS: readonly FieldFact[] = [
  { ...mutable, pointer: '/name', impact: none },
  { ...mutable, pointer: '/description', specDefault: '', apiDefault: '', impact: none },
  {
    ...mutable,
    pointer: '/version',
    mutability: 'upgrade-path',
    impact: verdict('downtime', false, false, 'a major upgrade takes the database down and cannot be undone'),
  },
  { ...object, pointer: '/instances' },
  { ...mutable, pointer: '/instances/count', impact: judgeCount },
  { ...mutable, pointer: '/instances/cores', impact: judgeVertical },
  { ...mutable, pointer: '/instances/ram', impact: judgeVertical },
  {
    ...mutable,
    pointer: '/instances/storageSize',
    mutability: 'grow-only',
    impact: verdict('switchover', false, true, 'not documented; storage can only grow'),
  },
  { ...object, pointer: '/connection' },
  ...['datacenterId', 'lanId', 'primaryInstanceAddress'].map((key) => ({
    ...mutable,
    pointer: `/connection/${key}`,
    impact: verdict('downtime', true, false, 'clients reach the database on a new network address'),
  })),
  { ...object, pointer: '/maintenanceWindow', specDefault: { dayOfTheWeek: 'Sunday', time: '03:00:00' } },
  { ...mutable, pointer: '/maintenanceWindow/dayOfTheWeek', impact: none },
  { ...mutable, pointer: '/maintenanceWindow/time', impact: none },
  {
    ...mutable,
    pointer: '/replicationMode',
    specDefault: 'ASYNCHRONOUS',
    impact: verdict('switchover', true, true, 'not documented'),
  },
  {
    ...mutable,
    pointer: '/connectionPooler',
    specDefault: 'DISABLED',
    apiDefault: 'DISABLED',
    impact: verdict('switchover', true, true, 'not documented; the pooler sits in the connection path'),
  },
  { ...object, pointer: '/backup' },
  {
    ...mutable,
    pointer: '/backup/location',
    mutability: 'immutable',
    impact: verdict('destructive', false, false, 'forces a replace: the cluster is deleted and created again'),
  },
  { ...mutable, pointer: '/backup/retentionDays', specDefault: 7, impact: none },
  { ...mutable, pointer: '/logsEnabled', specDefault: false, apiDefault: false, impact: none },
  { ...mutable, pointer: '/metricsEnabled', specDefault: false, apiDefault: false, impact: none },
  { ...object, pointer: '/credentials', writeOnly: true },
  ...['username', 'database', 'password'].map((key) => ({
    ...secret,
    pointer: `/credentials/${key}`,
    impact: verdict('online', true, true, 'credentials are re-sent; sessions are not known to drop'),
  })),
  { ...object, pointer: '/restoreFromBackup', createOnly: true },
  { ...restore, pointer: '/restoreFromBackup/sourceBackupId' },
  { ...restore, pointer: '/restoreFromBackup/recoveryTargetDatetime', mutability: 'mutable' },
];

const BY_POINTER = new Map(CLUSTER_FIELDS.map((fact) => [fact.pointer, fact]));

/** The fact for a pointer, or undefined for a field pgensure does not know (an API newer than this table). */
export function findField(pointer: string): FieldFact | undefined {
  return BY_POINTER.get(pointer);
}

/** The readable leaves, in table order: what GET returns and what is diffed. */
export const READABLE_LEAVES: readonly FieldFact[] = CLUSTER_FIELDS.filter(
  (fact) => fact.kind === 'leaf' && !fact.writeOnly && !fact.createOnly,
);

/** Top-level keys of the properties, in table order (for building bodies and files in the API's order). */
export const TOP_LEVEL_KEYS: readonly string[] = CLUSTER_FIELDS.filter(
  (fact) => fact.pointer.lastIndexOf('/') === 0,
).map((fact) => fact.pointer.slice(1));

/** The fact of a pointer or of the nearest object it lies in; undefined outside the table. */
export function factOf(pointer: string): FieldFact | undefined {
  for (let p = pointer; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) {
    const fact = BY_POINTER.get(p);
    if (fact !== undefined) return fact;
  }
  return undefined;
}

/** Whether a change of this (readable) field forces a replace. */
export function isImmutableField(pointer: string): boolean {
  const fact = factOf(pointer);
  return fact !== undefined && fact.mutability === 'immutable' && !fact.createOnly;
}

/** Whether a field (or the object it lies in) is write-only: never read back, never diffed. */
export function isWriteOnlyField(pointer: string): boolean {
  return factOf(pointer)?.writeOnly === true;
}

/** Whether a field (or the object it lies in) is only sent when creating. */
export function isCreateOnlyField(pointer: string): boolean {
  return factOf(pointer)?.createOnly === true;
}

/** The fields with a documented default, outermost first: what the planner fills in (product.md §2). */
export const FIELD_DEFAULTS: readonly { pointer: string; value: unknown }[] = CLUSTER_FIELDS.filter(
  (fact) => fact.specDefault !== undefined,
).map((fact) => ({ pointer: fact.pointer, value: fact.specDefault }));

/** The optional fields the API fills in when a PUT (or a GET) leaves them out. */
export const API_DEFAULTS: readonly { key: string; value: unknown }[] = CLUSTER_FIELDS.filter(
  (fact) => fact.apiDefault !== undefined,
).map((fact) => ({ key: fact.pointer.slice(1), value: fact.apiDefault }));

/** Whether a top-level key is a readable field (known, not write-only, not create-only). */
export function isReadableTopLevel(key: string): boolean {
  const fact = findField(`/${escapeSegment(key)}`);
  return fact !== undefined && !fact.writeOnly && !fact.createOnly;
}

/** A top-level field and its direct children, in table order. */
export interface FieldGroup {
  fact: FieldFact;
  key: string;
  children: { fact: FieldFact; key: string }[];
}

/** The table as top-level fields with their children: the order of PUT bodies, normalised specs and imported files. */
export const FIELD_LAYOUT: readonly FieldGroup[] = CLUSTER_FIELDS.filter(
  (fact) => fact.pointer.lastIndexOf('/') === 0,
).map((fact) => ({
  fact,
  key: fact.pointer.slice(1),
  children: CLUSTER_FIELDS.filter((child) => child.pointer.startsWith(`${fact.pointer}/`)).map((child) => ({
    fact: child,
    key: child.pointer.slice(fact.pointer.length + 1),
  })),
}));
