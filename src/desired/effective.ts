import { childPointer, isUnderPointer } from '../model/pointer.js';
import { POLICY_DEFAULTS } from './defaults.js';
import type { DesiredCluster, ValueSource } from './types.js';

/** A cluster's effective document (product.md §9): what its file, its Defaults and the built-in defaults make it. */
export interface EffectiveDocument {
  apiVersion: 'pgensure/v1';
  kind: 'PostgresCluster';
  metadata: { name: string; region: string; id?: string; labels?: Record<string, string> };
  /** The v2 properties but `name` (it is metadata.name); the password as its reference. */
  spec: Record<string, unknown>;
  policy: DesiredCluster['policy'];
}

/** The effective document and the source of every leaf, keyed by JSON pointer into the document. */
export interface EffectiveCluster {
  address: string;
  /** The cluster document's position (its `kind:` line). */
  source: DesiredCluster['source'];
  document: EffectiveDocument;
  sources: Map<string, ValueSource>;
}

/** What `show` prints: the effective document and every value's source. Pure; new objects throughout. */
export function describeEffective(cluster: DesiredCluster): EffectiveCluster {
  const document = buildEffectiveDocument(cluster);
  const sources = new Map<string, ValueSource>();
  for (const pointer of listLeafPointers(document, '')) sources.set(pointer, sourceOf(cluster, pointer));
  return { address: cluster.address, source: cluster.source, document, sources };
}

/** The effective document alone (what Policy rules read as `cluster`, with the password left out). */
export function buildEffectiveDocument(cluster: DesiredCluster): EffectiveDocument {
  const { name: _name, ...spec } = structuredClone(cluster.properties) as unknown as Record<string, unknown>;
  const metadata: EffectiveDocument['metadata'] = { name: cluster.name, region: cluster.region };
  if (cluster.id !== undefined) metadata.id = cluster.id;
  if (cluster.labels !== undefined) metadata.labels = { ...cluster.labels };
  return { apiVersion: 'pgensure/v1', kind: 'PostgresCluster', metadata, spec, policy: { ...cluster.policy } };
}

/** Where the value at a pointer into the effective document came from. */
export function sourceOf(cluster: DesiredCluster, pointer: string): ValueSource {
  const inSpec = pointer.startsWith('/spec/');
  const key = inSpec ? pointer.slice('/spec'.length) : pointer;
  if (inSpec) {
    const inherited = cluster.inherited?.get(key);
    if (inherited !== undefined) return { from: 'defaults', defaults: inherited.defaults, ...inherited.at };
    if (cluster.defaulted.some((d) => isUnderPointer(key, d))) return { from: 'built-in' };
  }
  const pos = cluster.positions.get(key);
  if (pos !== undefined) return { from: 'cluster', file: pos.file, line: pos.line, col: pos.col };
  // Only policy values are left (a policy map the file does not have, or a key of it the file leaves out).
  if (pointer.startsWith('/policy/') && pointer.slice('/policy/'.length) in POLICY_DEFAULTS)
    return { from: 'built-in' };
  return { from: 'cluster', ...cluster.source };
}

/** Leaves of the document: scalars, and the password reference as one value. */
function listLeafPointers(value: unknown, pointer: string): string[] {
  if (typeof value !== 'object' || value === null || pointer === '/spec/credentials/password') return [pointer];
  if (pointer === '/metadata/labels' && Object.keys(value).length === 0) return [pointer];
  return Object.entries(value).flatMap(([key, child]) =>
    child === undefined ? [] : listLeafPointers(child, childPointer(pointer, key)),
  );
}
