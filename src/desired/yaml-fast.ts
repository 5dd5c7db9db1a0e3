import type { NodeLoc } from './document.js';
import type { LineCol } from './positions.js';
import { NOT_READ, type ScanEnd, scanPlain, scanQuoted } from './yaml-fast-scalars.js';
import { KeyMemo, scanKey } from './yaml-keys.js';
import { MapSink, type NodeSink, PlaceSink, type Places } from './yaml-places.js';

/**
 * A fast reader for the plain YAML subset that spec files use: block maps, one-line flow maps, plain and quoted
 * one-line scalars, comments and `---`. The `yaml` package needs ~230 µs per document here, too slow for 10,000
 * documents; this needs a fraction of that. It returns `undefined` for anything outside the subset (sequences,
 * anchors, tags, block scalars, escapes, null values, floats, duplicate keys, odd indentation, tabs, CRLF, ...), and
 * the caller then parses the file with the `yaml` package, which also reports every syntax error. So this reader
 * never has to explain a mistake; it must only give exactly what the `yaml` package gives (a property test checks).
 *
 * It reads the text in place (indices into it, no copy per line). Read "bare" (what loading does), it records each
 * node's position compactly (yaml-places.ts) instead of a Map of objects: the planner asks for positions rarely (a
 * refusal, a drifted field), and an error message, which needs all of a node's position, reads the file again with
 * them (lazy-nodes.ts). Both ways accept exactly the same texts.
 */

/** One document read by either parser: its value and node positions ('' = root). */
export interface RawDocument {
  value: unknown;
  nodes: Map<string, NodeLoc>;
}

/** One document read bare: its value, its own place (its `kind:` key, else its first line), its nodes' places. */
export interface BareDocument {
  value: unknown;
  source: LineCol;
  places: Places;
}

type JsonMap = Record<string, unknown>;

interface Frame {
  indent: number;
  obj: JsonMap;
  ptr: string;
}

interface Pending {
  frame: Frame;
  key: string;
  ptr: string;
  line: number;
  col: number;
}

const DOC_START = /^---(?: +(?:#.*)?)?$/;
// Tabs, CR, BOM, backslashes (escapes), control characters and the YAML 1.1 line breaks go to the full parser.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point of this pattern.
const UNSUPPORTED_TEXT = /[\x00-\x08\t\v\f\r\x0e-\x1f\x7f\x85\u2028\u2029\uFEFF\\]/;
// Flow maps nest by recursion here: deeper ones go to the full parser, which walks without recursion and says so. So
// do documents that may be deeper than the full parser's limit (16 + 16 = MAX_YAML_DEPTH), which it refuses.
const MAX_FLOW_DEPTH = 16;
const MAX_BLOCK_DEPTH = 16;
// A plain scalar may not start with an indicator; quotes and `{` are read separately.
const INDICATORS = '-?:,[]{}#&*!|>\'"%@`';
const SPACE = 32;

/** Reads every document of `text` with the position of every node, or `undefined` when the text leaves the subset. */
export function parseSimpleYaml(text: string): RawDocument[] | undefined {
  const reader = readSubset(text, new MapSink());
  return reader?.docs.map((doc, i) => ({ value: doc.value, nodes: reader.recorded[i]! }));
}

/** Reads every document of `text` bare (see above), or `undefined` as parseSimpleYaml. */
export function parseSimpleYamlBare(text: string): BareDocument[] | undefined {
  const sink = new PlaceSink();
  const reader = readSubset(text, sink);
  if (reader === undefined) return undefined;
  sink.seal();
  return reader.docs.map((doc, i) => ({ value: doc.value, source: doc.source, places: reader.recorded[i]! }));
}

function readSubset<T>(text: string, sink: NodeSink<T>): SubsetReader<T> | undefined {
  if (UNSUPPORTED_TEXT.test(text)) return undefined;
  const reader = new SubsetReader(text, sink);
  let start = 0;
  let lineNo = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo++;
    if (!reader.readLine(start, end, lineNo)) return undefined;
    start = end + 1;
  }
  return reader.finish() ? reader : undefined;
}

class SubsetReader<T> {
  readonly docs: { value: unknown; source: LineCol }[] = [];
  /** What the sink recorded of each document. */
  readonly recorded: T[] = [];
  private stack: Frame[] = [];
  private pending: Pending | undefined;
  private source: LineCol | undefined;
  private kind: LineCol | undefined;

  private readonly text: string;
  private readonly sink: NodeSink<T>;
  private readonly keys = new KeyMemo();
  /** The line being read, one object for all lines. */
  private readonly line: Line;

  constructor(text: string, sink: NodeSink<T>) {
    this.text = text;
    this.sink = sink;
    this.line = { text, start: 0, end: 0, lineNo: 0, sink, keys: this.keys, valueEnd: 0, collection: false };
  }

  /** The line text[start, end): `key: value`, `key:` (a map follows), a comment, blank, or `---`. */
  readLine(start: number, end: number, lineNo: number): boolean {
    const text = this.text;
    let i = start;
    while (text.charCodeAt(i) === SPACE) i++;
    if (i === end || text.charCodeAt(i) === 35 /* # */) return true;
    if (i === start && text.startsWith('---', start)) {
      return DOC_START.test(text.slice(start, end)) && this.endDocument();
    }
    const colon = scanKey(text, i, end);
    if (colon === -1) return false;
    if (colon + 1 < end && text.charCodeAt(colon + 1) !== SPACE) return false;
    const key = this.keys.read(text, i, colon);
    if (key === undefined) return false;
    const frame = this.frameFor(i - start, lineNo);
    if (frame === undefined || Object.hasOwn(frame.obj, key)) return false;
    if (key === 'kind' && this.stack.length === 1) this.kind = { line: lineNo, col: i - start + 1 };
    const ptr = this.sink.pointer(frame.ptr, key);
    const at = skipSpaces(text, colon + 1);
    if (at === end || text.charCodeAt(at) === 35) {
      this.pending = { frame, key, ptr, line: lineNo, col: i - start + 1 };
      return true;
    }
    const line = this.line;
    line.start = start;
    line.end = end;
    line.lineNo = lineNo;
    const value = scanValue(line, at, ptr, 0);
    if (value === NOT_READ || !isLineEnd(text, line.valueEnd, end)) return false;
    frame.obj[key] = value;
    this.sink.add(ptr, lineNo, i - start + 1, lineNo, at - start + 1, line.collection);
    return true;
  }

  finish(): boolean {
    return this.endDocument();
  }

  /** The map a key at `indent` belongs to; opens a nested map under a pending `key:`. */
  private frameFor(indent: number, lineNo: number): Frame | undefined {
    const pending = this.pending;
    if (pending !== undefined) {
      this.pending = undefined;
      // `key:` followed by a sibling or less: its value is null, which the full parser reports.
      if (indent <= pending.frame.indent || this.stack.length >= MAX_BLOCK_DEPTH) return undefined;
      const frame: Frame = { indent, obj: {}, ptr: pending.ptr };
      pending.frame.obj[pending.key] = frame.obj;
      this.sink.add(pending.ptr, pending.line, pending.col, lineNo, indent + 1, true);
      this.stack.push(frame);
      return frame;
    }
    if (this.stack.length === 0) {
      if (indent !== 0) return undefined;
      const root: Frame = { indent: 0, obj: {}, ptr: '' };
      this.source = { line: lineNo, col: 1 };
      this.sink.add('', 0, 0, lineNo, 1, true);
      this.stack.push(root);
      return root;
    }
    while (this.stack.length > 1 && this.stack[this.stack.length - 1]!.indent > indent) this.stack.pop();
    const top = this.stack[this.stack.length - 1]!;
    // A deeper line with no pending key would continue a multi-line scalar (or be an error).
    return top.indent === indent ? top : undefined;
  }

  private endDocument(): boolean {
    if (this.pending !== undefined) return false;
    const root = this.stack[0];
    if (root !== undefined) {
      this.docs.push({ value: root.obj, source: this.kind ?? this.source! });
      this.recorded.push(this.sink.take());
    }
    this.stack = [];
    this.kind = undefined;
    this.source = undefined;
    this.keys.restart();
    return true;
  }
}

/** One line being read: the text, its bounds, where node positions go, and where the last value read ended. */
interface Line extends ScanEnd {
  text: string;
  start: number;
  end: number;
  lineNo: number;
  sink: NodeSink<unknown>;
  keys: KeyMemo;
}

export function skipSpaces(text: string, i: number): number {
  let j = i;
  while (text.charCodeAt(j) === SPACE) j++;
  return j;
}

/** Whether text[from, end) is empty, or spaces and then nothing or a comment. */
function isLineEnd(text: string, from: number, end: number): boolean {
  if (from === end) return true;
  if (text.charCodeAt(from) !== SPACE) return false;
  const j = skipSpaces(text, from);
  return j === end || text.charCodeAt(j) === 35;
}

/**
 * A value at text[i], or NOT_READ; where it ends goes to line.valueEnd (no result object per value: a fleet has
 * hundreds of thousands). `depth` is the number of flow maps around it (0: a block value).
 */
function scanValue(line: Line, i: number, ptr: string, depth: number): unknown {
  const first = line.text[i]!;
  if (first === '"' || first === "'") return scanQuoted(line.text, i, line.end, line);
  if (first === '{') return depth < MAX_FLOW_DEPTH ? scanFlowMap(line, i, ptr, depth + 1) : NOT_READ;
  if (INDICATORS.includes(first)) return NOT_READ;
  return scanPlain(line.text, i, line.end, depth > 0, line);
}

function scanFlowMap(line: Line, i: number, ptr: string, depth: number): unknown {
  const { text, end } = line;
  const obj: JsonMap = {};
  let j = skipSpaces(text, i + 1);
  if (text.charCodeAt(j) === 125 /* } */ && j < end) return endFlowMap(line, obj, j + 1);
  for (;;) {
    const colon = scanKey(text, j, end);
    if (colon === -1) return NOT_READ;
    const key = line.keys.read(text, j, colon);
    if (key === undefined || Object.hasOwn(obj, key)) return NOT_READ;
    if (colon + 1 >= end || text.charCodeAt(colon + 1) !== SPACE) return NOT_READ;
    const at = skipSpaces(text, colon + 1);
    const childPtr = line.sink.pointer(ptr, key);
    const value = at < end ? scanValue(line, at, childPtr, depth) : NOT_READ;
    if (value === NOT_READ) return NOT_READ;
    obj[key] = value;
    line.sink.add(childPtr, line.lineNo, j - line.start + 1, line.lineNo, at - line.start + 1, line.collection);
    const next = skipSpaces(text, line.valueEnd);
    if (next >= end) return NOT_READ;
    if (text.charCodeAt(next) === 125) return endFlowMap(line, obj, next + 1);
    if (text.charCodeAt(next) !== 44 /* , */) return NOT_READ;
    // A trailing comma before `}` makes the key scan fail: the full parser decides.
    j = skipSpaces(text, next + 1);
  }
}

function endFlowMap(line: Line, obj: JsonMap, end: number): JsonMap {
  line.valueEnd = end;
  line.collection = true;
  return obj;
}
