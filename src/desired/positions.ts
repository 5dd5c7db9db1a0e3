import type { SourcePos } from '../errors.js';
import type { NodeLoc, NodeSource, ParsedDocument } from './document.js';

/** 1-based line and column. */
export interface LineCol {
  line: number;
  col: number;
}

/**
 * Where to point for a node: a map or list at its key (where the user reads its name), a scalar at its value. A
 * pointer with no node (a missing key) falls back to its nearest existing parent, e.g. `required` → the parent map.
 */
export function positionOf(doc: NodeSource, pointer: string): LineCol {
  let p = pointer;
  for (;;) {
    const loc = doc.nodes.get(p);
    if (loc !== undefined) return pickPosition(loc);
    if (p === '') return { line: 1, col: 1 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** The node's key itself (an unknown key is reported where it is written). */
export function positionOfKey(doc: NodeSource, pointer: string): LineCol {
  const loc = doc.nodes.get(pointer);
  if (loc !== undefined && loc.keyLine > 0) return { line: loc.keyLine, col: loc.keyCol };
  return positionOf(doc, pointer);
}

function pickPosition(loc: NodeLoc): LineCol {
  return loc.collection && loc.keyLine > 0 ? { line: loc.keyLine, col: loc.keyCol } : { line: loc.line, col: loc.col };
}

/**
 * DesiredCluster.positions: every node of a valid document keyed by JSON pointer into `properties` (`/instances/cores`,
 * `/backup/location` also for a flat backupLocation, `/name` for metadata.name) or into the document for metadata
 * and policy (`/metadata/name`, `/policy/ensure`).
 */
export function clusterPositions(doc: NodeSource): ReadonlyMap<string, SourcePos> {
  // Numbers are never reused while layouts keyed by them are kept: start afresh between documents, never inside one.
  if (targets.size + doc.nodes.size > MAX_POINTERS) forgetLayouts();
  if (doc.nodes.size > MAX_POINTERS) return new FieldPositions(doc.file, buildLayout(doc), collectLineCols(doc));
  const lineCols = scratch;
  lineCols.length = 0;
  let same = true;
  let j = 0;
  for (const [pointer, loc] of doc.nodes) {
    // Documents of a fleet come in runs of one shape: the node at this place had this pointer last time, mostly.
    let targets = lastTargets[j];
    if (targets === undefined || lastPointers[j] !== pointer) {
      targets = targetsOf(pointer);
      lastPointers[j] = pointer;
      lastTargets[j] = targets;
      same = false;
    }
    j++;
    if (targets.keys.length === 0) continue;
    const byKey = loc.collection && loc.keyLine > 0;
    const line = byKey ? loc.keyLine : loc.line;
    const col = byKey ? loc.keyCol : loc.col;
    for (let k = 0; k < targets.keys.length; k++) lineCols.push(line, col);
  }
  if (!same || j !== lastCount || lastLayout === undefined) {
    lastCount = j;
    lastLayout = layoutFor(layoutKey(j), doc);
  }
  return new FieldPositions(doc.file, lastLayout, lineCols);
}

/** The layout's key: one character per node with positions, its pointer's number (see targetsOf). */
function layoutKey(count: number): string {
  let key = '';
  for (let j = 0; j < count; j++) if (lastTargets[j]!.keys.length > 0) key += lastTargets[j]!.char;
  return key;
}

// One list reused for every document: only the store below keeps its numbers.
const scratch: number[] = [];
// The previous document's pointers and their targets, by node place (see clusterPositions).
const lastPointers: string[] = [];
const lastTargets: (Targets | undefined)[] = [];
// The previous document's node count and layout: reused while the shape repeats.
let lastCount = 0;
let lastLayout: Layout | undefined;

/**
 * The lines and columns of every document's positions, packed in shared blocks of 32-bit integers: a document's
 * ~50 numbers cost ~200 bytes here, ~450 as an array of its own. A block lives as long as a document using it.
 */
const BLOCK_SIZE = 1 << 16;
let block = new Int32Array(BLOCK_SIZE);
let used = 0;

/** Room for `count` numbers: the block and the offset to write them at. */
function reserve(count: number): { block: Int32Array; offset: number } {
  if (count > BLOCK_SIZE) return { block: new Int32Array(count), offset: 0 };
  if (used + count > BLOCK_SIZE) {
    block = new Int32Array(BLOCK_SIZE);
    used = 0;
  }
  const offset = used;
  used += count;
  return { block, offset };
}

/** The position keys of one document pointer, and a number for it that stands for the pointer in layout keys. */
interface Targets {
  keys: readonly string[];
  char: string;
}

// Pointer → its targets, worked out once per distinct pointer (a fleet has a few dozen), not once per node.
const targets = new Map<string, Targets>();
// Every cluster document has the same few dozen pointers; labels add their keys. Beyond this, start afresh.
const MAX_POINTERS = 20_000;

function targetsOf(pointer: string): Targets {
  let found = targets.get(pointer);
  if (found === undefined) {
    found = { keys: positionKeys(pointer) ?? [], char: String.fromCharCode(targets.size) };
    targets.set(pointer, found);
  }
  return found;
}

/** The pointers of one document shape, shared by every document of that shape (a fleet has a handful). */
interface Layout {
  /** Distinct, in the order they were first given. */
  pointers: readonly string[];
  /** Pointer → its slot in a document's line/column list. */
  slots: ReadonlyMap<string, number>;
  /** For pointers given more than once: the slot of each given pointer (`undefined` when they were distinct). */
  slotOfGiven: readonly number[] | undefined;
}

// Keyed by the pointers' numbers, which stand for the pointers exactly (both maps are forgotten together).
const layouts = new Map<string, Layout>();
const MAX_LAYOUTS = 1000;

function forgetLayouts(): void {
  targets.clear();
  layouts.clear();
  lastPointers.length = 0;
  lastTargets.length = 0;
  lastLayout = undefined;
}

/** The shared layout of a document whose position-carrying pointers have this key; a bounded number is kept. */
function layoutFor(key: string, doc: NodeSource): Layout {
  let layout = layouts.get(key);
  if (layout === undefined) {
    if (layouts.size >= MAX_LAYOUTS) layouts.clear();
    layout = buildLayout(doc);
    layouts.set(key, layout);
  }
  return layout;
}

function buildLayout(doc: NodeSource): Layout {
  const given: string[] = [];
  for (const pointer of doc.nodes.keys()) given.push(...(positionKeys(pointer) ?? []));
  const slots = new Map<string, number>();
  for (const pointer of given) if (!slots.has(pointer)) slots.set(pointer, slots.size);
  const pointers = [...slots.keys()];
  const slotOfGiven = pointers.length === given.length ? undefined : given.map((pointer) => slots.get(pointer)!);
  return { pointers, slots, slotOfGiven };
}

/** The line and column of every position key of a document, in node order (the layout's given order). */
function collectLineCols(doc: NodeSource): number[] {
  const lineCols: number[] = [];
  for (const [pointer, loc] of doc.nodes) {
    const byKey = loc.collection && loc.keyLine > 0;
    for (const _ of positionKeys(pointer) ?? [])
      lineCols.push(byKey ? loc.keyLine : loc.line, byKey ? loc.keyCol : loc.col);
  }
  return lineCols;
}

/**
 * The field positions of one document, compact: the file once, the pointers in a layout shared with every document
 * of the same shape, and the lines and columns in one list of small integers. 10,000 documents take ~5 MB instead of
 * the ~36 MB of a `{file, line, col}` object per field. A position is built when it is asked for (rarely: a
 * plan-time refusal, a drifted field).
 */
class FieldPositions implements ReadonlyMap<string, SourcePos> {
  readonly #file: string;
  readonly #layout: Layout;
  /** line, col of slot 0, line, col of slot 1, ... from #offset on (see reserve). */
  readonly #lineCols: Int32Array;
  readonly #offset: number;

  /** A line and a column per given pointer; a pointer given twice keeps its first place and its last position. */
  constructor(file: string, layout: Layout, lineCols: readonly number[]) {
    this.#file = file;
    this.#layout = layout;
    const room = reserve(layout.pointers.length * 2);
    this.#lineCols = room.block;
    this.#offset = room.offset;
    const slotOfGiven = layout.slotOfGiven;
    for (let i = 0; i < lineCols.length; i += 2) {
      const at = room.offset + (slotOfGiven === undefined ? i : slotOfGiven[i / 2]! * 2);
      room.block[at] = lineCols[i]!;
      room.block[at + 1] = lineCols[i + 1]!;
    }
  }

  get size(): number {
    return this.#layout.pointers.length;
  }

  get(pointer: string): SourcePos | undefined {
    const slot = this.#layout.slots.get(pointer);
    return slot === undefined ? undefined : this.#at(slot);
  }

  has(pointer: string): boolean {
    return this.#layout.slots.has(pointer);
  }

  forEach(callback: (value: SourcePos, key: string, map: ReadonlyMap<string, SourcePos>) => void, thisArg?: unknown) {
    this.#layout.pointers.forEach((pointer, slot) => {
      callback.call(thisArg, this.#at(slot), pointer, this);
    });
  }

  *entries(): MapIterator<[string, SourcePos]> {
    for (const [slot, pointer] of this.#layout.pointers.entries()) yield [pointer, this.#at(slot)];
  }

  *keys(): MapIterator<string> {
    yield* this.#layout.pointers;
  }

  *values(): MapIterator<SourcePos> {
    for (let slot = 0; slot < this.#layout.pointers.length; slot++) yield this.#at(slot);
  }

  [Symbol.iterator](): MapIterator<[string, SourcePos]> {
    return this.entries();
  }

  #at(slot: number): SourcePos {
    const at = this.#offset + slot * 2;
    return { file: this.#file, line: this.#lineCols[at]!, col: this.#lineCols[at + 1]! };
  }
}

function positionKeys(pointer: string): string[] | undefined {
  if (pointer.startsWith('/spec/')) {
    const inner = pointer.slice('/spec'.length);
    return inner === '/backupLocation' ? ['/backup', '/backup/location'] : [inner];
  }
  if (pointer === '/metadata/name') return ['/metadata/name', '/name'];
  if (pointer === '/apiVersion' || pointer === '/kind') return [pointer];
  if (pointer.startsWith('/metadata') || pointer.startsWith('/policy')) return [pointer];
  return undefined;
}

/** The document's own position: its `kind:` line. */
export function documentSource(doc: ParsedDocument): SourcePos {
  if (doc.source !== undefined) return { file: doc.file, line: doc.source.line, col: doc.source.col };
  const kind = doc.nodes.get('/kind');
  if (kind !== undefined) return { file: doc.file, line: kind.keyLine, col: kind.keyCol };
  return { file: doc.file, ...positionOf(doc, '') };
}
