import { describe, expect, it } from 'vitest';
import type { NodeLoc } from '../../../src/desired/document.js';
import { parseSimpleYaml, parseSimpleYamlBare } from '../../../src/desired/yaml-fast.js';
import { nodesOfPlaces } from '../../../src/desired/yaml-places.js';

/** The position a place keeps of a node: a map's key, a scalar's value (yaml-places.ts). */
function placeOf(loc: NodeLoc): [number, number] {
  const byKey = loc.collection && loc.keyLine > 0;
  return byKey ? [loc.keyLine, loc.keyCol] : [loc.line, loc.col];
}

const A = ['a: 1', 'b:', '  c: x', '  d: y', 'e: { f: 1, g: 2 }'];
const B = ['a: 1', 'b:', '  c: x', '  z: y', 'e: { f: 1, g: 2 }'];
const LONG = [...A, ...Array.from({ length: 700 }, (_, k) => `k${k}: ${k}`)];

describe('places, recorded compactly', () => {
  it('are the eager reader positions, document by document, while shapes repeat, shrink, change and grow', () => {
    const shapes = [A, A, A.slice(0, 3), A, B, B, LONG, A, LONG, B.slice(0, 4), B];
    const text = shapes.map((lines) => lines.join('\n')).join('\n---\n');
    const bare = parseSimpleYamlBare(text)!;
    const eager = parseSimpleYaml(text)!;
    expect(bare).toHaveLength(shapes.length);
    bare.forEach((doc, n) => {
      expect(doc.value).toEqual(eager[n]!.value);
      const places = [...nodesOfPlaces(doc.places)].map(([pointer, loc]) => [pointer, loc.line, loc.col]);
      const wanted = [...eager[n]!.nodes].map(([pointer, loc]) => [pointer, ...placeOf(loc)]);
      expect(places).toEqual(wanted);
    });
  });

  it('share a shape between documents of the same pointers, and only then', () => {
    const text = [A, A, A.slice(0, 3), A, B, B].map((lines) => lines.join('\n')).join('\n---\n');
    const shapes = parseSimpleYamlBare(text)!.map((doc) => doc.places.shape);
    expect(shapes[1]).toBe(shapes[0]);
    expect(shapes[2]).not.toBe(shapes[1]);
    expect(shapes[2]!.length).toBeLessThan(shapes[0]!.length);
    expect(shapes[2]).toEqual(shapes[0]!.slice(0, shapes[2]!.length));
    expect(shapes[3]).not.toBe(shapes[2]);
    expect(shapes[3]).toEqual(shapes[0]);
    expect(shapes[4]).not.toEqual(shapes[3]);
    expect(shapes[5]).toBe(shapes[4]);
  });

  it('keep one array of numbers per file, sized to them', () => {
    const text = [LONG, LONG, A].map((lines) => lines.join('\n')).join('\n---\n');
    const docs = parseSimpleYamlBare(text)!;
    const lineCols = docs[0]!.places.lineCols;
    expect(docs.every((doc) => doc.places.lineCols === lineCols)).toBe(true);
    const nodes = docs.reduce((sum, doc) => sum + doc.places.shape.length, 0);
    expect(lineCols.length).toBe(2 * nodes);
  });
});
