import type { ClusterRead, Region } from '../api/types.js';
import type { DesiredCluster } from '../desired/types.js';
import type { SpecIssue } from '../errors.js';

/** The live cluster a document is bound to, or why it cannot be bound. */
export type Binding =
  | { kind: 'bound'; cluster: ClusterRead }
  | { kind: 'absent' }
  | { kind: 'error'; issue: SpecIssue };

/** Live clusters by region, indexed once so binding N documents is O(N). */
export interface LiveIndex {
  byId: Map<string, { region: Region; cluster: ClusterRead }>;
  byName: Map<string, ClusterRead[]>;
}

export function indexLive(live: ReadonlyMap<Region, readonly ClusterRead[]>): LiveIndex {
  const byId = new Map<string, { region: Region; cluster: ClusterRead }>();
  const byName = new Map<string, ClusterRead[]>();
  for (const [region, clusters] of live) {
    for (const cluster of clusters) {
      // UUIDs compare case-insensitively; the spec loader lower-cases metadata.id.
      byId.set(cluster.id.toLowerCase(), { region, cluster });
      // A cluster being destroyed is on its way out: a document with its name means a new cluster, not this one.
      if (cluster.metadata.state === 'DESTROYING') continue;
      const key = `${region}/${cluster.properties.name}`;
      const list = byName.get(key);
      if (list) list.push(cluster);
      else byName.set(key, [cluster]);
    }
  }
  return { byId, byName };
}

/** Identity (product.md §3): metadata.id if given, else the one live cluster in the region with that name. */
export function bindDocument(doc: DesiredCluster, index: LiveIndex): Binding {
  if (doc.id !== undefined) return bindById(doc, doc.id, index);
  const matches = index.byName.get(doc.address) ?? [];
  if (matches.length === 0) return { kind: 'absent' };
  if (matches.length === 1) return { kind: 'bound', cluster: matches[0]! };
  const ids = matches.map((cluster) => cluster.id).join(', ');
  return {
    kind: 'error',
    issue: issueAt(
      doc,
      '/metadata/name',
      `${matches.length} live clusters are named "${doc.name}" (${ids}); pin one with metadata.id`,
    ),
  };
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
  return { kind: 'error', issue: issueAt(doc, '/metadata/id', message) };
}

/** An issue located at a field of the document (falls back to the document itself). */
export function issueAt(doc: DesiredCluster, pointer: string, message: string): SpecIssue {
  const pos = doc.positions.get(pointer) ?? doc.source;
  const dotted = pointer.startsWith('/metadata') || pointer.startsWith('/policy') ? pointer : `/spec${pointer}`;
  return { file: pos.file, line: pos.line, col: pos.col, path: dotted.slice(1).split('/').join('.'), message };
}
