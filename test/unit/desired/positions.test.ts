import { describe, expect, it } from 'vitest';
import type { NodeLoc, ParsedDocument } from '../../../src/desired/document.js';
import { clusterPositions } from '../../../src/desired/positions.js';

/** A document whose nodes are these pointers, in this order; the n-th node sits at line base + n. */
function doc(file: string, pointers: readonly string[], base: number): ParsedDocument {
  const nodes = new Map<string, NodeLoc>();
  pointers.forEach((pointer, n) => {
    const collection = pointer === '/spec/instances';
    nodes.set(pointer, { keyLine: base + n, keyCol: 3, line: base + n, col: collection ? 1 : 10, collection });
  });
  return { file, value: {}, nodes };
}

/** What the positions must be, worked out plainly: each position key of each node, at its key or its value. */
function expected(d: ParsedDocument): [string, { file: string; line: number; col: number }][] {
  const out = new Map<string, { file: string; line: number; col: number }>();
  for (const [pointer, loc] of d.nodes) {
    const keys = pointer.startsWith('/spec/')
      ? pointer === '/spec/backupLocation'
        ? ['/backup', '/backup/location']
        : [pointer.slice(5)]
      : pointer === '/metadata/name'
        ? ['/metadata/name', '/name']
        : pointer === '' || pointer === '/spec'
          ? []
          : [pointer];
    const byKey = loc.collection && loc.keyLine > 0;
    for (const key of keys)
      out.set(key, { file: d.file, line: byKey ? loc.keyLine : loc.line, col: byKey ? loc.keyCol : loc.col });
  }
  return [...out];
}

const A = ['', '/apiVersion', '/kind', '/metadata', '/metadata/name', '/spec', '/spec/version', '/spec/instances'];
const B = [...A, '/spec/backupLocation'];
const C = ['', '/kind', '/apiVersion', '/metadata', '/metadata/name', '/spec', '/spec/instances', '/spec/version'];
const D = [...A.slice(0, 5), '/metadata/labels', '/metadata/labels/team', '/spec', '/spec/version'];

describe('clusterPositions over a fleet of mixed shapes', () => {
  it('gives every document its own positions while shapes repeat, change, shrink, grow and reorder', () => {
    const shapes = [A, A, B, B, A, C, C, A, D, A.slice(0, 5), A, A, D, B, C];
    shapes.forEach((shape, n) => {
      const d = doc(`f${n}.yaml`, shape, 10 * n + 1);
      const positions = clusterPositions(d);
      expect([...positions], `document ${n}`).toEqual(expected(d));
      expect(positions.size).toBe(expected(d).length);
      expect(positions.get('/instances')).toEqual(expected(d).find(([key]) => key === '/instances')?.[1]);
    });
  });

  it('keeps the positions of earlier documents when later ones reuse their layout', () => {
    const docs = [A, B, A, A].map((shape, n) => doc(`g${n}.yaml`, shape, 100 * n + 1));
    const all = docs.map((d) => clusterPositions(d));
    all.forEach((positions, n) => {
      expect([...positions]).toEqual(expected(docs[n]!));
    });
  });
});
