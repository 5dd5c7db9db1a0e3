import type { SourcePos } from '../errors.js';
import type { NodeLoc, ParsedDocument } from './document.js';

/** 1-based line and column. */
export interface LineCol {
  line: number;
  col: number;
}

/**
 * Where to point for a node: a map or list at its key (where the user reads its name), a scalar at its value. A
 * pointer with no node (a missing key) falls back to its nearest existing parent, e.g. `required` → the parent map.
 */
export function positionOf(doc: ParsedDocument, pointer: string): LineCol {
  let p = pointer;
  for (;;) {
    const loc = doc.nodes.get(p);
    if (loc !== undefined) return pickPosition(loc);
    if (p === '') return { line: 1, col: 1 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** The node's key itself (an unknown key is reported where it is written). */
export function positionOfKey(doc: ParsedDocument, pointer: string): LineCol {
  const loc = doc.nodes.get(pointer);
  if (loc !== undefined && loc.keyLine > 0) return { line: loc.keyLine, col: loc.keyCol };
  return positionOf(doc, pointer);
}

function pickPosition(loc: NodeLoc): LineCol {
  return loc.collection && loc.keyLine > 0 ? { line: loc.keyLine, col: loc.keyCol } : { line: loc.line, col: loc.col };
}

/**
 * DesiredCluster.positions: every node of a valid document keyed by JSON pointer into `properties` (`/instances/cores`,
 * `/backup/location` also for a flat backupLocation, `/name` for metadata.name) or into the document for metadata
 * and policy (`/metadata/name`, `/policy/ensure`).
 */
export function clusterPositions(doc: ParsedDocument): Record<string, SourcePos> {
  const positions: Record<string, SourcePos> = {};
  for (const [pointer, loc] of doc.nodes) {
    const targets = positionKeys(pointer);
    if (targets === undefined) continue;
    const at = pickPosition(loc);
    for (const target of targets) positions[target] = { file: doc.file, ...at };
  }
  return positions;
}

function positionKeys(pointer: string): string[] | undefined {
  if (pointer.startsWith('/spec/')) {
    const inner = pointer.slice('/spec'.length);
    return inner === '/backupLocation' ? ['/backup', '/backup/location'] : [inner];
  }
  if (pointer === '/metadata/name') return ['/metadata/name', '/name'];
  if (pointer.startsWith('/metadata') || pointer.startsWith('/policy')) return [pointer];
  return undefined;
}

/** The document's own position: its `kind:` line. */
export function documentSource(doc: ParsedDocument): SourcePos {
  const kind = doc.nodes.get('/kind');
  if (kind !== undefined) return { file: doc.file, line: kind.keyLine, col: kind.keyCol };
  return { file: doc.file, ...positionOf(doc, '') };
}
