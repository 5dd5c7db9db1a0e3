import type { DesiredCluster } from '../desired/types.js';
import type { SpecIssue } from '../errors.js';
import type { LiveIndex } from './live-index.js';
import type { Binding } from './types.js';

/** Identity (product.md §3): metadata.id if given, else the one live cluster in the region with that name. */
export function bindDocument(doc: DesiredCluster, index: LiveIndex): Binding {
  if (doc.id !== undefined) return bindById(doc, doc.id, index);
  const matches = index.byName.get(doc.address) ?? [];
  if (matches.length === 0) return { kind: 'absent' };
  if (matches.length === 1) return { kind: 'bound', cluster: matches[0]! };
  const ids = matches.map((cluster) => cluster.id).join(', ');
  const message = `${matches.length} live clusters are named "${doc.name}" (${ids}); pin one with metadata.id`;
  return { kind: 'error', issue: issueAt(doc, '/metadata/name', message) };
}

function bindById(doc: DesiredCluster, id: string, index: LiveIndex): Binding {
  const found = index.byId.get(id.toLowerCase());
  if (found && found.region === doc.region && found.cluster.metadata.state !== 'DESTROYING') {
    return { kind: 'bound', cluster: found.cluster };
  }
  if (found && found.region !== doc.region) {
    const message = `cluster ${id} lives in ${found.region}, not ${doc.region}; the region is immutable (moving it is a replace: remove metadata.id to create a new cluster)`;
    return { kind: 'error', issue: issueAt(doc, '/metadata/region', message) };
  }
  if (doc.policy.ensure === 'absent') return { kind: 'absent' };
  const message = `no live cluster with id ${id} in ${doc.region}; remove metadata.id to create a new cluster`;
  return { kind: 'missing-id', id, issue: issueAt(doc, '/metadata/id', message) };
}

/** The binding of a document whose cluster another document already binds to. */
export function bindTwice(doc: DesiredCluster, clusterId: string, other: DesiredCluster): Binding {
  const at = `${other.source.file}:${other.source.line}`;
  const message = `binds to cluster ${clusterId}, which ${other.address} (${at}) also binds to`;
  return { kind: 'error', issue: issueAt(doc, '/metadata/name', message) };
}

/**
 * An issue located at a field of the document (falling back to the document itself). `pointer` is into the v2
 * properties (`/instances/cores`) or, for metadata and policy, into the document (`/metadata/name`).
 */
export function issueAt(doc: DesiredCluster, pointer: string, message: string): SpecIssue {
  const pos = doc.positions.get(pointer) ?? doc.source;
  const inDocument = pointer.startsWith('/metadata') || pointer.startsWith('/policy');
  const path = (inDocument ? pointer : `/spec${pointer}`).slice(1).split('/').join('.');
  return { file: pos.file, line: pos.line, col: pos.col, path, message };
}
