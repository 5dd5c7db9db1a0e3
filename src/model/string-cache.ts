/**
 * A small direct-mapped cache of strings: an equal string seen again comes back as the one instance kept, so
 * 50,000 clusters hold one "eu-central-3", one "AVAILABLE", one datacenter id. A slot is picked from the length and
 * three characters and holds the last string that fell on it; a miss just replaces it. That is a few character reads
 * and one comparison per string, where a Map would hash every (fresh) string and probe a table of tens of thousands.
 */
export class StringCache {
  readonly #slots: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
  readonly #keep: (value: string) => string;

  /** `keep` turns a string into the instance to hold (e.g. a copy that does not pin a larger text). */
  constructor(keep: (value: string) => string = (value) => value) {
    this.#keep = keep;
  }

  /** The kept instance equal to `value` (kept now if its slot held another string). */
  share(value: string): string {
    const n = value.length;
    if (n === 0 || n > MAX_LENGTH) return this.#keep(value);
    const slot = (n * 31 + value.charCodeAt(0) * 7 + value.charCodeAt(n >> 1) * 3 + value.charCodeAt(n - 1)) & MASK;
    const held = this.#slots[slot];
    if (held === value) return held;
    const kept = this.#keep(value);
    this.#slots[slot] = kept;
    return kept;
  }
}

const SLOTS = 4096;
const MASK = SLOTS - 1;
/** Longer strings are rarely repeated: kept, never cached. */
const MAX_LENGTH = 64;
