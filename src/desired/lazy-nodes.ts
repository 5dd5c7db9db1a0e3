import { InternalError, type SourcePos } from '../errors.js';
import type { NodeLoc, NodeSource, ParsedDocument } from './document.js';
import { clusterPositions } from './positions.js';
import { type BareDocument, parseSimpleYaml } from './yaml-fast.js';
import { nodesOfPlaces, type Places } from './yaml-places.js';

/**
 * Node positions made only when first asked for. A plan of 10,000 in-sync clusters never asks: positions point a
 * refusal, a schema error or a drifted field at its line. A Map of position objects for every document cost a third
 * of loading and most of its garbage; now the fast reader records places compactly (yaml-places.ts), a cluster's
 * positions are made from them when first read, and an error message during loading, which needs all of a node's
 * position, reads its file again with them. Same text, same reader: the same documents.
 */
class FileNodes {
  #text: string;
  #nodes: Map<string, NodeLoc>[] | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  nodesOf(index: number): Map<string, NodeLoc> {
    if (this.#nodes === undefined) {
      const docs = parseSimpleYaml(this.#text);
      // Both ways of the reader accept exactly the same texts (yaml-fast.ts); this text was accepted once.
      if (docs === undefined) throw new InternalError('the fast YAML reader declined a text it had read');
      this.#nodes = docs.map((doc) => doc.nodes);
      this.#text = '';
    }
    return this.#nodes[index]!;
  }
}

class LocatedDocument implements NodeSource {
  readonly file: string;
  readonly #fileNodes: FileNodes;
  readonly #index: number;

  constructor(file: string, fileNodes: FileNodes, index: number) {
    this.file = file;
    this.#fileNodes = fileNodes;
    this.#index = index;
  }

  get nodes(): Map<string, NodeLoc> {
    return this.#fileNodes.nodesOf(this.#index);
  }
}

/** The documents the fast reader read without positions, each with positions to be read when asked for. */
export function locateLazily(file: string, text: string, docs: readonly BareDocument[]): ParsedDocument[] {
  const fileNodes = new FileNodes(text);
  return docs.map((doc, index) => new FastDocument(file, doc, new LocatedDocument(file, fileNodes, index)));
}

/**
 * The document with another value (a cluster after its Defaults) and the same nodes: a document of the fast reader
 * stays one, with its places, and its nodes are still read only when asked for. (A spread would drop the getter.)
 */
export function withValue(doc: ParsedDocument, value: unknown): ParsedDocument {
  if (doc instanceof FastDocument) return new FastDocument(doc.file, { ...doc, value }, doc.located);
  return { ...doc, value };
}

/** A document of the fast reader: its nodes come from its LocatedDocument (a class: the getter is shared). */
class FastDocument implements ParsedDocument {
  readonly file: string;
  readonly value: unknown;
  readonly source: { line: number; col: number };
  readonly located: LocatedDocument;

  readonly places: Places;

  constructor(file: string, doc: BareDocument, located: LocatedDocument) {
    this.file = file;
    this.value = doc.value;
    this.source = doc.source;
    this.located = located;
    this.places = doc.places;
  }

  get nodes(): Map<string, NodeLoc> {
    return this.located.nodes;
  }
}

/**
 * DesiredCluster.positions of a document: for a document of the fast reader, made when first read from its places
 * (neither its value nor its file's text is kept); for any other, now.
 */
export function positionsOf(doc: ParsedDocument): ReadonlyMap<string, SourcePos> {
  return doc instanceof FastDocument ? new LazyPositions(doc.file, doc.places) : clusterPositions(doc);
}

class LazyPositions implements ReadonlyMap<string, SourcePos> {
  readonly #file: string;
  #places: Places | undefined;
  #positions: ReadonlyMap<string, SourcePos> | undefined;

  constructor(file: string, places: Places) {
    this.#file = file;
    this.#places = places;
  }

  get size(): number {
    return this.#resolve().size;
  }

  get(pointer: string): SourcePos | undefined {
    return this.#resolve().get(pointer);
  }

  has(pointer: string): boolean {
    return this.#resolve().has(pointer);
  }

  forEach(callback: (value: SourcePos, key: string, map: ReadonlyMap<string, SourcePos>) => void, thisArg?: unknown) {
    for (const [key, value] of this.#resolve()) callback.call(thisArg, value, key, this);
  }

  entries(): MapIterator<[string, SourcePos]> {
    return this.#resolve().entries();
  }

  keys(): MapIterator<string> {
    return this.#resolve().keys();
  }

  values(): MapIterator<SourcePos> {
    return this.#resolve().values();
  }

  [Symbol.iterator](): MapIterator<[string, SourcePos]> {
    return this.entries();
  }

  #resolve(): ReadonlyMap<string, SourcePos> {
    if (this.#positions === undefined) {
      this.#positions = clusterPositions({ file: this.#file, nodes: nodesOfPlaces(this.#places!) });
      this.#places = undefined;
    }
    return this.#positions;
  }
}
