import type { NodeLoc } from './document.js';

/**
 * Where the fast reader records the nodes it reads (yaml-fast.ts): every node's JSON pointer and position, in the
 * order the `yaml` package's reading gives them.
 */
export interface NodeSink<T> {
  /** The pointer of `key` under `parent`. */
  pointer(parent: string, key: string): string;
  add(pointer: string, keyLine: number, keyCol: number, line: number, col: number, collection: boolean): void;
  /** What was recorded of the document just read; the next one starts afresh. */
  take(): T;
}

/** Every node with all it has (what error messages need): a Map per document. */
export class MapSink implements NodeSink<Map<string, NodeLoc>> {
  nodes = new Map<string, NodeLoc>();

  pointer(parent: string, key: string): string {
    return `${parent}/${key}`;
  }

  add(pointer: string, keyLine: number, keyCol: number, line: number, col: number, collection: boolean): void {
    this.nodes.set(pointer, { keyLine, keyCol, line, col, collection });
  }

  take(): Map<string, NodeLoc> {
    const nodes = this.nodes;
    this.nodes = new Map();
    return nodes;
  }
}

/**
 * A document's node positions, compact: its pointers (shared with every document of the same shape: a fleet has a
 * handful of shapes) and one line and column per node, the one a position points at (a map's key, a scalar's
 * value), in one array of 32-bit integers for the file. ~200 bytes a document, where keeping the file's text to
 * read it again would keep ~550 (10,000 documents: 2 MB instead of 5.5; 50,000: 10 instead of 27).
 */
export interface Places {
  readonly shape: readonly string[];
  /** The file's line and column pairs (set once the file is read), and where this document's start. */
  readonly lineCols: Int32Array;
  readonly offset: number;
}

/** The nodes of a document's places, as the positions of DesiredCluster need them (positions.ts). */
export function nodesOfPlaces(places: Places): Map<string, NodeLoc> {
  const nodes = new Map<string, NodeLoc>();
  places.shape.forEach((pointer, k) => {
    const line = places.lineCols[places.offset + 2 * k]!;
    const col = places.lineCols[places.offset + 2 * k + 1]!;
    // The place is the position already picked: as a scalar's, it is read as it is.
    nodes.set(pointer, { keyLine: line, keyCol: col, line, col, collection: false });
  });
  return nodes;
}

// A document with more nodes than this records the ones beyond without the pointer memo.
const MAX_MEMO_NODES = 1000;
const EMPTY = new Int32Array(0);
const FIRST_CAPACITY = 1024;

/**
 * Records Places, allocating as little as it can: loading 10,000 documents records ~400,000 nodes. A pointer is
 * mostly the one at the same place in the document before (same parent, same key): that string is taken again
 * instead of joining a new one. A document whose pointers are all the previous one's shares its shape, and its
 * pointers are only compared with that shape as they come, never gathered into an array of their own. The numbers
 * go into one growing Int32Array for the file.
 */
export class PlaceSink implements NodeSink<Places> {
  private readonly memoParents: string[] = [];
  private readonly memoKeys: string[] = [];
  private readonly memoPointers: string[] = [];
  private asked = 0;
  /** The shape of the document before; this document's pointers while they are the same as its first ones. */
  private lastShape: readonly string[] = [];
  /** This document's pointers once they differ from lastShape's (then `matching` is false). */
  private pointers: string[] = [];
  private matching = true;
  private count = 0;
  private lineCols = new Int32Array(FIRST_CAPACITY);
  private length = 0;
  private start = 0;
  private readonly taken: { shape: readonly string[]; lineCols: Int32Array; offset: number }[] = [];

  pointer(parent: string, key: string): string {
    const n = this.asked++;
    if (this.memoParents[n] === parent && this.memoKeys[n] === key) return this.memoPointers[n]!;
    const pointer = `${parent}/${key}`;
    if (n < MAX_MEMO_NODES) {
      this.memoParents[n] = parent;
      this.memoKeys[n] = key;
      this.memoPointers[n] = pointer;
    }
    return pointer;
  }

  add(pointer: string, keyLine: number, keyCol: number, line: number, col: number, collection: boolean): void {
    const k = this.count++;
    if (!this.matching) this.pointers.push(pointer);
    else if (this.lastShape[k] !== pointer) {
      this.matching = false;
      this.pointers = this.lastShape.slice(0, k);
      this.pointers.push(pointer);
    }
    const byKey = collection && keyLine > 0;
    if (this.length + 2 > this.lineCols.length) this.grow();
    this.lineCols[this.length++] = byKey ? keyLine : line;
    this.lineCols[this.length++] = byKey ? keyCol : col;
  }

  /** The document's places (their numbers once the file is sealed). */
  take(): Places {
    const last = this.lastShape;
    const shape = !this.matching ? this.pointers : this.count === last.length ? last : last.slice(0, this.count);
    this.lastShape = shape;
    this.matching = true;
    this.count = 0;
    const places = { shape, lineCols: EMPTY, offset: this.start };
    this.taken.push(places);
    this.start = this.length;
    this.asked = 0;
    return places;
  }

  /** Once the whole file is read: its numbers in one array, sized to them. */
  seal(): void {
    const lineCols = this.lineCols.slice(0, this.length);
    for (const places of this.taken) places.lineCols = lineCols;
  }

  private grow(): void {
    const bigger = new Int32Array(this.lineCols.length * 2);
    bigger.set(this.lineCols);
    this.lineCols = bigger;
  }
}
