import { isCollection, isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';
import { childPointer } from '../model/pointer.js';
import type { NodeLoc } from './document.js';
import type { RawDocument } from './yaml-fast.js';

/** A YAML syntax error: where it is and a message that never quotes the source. */
export interface YamlSyntaxError {
  line: number;
  col: number;
  message: string;
}

/** The documents before the first broken one, and that document's first error (later documents are not read). */
export interface FullParse {
  documents: RawDocument[];
  error: YamlSyntaxError | undefined;
}

// These yaml messages end with a piece of the source, which could be a secret: keep only the prefix.
const SOURCE_QUOTING_MESSAGES = [
  'Block scalar header includes extra characters',
  'Invalid escape sequence',
  'Not a YAML token',
];

/** Parses with the `yaml` package (any YAML), for files the fast subset reader declines. */
export function parseYamlFully(text: string): FullParse {
  const lineCounter = new LineCounter();
  const documents: RawDocument[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter, prettyErrors: false })) {
    const first = doc.errors[0];
    if (first !== undefined) {
      const { line, col } = lineCounter.linePos(first.pos[0]);
      return { documents, error: { line, col, message: describeYamlError(first.message) } };
    }
    const root = doc.contents;
    if (root === null || (isScalar(root) && root.value === null && root.source === '')) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      const { line, col } = lineCounter.linePos(root.range?.[0] ?? 0);
      return { documents, error: { line, col, message: describeYamlError(errorText(err)) } };
    }
    documents.push({ value, nodes: indexNodes(root, lineCounter) });
  }
  return { documents, error: undefined };
}

function describeYamlError(message: string): string {
  const firstLine = message.split('\n', 1)[0]!.trim();
  const prefix = SOURCE_QUOTING_MESSAGES.find((p) => firstLine.startsWith(p));
  return `invalid YAML: ${prefix ?? firstLine}`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** One walk of the AST: the position of every map entry and list item, keyed by JSON pointer. */
function indexNodes(root: Node, lc: LineCounter): Map<string, NodeLoc> {
  const nodes = new Map<string, NodeLoc>();
  const start = lc.linePos(root.range?.[0] ?? 0);
  nodes.set('', { keyLine: 0, keyCol: 0, line: start.line, col: start.col, collection: isCollection(root) });
  walkNode(root, '', nodes, lc);
  return nodes;
}

function walkNode(node: unknown, ptr: string, nodes: Map<string, NodeLoc>, lc: LineCounter): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const keyNode = pair.key as Node | null;
      const keyPos = lc.linePos(keyNode?.range?.[0] ?? 0);
      const child = pair.value as Node | null;
      const valuePos = child?.range ? lc.linePos(child.range[0]) : keyPos;
      const childPtr = childPointer(ptr, key);
      const collection = isCollection(child);
      nodes.set(childPtr, { keyLine: keyPos.line, keyCol: keyPos.col, ...valuePos, collection });
      walkNode(child, childPtr, nodes, lc);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const pos = lc.linePos((item as Node | null)?.range?.[0] ?? node.range?.[0] ?? 0);
      const childPtr = `${ptr}/${index}`;
      nodes.set(childPtr, { keyLine: pos.line, keyCol: pos.col, ...pos, collection: isCollection(item) });
      walkNode(item, childPtr, nodes, lc);
    });
  }
}
