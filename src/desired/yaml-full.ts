import { type Document, LineCounter, type Node, parseAllDocuments, isScalar as scalarNode } from 'yaml';
import { pointerToDotted } from '../model/pointer.js';
import { isSecretPointer } from './messages.js';
import type { RawDocument } from './yaml-fast.js';
import { inspectYamlTree, type TreeProblem } from './yaml-tree.js';

/** A YAML syntax error: where it is and a message that never quotes the source. */
export interface YamlSyntaxError {
  line: number;
  col: number;
  message: string;
  /** The key path of the refused node (`spec.instances.cores`), when there is a node to name. */
  path?: string;
}

/** The documents before the first broken one, and that document's first error (later documents are not read). */
export interface FullParse {
  documents: RawDocument[];
  error: YamlSyntaxError | undefined;
}

/** Deeper than this is not a pgensure document (the deepest key of any kind is a few levels down). */
export const MAX_YAML_DEPTH = 32;

const TAG_MESSAGE =
  'invalid YAML: unsupported tag (pgensure reads only !!str, !!int, !!bool, !!null, !!map and !!seq): quote a value that begins with "!"';
const DEPTH_MESSAGE = `nested more than ${MAX_YAML_DEPTH} levels deep (pgensure documents are a few levels deep)`;
const PROBLEM_MESSAGES: Record<Exclude<TreeProblem['kind'], 'number'>, string> = {
  tag: TAG_MESSAGE,
  alias: 'invalid YAML: an alias (*name) with no anchor (&name) before it: quote a value that begins with "*"',
  cycle: 'invalid YAML: an alias inside the node its anchor names (a cycle)',
  depth: DEPTH_MESSAGE,
  key: 'invalid YAML: a key that is a list or a map: a key is a plain name (quote it if it holds [ ] { } or ?)',
};

// yaml's messages by code, where its own words would quote the source (which could be a secret) or mislead.
const MESSAGES_BY_CODE: Record<string, string> = {
  TAG_RESOLVE_FAILED: TAG_MESSAGE,
  BAD_COLLECTION_TYPE: TAG_MESSAGE,
  RESOURCE_EXHAUSTION: DEPTH_MESSAGE,
  BAD_DIRECTIVE: 'invalid YAML: unknown or unsupported directive (a line that begins with %)',
  BAD_DQ_ESCAPE: 'invalid YAML: invalid escape sequence in a double-quoted value',
};

/**
 * Parses with the `yaml` package (any YAML), for files the fast subset reader declines. Beyond YAML's own errors and
 * warnings, a document is refused (at the node, never quoting a value) for a tag other than the core schema's, an
 * alias without an anchor or inside its own anchor, nesting deeper than MAX_YAML_DEPTH, or a number not written as
 * JavaScript would print it (0x10, 1e3, +2, 02, 4.0, .inf: YAML reads them as numbers a reader may not expect).
 */
export function parseYamlFully(text: string): FullParse {
  const compact = findCompactNesting(text, MAX_YAML_DEPTH);
  if (compact !== undefined) return { documents: [], error: { ...compact, message: DEPTH_MESSAGE } };
  const lineCounter = new LineCounter();
  const documents: RawDocument[] = [];
  let parsed: ReturnType<typeof parseAllDocuments>;
  try {
    parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  } catch (err) {
    // The yaml parser recurses for some nestings; a stack overflow there is this file's problem, not an internal one.
    if (!(err instanceof RangeError)) throw err;
    return { documents: [], error: { line: 1, col: 1, message: DEPTH_MESSAGE } };
  }
  for (const doc of parsed) {
    const root = doc.contents;
    const first = doc.errors[0] ?? doc.warnings[0];
    if (first !== undefined) {
      const { line, col } = lineCounter.linePos(first.pos[0]);
      const error: YamlSyntaxError = { line, col, message: describeYamlError(first.code, first.message) };
      if (first.code === 'TAG_RESOLVE_FAILED' && root !== null) {
        const path = pathAfter(root, doc as Document.Parsed, lineCounter, first.pos[1]);
        if (path !== undefined) error.path = path;
      }
      return { documents, error };
    }
    if (root === null || (scalarNode(root) && root.value === null && root.source === '')) continue;
    const tree = inspectYamlTree(root, doc as Document.Parsed, lineCounter, MAX_YAML_DEPTH);
    if (tree.problem !== undefined) {
      const at = problemOffset(text, tree.problem);
      const { line, col } = lineCounter.linePos(at);
      const error: YamlSyntaxError = { line, col, message: describeProblem(tree.problem) };
      if (tree.problem.kind !== 'depth') error.path = pointerToDotted(tree.problem.pointer);
      return { documents, error };
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      const { line, col } = lineCounter.linePos(root.range?.[0] ?? 0);
      return { documents, error: { line, col, message: describeYamlError(undefined, errorText(err)) } };
    }
    documents.push({ value, nodes: tree.nodes });
  }
  return { documents, error: undefined };
}

/**
 * The first line that opens more than `limit` collections with compact indicators (`- - - x`, `? ? x`): the yaml
 * parser recurses once per indicator and overflows the stack at a few thousand. A scan of each line's start only.
 */
function findCompactNesting(text: string, limit: number): { line: number; col: number } | undefined {
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    let i = start;
    while (text[i] === ' ' || text[i] === '\t') i++;
    let depth = 0;
    while ((text[i] === '-' || text[i] === '?' || text[i] === ':') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
      if (++depth > limit) return { line, col: i - start + 1 };
      i += 2;
      while (text[i] === ' ' || text[i] === '\t') i++;
    }
    const end = text.indexOf('\n', i);
    if (end === -1) break;
    start = end + 1;
  }
  return undefined;
}

/** The key path of the first node that starts at or after `offset` (the value a refused tag was put on). */
function pathAfter(root: Node, doc: Document.Parsed, lc: LineCounter, offset: number): string | undefined {
  const { line, col } = lc.linePos(offset);
  for (const [pointer, loc] of inspectYamlTree(root, doc, lc, Number.POSITIVE_INFINITY).nodes) {
    if (pointer !== '' && (loc.line > line || (loc.line === line && loc.col >= col))) return pointerToDotted(pointer);
  }
  return undefined;
}

function describeProblem(problem: TreeProblem): string {
  if (problem.kind !== 'number') return PROBLEM_MESSAGES[problem.kind];
  const read = String(problem.value);
  if (isSecretPointer(problem.pointer)) {
    return 'a number not written in plain decimal: write it in plain decimal, or quote it if it is text';
  }
  return `${problem.source} is read as the number ${read}: write ${read}, or quote "${problem.source}" if it is text`;
}

/** Where to point: a tag at its `!`, everything else at the node. */
function problemOffset(text: string, problem: TreeProblem): number {
  const start = nodeStart(problem.node);
  return problem.kind === 'tag' ? tagStart(text, start) : start;
}

function nodeStart(node: Node): number {
  return node.range?.[0] ?? 0;
}

/** The tag's `!` before a value (`!!binary x`, `!!set &a {x}`); the value's own start when none is found. */
function tagStart(text: string, valueStart: number): number {
  let end = valueStart;
  for (let token = 0; token < 2; token++) {
    while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t' || text[end - 1] === '\n')) end--;
    let start = end;
    while (start > 0 && !/[\s,[{]/.test(text[start - 1]!)) start--;
    if (text[start] === '!') return start;
    if (text[start] !== '&') break;
    end = start;
  }
  return valueStart;
}

function describeYamlError(code: string | undefined, message: string): string {
  const known = code === undefined ? undefined : MESSAGES_BY_CODE[code];
  if (known !== undefined) return known;
  // What follows ": " in yaml's messages is a piece of the source (an alias's name, a token), which could be a secret.
  const firstLine = message.split('\n', 1)[0]!.trim();
  const cut = firstLine.indexOf(': ');
  return `invalid YAML: ${cut === -1 ? firstLine : firstLine.slice(0, cut)}`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
