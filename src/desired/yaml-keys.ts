// The keys of the fast reader (yaml-fast.ts): where one ends, and the memo that spares a new string for a key
// read at the same place of the previous document.

// Keys the YAML core schema would turn into booleans or null.
const RESERVED_KEYS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);

// A document with more keys than this reads the ones beyond without the memo.
const MAX_MEMO_KEYS = 1000;

/**
 * The keys of a document by their place in it (the n-th key read). The documents of a fleet repeat their keys in
 * the same order, so a key is mostly the one read at its place in the document before: that string is taken again,
 * instead of a new one that the object it goes into would have to look up by its hash.
 */
export class KeyMemo {
  private readonly last: string[] = [];
  private n = 0;

  /** The key text[i, colon), or undefined when it is one the core schema reads as a boolean or null. */
  read(text: string, i: number, colon: number): string | undefined {
    const n = this.n++;
    const last = this.last[n];
    if (last !== undefined && isAt(text, i, colon, last)) return last;
    const key = text.slice(i, colon);
    if (RESERVED_KEYS.has(key)) return undefined;
    if (n < MAX_MEMO_KEYS) this.last[n] = key;
    return key;
  }

  restart(): void {
    this.n = 0;
  }
}

/** Whether text[i, end) is `word` (String.prototype.startsWith with a position is slower here). */
function isAt(text: string, i: number, end: number, word: string): boolean {
  if (word.length !== end - i) return false;
  for (let k = 0; k < word.length; k++) if (text.charCodeAt(i + k) !== word.charCodeAt(k)) return false;
  return true;
}

/** The end of a key `[A-Za-z][A-Za-z0-9_-]*` at text[i] if a `:` follows it, else -1. */
export function scanKey(text: string, i: number, end: number): number {
  if (!isLetter(text.charCodeAt(i))) return -1;
  let k = i + 1;
  for (; k < end; k++) {
    const c = text.charCodeAt(k);
    if (!(isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 45)) break;
  }
  return text.charCodeAt(k) === 58 /* : */ && k < end ? k : -1;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
