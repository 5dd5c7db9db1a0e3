import type { SourcePos } from '../errors.js';
import type { NodeLoc, NodeSource, ParsedDocument } from './document.js';
import { clusterPositions } from './positions.js';
import { type BareDocument, parseSimpleYaml } from './yaml-fast.js';

/**
 * Node positions read only when first asked for. A plan of 10,000 in-sync clusters never asks: positions point a
 * refusal, a schema error or a drifted field at its line. Reading them for every document cost a third of loading
 * and most of its garbage; now the fast reader reads values only, and a file is read again, with positions, the
 * first time one of its documents is asked where something is. Same text, same reader: the same documents.
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
      if (docs === undefined) throw new Error('the fast YAML reader declined a text it had read');
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

/** A document of the fast reader: its nodes come from its LocatedDocument (a class: the getter is shared). */
class FastDocument implements ParsedDocument {
  readonly file: string;
  readonly value: unknown;
  readonly source: { line: number; col: number };
  readonly located: LocatedDocument;

  constructor(file: string, doc: BareDocument, located: LocatedDocument) {
    this.file = file;
    this.value = doc.value;
    this.source = doc.source;
    this.located = located;
  }

  get nodes(): Map<string, NodeLoc> {
    return this.located.nodes;
  }
}

/** DesiredCluster.positions of a document: worked out when first read, from its nodes alone (not its value). */
export function positionsOf(doc: ParsedDocument): ReadonlyMap<string, SourcePos> {
  return doc.located === undefined ? clusterPositions(doc) : new LazyPositions(doc.located);
}

class LazyPositions implements ReadonlyMap<string, SourcePos> {
  #located: NodeSource | undefined;
  #positions: ReadonlyMap<string, SourcePos> | undefined;

  constructor(located: NodeSource) {
    this.#located = located;
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
      this.#positions = clusterPositions(this.#located!);
      this.#located = undefined;
    }
    return this.#positions;
  }
}
