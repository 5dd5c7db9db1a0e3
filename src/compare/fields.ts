/** The one field expander: readable differences between a document and its live cluster, with their impact. */
import type { DesiredCluster, DesiredProperties } from '../desired/types.js';
import { CLUSTER_FIELDS, type FieldFact, READABLE_LEAVES } from '../model/cluster-fields.js';
import { isUnderPointer, pointerToDotted, splitPointer } from '../model/pointer.js';
import type { FieldChange, LiveProperties } from './types.js';

interface Leaf {
  fact: FieldFact;
  path: string;
  segments: readonly string[];
}

const toLeaf = (fact: FieldFact): Leaf => ({
  fact,
  path: pointerToDotted(fact.pointer),
  segments: splitPointer(fact.pointer),
});
// Segments are split once here, not per cluster: a plan compares every leaf of every managed cluster.
const READABLE: readonly Leaf[] = READABLE_LEAVES.map(toLeaf);
const ALL_LEAVES: readonly Leaf[] = CLUSTER_FIELDS.filter((fact) => fact.kind === 'leaf').map(toLeaf);
const COUNT: readonly string[] = ['instances', 'count'];

/** Every readable field where `live` differs from the document, in field-table order. */
export function diffFields(doc: DesiredCluster, live: LiveProperties): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const leaf of READABLE) {
    const after = readAt(doc.properties, leaf.segments);
    const before = readAt(live, leaf.segments);
    if (isSameValue(before, after)) continue;
    const countBefore = readNumber(live, COUNT);
    const countAfter = doc.properties.instances.count;
    const verdict = leaf.fact.impact({ before, after, countBefore, countAfter });
    const change = describeChange(leaf, before, after, { ...verdict, defaulted: isDefaulted(doc, leaf.fact.pointer) });
    changes.push(doc.inherited === undefined ? change : withSource(doc, change));
  }
  return changes;
}

/**
 * The readable fields (dotted paths) where two sets of properties differ, in field-table order: "is this live cluster
 * still what the plan saw" and "did my write land" in one loop, without impact or defaults.
 */
export function listDifferingPaths(a: object, b: object): string[] {
  const paths: string[] = [];
  for (const leaf of READABLE)
    if (!isSameValue(readAt(a, leaf.segments), readAt(b, leaf.segments))) paths.push(leaf.path);
  return paths;
}

/** Every field a create sends, in field-table order (write-only and create-only ones included), impact none. */
export function listCreateFields(doc: DesiredCluster, properties: DesiredProperties = doc.properties): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const leaf of ALL_LEAVES) {
    const after = readAt(properties, leaf.segments);
    if (after === undefined) continue;
    const verdict = { impact: 'none', reversible: true, estimate: false, why: '' } as const;
    const change = describeChange(leaf, undefined, after, {
      ...verdict,
      defaulted: isDefaulted(doc, leaf.fact.pointer),
    });
    changes.push(doc.inherited === undefined ? change : withSource(doc, change));
  }
  return changes;
}

type Verdict = Pick<FieldChange, 'impact' | 'reversible' | 'estimate' | 'why' | 'defaulted'>;

function describeChange(leaf: Leaf, before: unknown, after: unknown, verdict: Verdict): FieldChange {
  const kind = before === undefined ? 'add' : after === undefined ? 'remove' : 'replace';
  const change: FieldChange = { pointer: leaf.fact.pointer, path: leaf.path, kind, ...verdict };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  return change;
}

/** The field change, marked with the Defaults document its value came from, if it came from one. */
function withSource(doc: DesiredCluster, change: FieldChange): FieldChange {
  const inherited = doc.inherited?.get(change.pointer);
  if (inherited === undefined || change.after === undefined) return change;
  return { ...change, from: { defaults: inherited.defaults, ...inherited.at } };
}

/** Whether the document left the field (or an object it lies in) to a documented default. */
export function isDefaulted(doc: DesiredCluster, pointer: string): boolean {
  return doc.defaulted.some((d) => isUnderPointer(pointer, d));
}

/** Leaves are scalars; a server that sends an object where a scalar belongs still compares by content. */
export function isSameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function readAt(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const key of segments) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function readNumber(value: unknown, segments: readonly string[]): number | undefined {
  const found = readAt(value, segments);
  return typeof found === 'number' ? found : undefined;
}
