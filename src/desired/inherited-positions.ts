import type { SourcePos } from '../errors.js';

/**
 * A cluster's field positions when Defaults gave it some values: those are where the Defaults document writes them
 * (where a plan-time refusal or a drifted field should point), the rest are the cluster's own.
 */
export class InheritedPositions implements ReadonlyMap<string, SourcePos> {
  readonly #own: ReadonlyMap<string, SourcePos>;
  readonly #inherited: ReadonlyMap<string, { at: SourcePos }>;

  constructor(own: ReadonlyMap<string, SourcePos>, inherited: ReadonlyMap<string, { at: SourcePos }>) {
    this.#own = own;
    this.#inherited = inherited;
  }

  get size(): number {
    return [...this.keys()].length;
  }

  get(pointer: string): SourcePos | undefined {
    const at = this.#inherited.get(pointer)?.at;
    return at === undefined ? this.#own.get(pointer) : { ...at };
  }

  has(pointer: string): boolean {
    return this.#inherited.has(pointer) || this.#own.has(pointer);
  }

  forEach(callback: (value: SourcePos, key: string, map: ReadonlyMap<string, SourcePos>) => void, thisArg?: unknown) {
    for (const [pointer, pos] of this.entries()) callback.call(thisArg, pos, pointer, this);
  }

  *entries(): MapIterator<[string, SourcePos]> {
    for (const pointer of this.keys()) yield [pointer, this.get(pointer)!];
  }

  *keys(): MapIterator<string> {
    yield* this.#own.keys();
    for (const pointer of this.#inherited.keys()) if (!this.#own.has(pointer)) yield pointer;
  }

  *values(): MapIterator<SourcePos> {
    for (const [, pos] of this.entries()) yield pos;
  }

  [Symbol.iterator](): MapIterator<[string, SourcePos]> {
    return this.entries();
  }
}
