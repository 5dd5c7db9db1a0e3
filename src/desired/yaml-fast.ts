import type { NodeLoc } from './document.js';

/**
 * A fast reader for the plain YAML subset that spec files use: block maps, one-line flow maps, plain and quoted
 * one-line scalars, comments and `---`. The `yaml` package needs ~230 µs per document here, too slow for 10,000
 * documents; this needs a fraction of that. It returns `undefined` for anything outside the subset (sequences,
 * anchors, tags, block scalars, escapes, null values, floats, duplicate keys, odd indentation, tabs, CRLF, ...), and
 * the caller then parses the file with the `yaml` package, which also reports every syntax error. So this reader
 * never has to explain a mistake; it must only give exactly what the `yaml` package gives (a property test checks).
 */

/** One document read by either parser: its value and node positions ('' = root). */
export interface RawDocument {
  value: unknown;
  nodes: Map<string, NodeLoc>;
}

type Scan = { value: unknown; end: number; collection: boolean } | undefined;
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

const KEY = /[A-Za-z][A-Za-z0-9_-]*/y;
// Keys the YAML core schema would turn into booleans or null.
const RESERVED_KEYS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);
const DOC_START = /^---(?: +(?:#.*)?)?$/;
const AFTER_VALUE = /^(?: +(?:#.*)?)?$/;
// Tabs, CR, BOM, backslashes (escapes), control characters and the YAML 1.1 line breaks go to the full parser.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point of this pattern.
const UNSUPPORTED_TEXT = /[\x00-\x08\t\v\f\r\x0e-\x1f\x7f\x85\u2028\u2029\uFEFF\\]/;
const NULL_WORD = /^(?:~|[Nn]ull|NULL)$/;
const TRUE_WORD = /^(?:[Tt]rue|TRUE)$/;
const FALSE_WORD = /^(?:[Ff]alse|FALSE)$/;
// Written as JavaScript prints it (no leading zero): `02` goes to the full parser, which refuses it with what it read.
const SMALL_INT = /^(?:0|[1-9][0-9]{0,14})$/;
// Flow maps nest by recursion here: deeper ones go to the full parser, which walks without recursion and says so. So
// do documents that may be deeper than the full parser's limit (16 + 16 = MAX_YAML_DEPTH), which it refuses.
const MAX_FLOW_DEPTH = 16;
const MAX_BLOCK_DEPTH = 16;
// Everything else the core schema reads as a number (signed, octal, hex, floats, exponents, .inf, .nan).
const OTHER_NUMBER =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
// A plain scalar may not start with an indicator; quotes and `{` are read separately.
const INDICATORS = '-?:,[]{}#&*!|>\'"%@`';

/** Reads every document of `text`, or returns `undefined` when the text leaves the subset. */
export function parseSimpleYaml(text: string): RawDocument[] | undefined {
  if (UNSUPPORTED_TEXT.test(text)) return undefined;
  const reader = new SubsetReader();
  let start = 0;
  let lineNo = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo++;
    if (!reader.readLine(text.slice(start, end), lineNo)) return undefined;
    start = end + 1;
  }
  return reader.finish();
}

class SubsetReader {
  private docs: RawDocument[] = [];
  private nodes = new Map<string, NodeLoc>();
  private stack: Frame[] = [];
  private pending: Pending | undefined;

  readLine(line: string, lineNo: number): boolean {
    let i = 0;
    while (line.charCodeAt(i) === 32) i++;
    if (i === line.length || line[i] === '#') return true;
    if (i === 0 && line.startsWith('---')) return DOC_START.test(line) && this.endDocument();
    KEY.lastIndex = i;
    const key = KEY.exec(line)?.[0];
    if (key === undefined || RESERVED_KEYS.has(key)) return false;
    const colon = i + key.length;
    if (line[colon] !== ':' || (colon + 1 < line.length && line[colon + 1] !== ' ')) return false;
    const frame = this.frameFor(i, lineNo);
    if (frame === undefined || Object.hasOwn(frame.obj, key)) return false;
    const ptr = `${frame.ptr}/${key}`;
    const at = skipSpaces(line, colon + 1);
    if (at === line.length || line[at] === '#') {
      this.pending = { frame, key, ptr, line: lineNo, col: i + 1 };
      return true;
    }
    const scan = scanValue(line, at, lineNo, ptr, this.nodes, 0);
    if (scan === undefined || !AFTER_VALUE.test(line.slice(scan.end))) return false;
    frame.obj[key] = scan.value;
    this.nodes.set(ptr, { keyLine: lineNo, keyCol: i + 1, line: lineNo, col: at + 1, collection: scan.collection });
    return true;
  }

  finish(): RawDocument[] | undefined {
    return this.endDocument() ? this.docs : undefined;
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
      const loc = { keyLine: pending.line, keyCol: pending.col, line: lineNo, col: indent + 1, collection: true };
      this.nodes.set(pending.ptr, loc);
      this.stack.push(frame);
      return frame;
    }
    if (this.stack.length === 0) {
      if (indent !== 0) return undefined;
      const root: Frame = { indent: 0, obj: {}, ptr: '' };
      this.nodes.set('', { keyLine: 0, keyCol: 0, line: lineNo, col: 1, collection: true });
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
    if (root !== undefined) this.docs.push({ value: root.obj, nodes: this.nodes });
    this.nodes = new Map();
    this.stack = [];
    return true;
  }
}

function skipSpaces(line: string, i: number): number {
  let j = i;
  while (line.charCodeAt(j) === 32) j++;
  return j;
}

// YAML separates with spaces and tabs only (tabs never reach here); String.prototype.trimEnd would also drop Unicode
// spaces such as U+00A0 or U+1680, which YAML keeps as content.
function trimSpacesEnd(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return text.slice(0, end);
}

/** A value at line[i]; `depth` is the number of flow maps around it (0: a block value). */
function scanValue(
  line: string,
  i: number,
  lineNo: number,
  ptr: string,
  nodes: Map<string, NodeLoc>,
  depth: number,
): Scan {
  const first = line[i]!;
  if (first === '"' || first === "'") return scanQuoted(line, i);
  if (first === '{') return depth < MAX_FLOW_DEPTH ? scanFlowMap(line, i, lineNo, ptr, nodes, depth + 1) : undefined;
  if (INDICATORS.includes(first)) return undefined;
  return scanPlain(line, i, depth > 0);
}

function scanQuoted(line: string, i: number): Scan {
  const quote = line[i]!;
  let out = '';
  let from = i + 1;
  for (;;) {
    const close = line.indexOf(quote, from);
    if (close === -1) return undefined;
    out += line.slice(from, close);
    // '' inside single quotes is one quote; double quotes with `\` escapes were excluded up front.
    if (quote === "'" && line[close + 1] === "'") {
      out += "'";
      from = close + 2;
      continue;
    }
    return { value: out, end: close + 1, collection: false };
  }
}

function scanPlain(line: string, i: number, flow: boolean): Scan {
  let end = line.indexOf(' #', i);
  if (end === -1) end = line.length;
  if (flow) {
    for (let k = i; k < end; k++) {
      const c = line[k];
      if (c === ',' || c === '}') {
        end = k;
        break;
      }
      if (c === '[' || c === ']' || c === '{') return undefined;
    }
  }
  const raw = trimSpacesEnd(line.slice(i, end));
  if (raw === '' || raw.includes(': ') || raw.endsWith(':')) return undefined;
  const value = resolvePlain(raw);
  return value === undefined ? undefined : { value, end: flow ? end : line.length, collection: false };
}

function scanFlowMap(
  line: string,
  i: number,
  lineNo: number,
  ptr: string,
  nodes: Map<string, NodeLoc>,
  depth: number,
): Scan {
  const obj: JsonMap = {};
  let j = skipSpaces(line, i + 1);
  if (line[j] === '}') return { value: obj, end: j + 1, collection: true };
  for (;;) {
    KEY.lastIndex = j;
    const key = KEY.exec(line)?.[0];
    if (key === undefined || RESERVED_KEYS.has(key) || Object.hasOwn(obj, key)) return undefined;
    const colon = j + key.length;
    if (line[colon] !== ':' || line[colon + 1] !== ' ') return undefined;
    const at = skipSpaces(line, colon + 1);
    const childPtr = `${ptr}/${key}`;
    const scan = at < line.length ? scanValue(line, at, lineNo, childPtr, nodes, depth) : undefined;
    if (scan === undefined) return undefined;
    obj[key] = scan.value;
    nodes.set(childPtr, { keyLine: lineNo, keyCol: j + 1, line: lineNo, col: at + 1, collection: scan.collection });
    const next = skipSpaces(line, scan.end);
    if (line[next] === '}') return { value: obj, end: next + 1, collection: true };
    if (line[next] !== ',') return undefined;
    // A trailing comma before `}` makes the key scan fail: the full parser decides.
    j = skipSpaces(line, next + 1);
  }
}

/** The YAML 1.2 core schema for the plain scalars we accept; `undefined` for null and numbers we leave to `yaml`. */
function resolvePlain(raw: string): unknown {
  if (NULL_WORD.test(raw)) return undefined;
  if (TRUE_WORD.test(raw)) return true;
  if (FALSE_WORD.test(raw)) return false;
  if (SMALL_INT.test(raw)) return Number(raw);
  if (OTHER_NUMBER.test(raw)) return undefined;
  return raw;
}
