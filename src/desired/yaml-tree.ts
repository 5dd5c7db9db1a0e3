import { type Document, isAlias, isCollection, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import { childPointer } from '../model/pointer.js';
import type { NodeLoc } from './document.js';

/** The first thing in a document the full reader refuses, and the node it is at. */
export type TreeProblem =
  | { kind: 'tag' | 'alias' | 'cycle' | 'depth' | 'key'; node: Node; pointer: string }
  | { kind: 'number'; node: Node; pointer: string; source: string; value: number };

/** The position of every map entry and list item (keyed by JSON pointer), and the first problem, if any. */
export interface YamlTree {
  nodes: Map<string, NodeLoc>;
  problem: TreeProblem | undefined;
}

// The YAML 1.2 core schema's tags; the others the yaml package knows (!!binary, !!set, !!omap, !!timestamp, ...)
// make values no spec field takes, and unknown ones (!!js/function, !Secr3t) were silently read as plain text.
const CORE_TAGS = new Set(['str', 'int', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

interface Entry {
  node: unknown;
  pointer: string;
  depth: number;
  /** The anchored nodes this one is inside: an alias to one of them would make a cycle. */
  anchored: readonly Node[];
  /** Set on a map key: the pointer of the map it is a key of. */
  keyOf?: string;
}

/**
 * One walk of the AST, without recursion (a document may nest thousands deep): the position of every node, and the
 * first node (in document order) the full reader refuses. Aliases are checked against their target: it must exist,
 * must not hold the alias (a cyclic value), and must not nest deeper than `maxDepth` where the alias puts it.
 */
export function inspectYamlTree(root: Node, doc: Document.Parsed, lc: LineCounter, maxDepth: number): YamlTree {
  const nodes = new Map<string, NodeLoc>();
  const start = lc.linePos(root.range?.[0] ?? 0);
  nodes.set('', { keyLine: 0, keyCol: 0, line: start.line, col: start.col, collection: isCollection(root) });
  const heights = new Map<Node, number>();
  const stack: Entry[] = [{ node: root, pointer: '', depth: 0, anchored: [] }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const problem = checkNode(entry, doc, maxDepth, heights);
    if (problem !== undefined) return { nodes, problem };
    const children = childrenOf(entry, nodes, lc);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return { nodes, problem: undefined };
}

function checkNode(entry: Entry, doc: Document.Parsed, maxDepth: number, heights: Map<Node, number>) {
  const { node, pointer, depth, anchored } = entry;
  if (node === null || typeof node !== 'object') return undefined;
  const at = node as Node;
  if (depth > maxDepth) return { kind: 'depth', node: at, pointer } as const;
  // A list or map as a key (`{ a: 1 }: x`, `? [a]`) names no field, and yaml would stringify it with a warning.
  if (entry.keyOf !== undefined && isCollectionKey(node, doc))
    return { kind: 'key', node: at, pointer: entry.keyOf } as const;
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (target === undefined) return { kind: 'alias', node: at, pointer } as const;
    if (anchored.includes(target)) return { kind: 'cycle', node: at, pointer } as const;
    if (depth + heightOf(target, doc, maxDepth, heights) > maxDepth)
      return { kind: 'depth', node: at, pointer } as const;
    return undefined;
  }
  if (at.tag !== undefined && !CORE_TAGS.has(at.tag)) return { kind: 'tag', node: at, pointer } as const;
  if (isScalar(node) && typeof node.value === 'number' && node.type === 'PLAIN') {
    const source = node.source as unknown;
    if (typeof source === 'string' && source !== String(node.value)) {
      return { kind: 'number', node: at, pointer, source, value: node.value } as const;
    }
  }
  return undefined;
}

/** The entries to visit under a collection, recording where each map entry and list item is. */
function childrenOf(entry: Entry, nodes: Map<string, NodeLoc>, lc: LineCounter): Entry[] {
  const { node, pointer, depth } = entry;
  const anchored = isCollection(node) && node.anchor !== undefined ? [...entry.anchored, node] : entry.anchored;
  const children: Entry[] = [];
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const keyNode = pair.key as Node | null;
      const keyPos = lc.linePos(keyNode?.range?.[0] ?? 0);
      const child = pair.value as Node | null;
      const valuePos = child?.range ? lc.linePos(child.range[0]) : keyPos;
      const childPtr = childPointer(pointer, key);
      nodes.set(childPtr, { keyLine: keyPos.line, keyCol: keyPos.col, ...valuePos, collection: isCollection(child) });
      children.push({ node: keyNode, pointer: childPtr, depth: depth + 1, anchored, keyOf: pointer });
      children.push({ node: child, pointer: childPtr, depth: depth + 1, anchored });
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const pos = lc.linePos((item as Node | null)?.range?.[0] ?? node.range?.[0] ?? 0);
      const childPtr = `${pointer}/${index}`;
      nodes.set(childPtr, { keyLine: pos.line, keyCol: pos.col, ...pos, collection: isCollection(item) });
      children.push({ node: item, pointer: childPtr, depth: depth + 1, anchored });
    });
  }
  return children;
}

function isCollectionKey(node: object, doc: Document.Parsed): boolean {
  return isCollection(node) || (isAlias(node) && isCollection(node.resolve(doc)));
}

/**
 * How many levels a node holds below it, following aliases (memoised: a "billion laughs" document shares nodes).
 * Only called for nodes already walked, so the recursion is at most `limit` deep (aliases add a level each).
 */
function heightOf(node: unknown, doc: Document.Parsed, limit: number, heights: Map<Node, number>): number {
  if (node === null || typeof node !== 'object') return 0;
  if (isAlias(node)) {
    const target = node.resolve(doc);
    return target === undefined ? 0 : heightOf(target, doc, limit, heights);
  }
  if (!isCollection(node)) return 0;
  const known = heights.get(node);
  if (known !== undefined) return known;
  heights.set(node, limit + 1); // a cycle reached through aliases counts as too deep
  let height = 0;
  const children = isMap(node) ? node.items.flatMap((pair) => [pair.key, pair.value]) : node.items;
  for (const child of children) {
    height = Math.max(height, 1 + heightOf(child, doc, limit, heights));
    if (height > limit) break;
  }
  heights.set(node, height);
  return height;
}
