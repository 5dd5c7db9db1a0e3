import { MIN_SECRET_LENGTH, minimumEchoLength, spellingsOf } from './spellings.js';

/** What a scrubbed secret is replaced with (the word pino's redaction uses too). */
export const REDACTED = '[REDACTED]';

/** A piece of text [start, end) to replace. */
export interface Span {
  start: number;
  end: number;
}

interface Needle {
  text: string;
  /** The shortest piece of `text` that is an echo of it. */
  min: number;
}

// Text is probed for 4-character pieces of the needles every STRIDE characters. An echo of at least
// MIN_SECRET_LENGTH characters always holds a whole probed piece: STRIDE + GRAM - 1 <= MIN_SECRET_LENGTH.
const GRAM = 4;
const STRIDE = MIN_SECRET_LENGTH - GRAM + 1;
const FILTER_BITS = 20;
const ENTRY_SHIFT = 2 ** 24;
/** Longer secrets are scrubbed by their first MAX_SECRET_LENGTH characters (an echo of those is an echo). */
const MAX_SECRET_LENGTH = 2 ** 20;

/**
 * Removes the secrets it was given from texts: every spelling (spellings.ts) and every long piece of one. Linear in
 * the text: a probe every STRIDE characters, a bit-set lookup, and a comparison only where a piece of a secret is.
 */
export class Scrubber {
  readonly #needles: Needle[] = [];
  readonly #secrets = new Set<string>();
  readonly #spellings = new Set<string>();
  // One entry (needle index * 2^24 + offset) per piece key, or a list of them: most keys have one.
  readonly #pieces = new Map<number, number | number[]>();
  readonly #filter = new Uint32Array((1 << FILTER_BITS) / 32);

  /** Adds a secret (and its spellings); one shorter than MIN_SECRET_LENGTH is ignored. */
  add(value: string): void {
    const secret = value.length > MAX_SECRET_LENGTH ? value.slice(0, MAX_SECRET_LENGTH) : value;
    if (secret.length < MIN_SECRET_LENGTH || this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    for (const text of spellingsOf(secret)) {
      if (this.#spellings.has(text)) continue;
      this.#spellings.add(text);
      this.#addNeedle({ text, min: minimumEchoLength(text.length) });
    }
  }

  /** Whether any secret was added (scrubbing without one returns the text as it is). */
  get isEmpty(): boolean {
    return this.#needles.length === 0;
  }

  /** The text with every echo of a secret replaced by REDACTED. */
  scrub(text: string): string {
    if (this.#needles.length === 0 || text.length < MIN_SECRET_LENGTH) return text;
    const spans = this.findEchoes(text);
    if (spans.length === 0) return text;
    let out = '';
    let at = 0;
    for (const span of spans) {
      out += text.slice(at, span.start) + REDACTED;
      at = span.end;
    }
    return out + text.slice(at);
  }

  /** The spans to replace, sorted, merged, widened so that no escape sequence or surrogate pair is cut in two. */
  findEchoes(text: string): Span[] {
    const found: Span[] = [];
    let covered = 0;
    for (let p = 0; p + GRAM <= text.length; p += STRIDE) {
      // Inside an echo already found: a different echo overlapping it is found from its own part past `covered`.
      if (p + GRAM <= covered) continue;
      const key = pieceKey(text, p);
      if (!this.#mayHold(key)) continue;
      const entries = this.#pieces.get(key);
      if (entries === undefined) continue;
      for (const entry of typeof entries === 'number' ? [entries] : entries) {
        const span = this.#extend(text, p, entry);
        if (span === undefined) continue;
        found.push(span);
        covered = Math.max(covered, span.end);
      }
    }
    return mergeSpans(found.map((span) => widenSpan(text, span))).flatMap((span) => splitAtQuotes(text, span));
  }

  #addNeedle(needle: Needle): void {
    const index = this.#needles.push(needle) - 1;
    for (let offset = 0; offset + GRAM <= needle.text.length; offset++) {
      const key = pieceKey(needle.text, offset);
      const bit = filterBit(key);
      this.#filter[bit >>> 5]! |= 1 << (bit & 31);
      const entries = this.#pieces.get(key);
      const entry = index * ENTRY_SHIFT + offset;
      if (entries === undefined) this.#pieces.set(key, entry);
      else if (typeof entries === 'number') this.#pieces.set(key, [entries, entry]);
      else entries.push(entry);
    }
  }

  #mayHold(key: number): boolean {
    const bit = filterBit(key);
    return (this.#filter[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }

  /** The longest common run of text and needle through text[p] = needle[offset]; undefined when too short. */
  #extend(text: string, p: number, entry: number): Span | undefined {
    const needle = this.#needles[Math.floor(entry / ENTRY_SHIFT)]!;
    const offset = entry % ENTRY_SHIFT;
    const n = needle.text;
    let start = p;
    let from = offset;
    while (start > 0 && from > 0 && text.charCodeAt(start - 1) === n.charCodeAt(from - 1)) {
      start--;
      from--;
    }
    let end = p;
    let to = offset;
    while (end < text.length && to < n.length && text.charCodeAt(end) === n.charCodeAt(to)) {
      end++;
      to++;
    }
    return end - start >= needle.min ? { start, end } : undefined;
  }
}

/** The four UTF-16 units at p as one number (exact for Latin-1; a hash otherwise, and a comparison decides). */
function pieceKey(text: string, p: number): number {
  const a = text.charCodeAt(p);
  const b = text.charCodeAt(p + 1);
  const c = text.charCodeAt(p + 2);
  const d = text.charCodeAt(p + 3);
  if ((a | b | c | d) < 256) return (a | (b << 8) | (c << 16) | (d << 24)) >>> 0;
  return (Math.imul(Math.imul(Math.imul(a, 31) + b, 31) + c, 31) + d + 0x100000000) % 0x100000000;
}

function filterBit(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> (32 - FILTER_BITS);
}

function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

const JSON_STRUCTURE = /^[\s{}[\],:]*$/;

/**
 * A secret with a quote in it can match across the quotes and colons of JSON (`":"` of a secret beside `":"` between
 * a key and a value): unescaped quotes, and pieces made only of JSON's punctuation, stay; the rest is replaced.
 */
function splitAtQuotes(text: string, span: Span): Span[] {
  const pieces: Span[] = [];
  let from = span.start;
  for (let i = span.start; i <= span.end; i++) {
    if (i < span.end && !(text[i] === '"' && isUnescaped(text, i))) continue;
    if (i > from && !JSON_STRUCTURE.test(text.slice(from, i))) pieces.push({ start: from, end: i });
    from = i + 1;
  }
  return pieces;
}

/**
 * A span that starts or ends inside `\"`, `\uXXXX`, `%XX` or a surrogate pair would leave half an escape beside
 * REDACTED (JSON that no longer parses, a URL that no longer decodes): it is widened to the whole escape.
 */
function widenSpan(text: string, span: Span): Span {
  let { start, end } = span;
  const escapeAtStart = escapeStartBefore(text, start);
  if (escapeAtStart !== undefined) start = escapeAtStart;
  const escapeAtEnd = escapeStartBefore(text, end);
  if (escapeAtEnd !== undefined && escapeAtEnd >= start) end = escapeEnd(text, escapeAtEnd);
  // A UTF-8 character percent-encoded is several %XX escapes: neither half of it may stay beside REDACTED.
  while (start >= 3 && isContinuationEscape(text, start) && text[start - 3] === '%') start -= 3;
  while (isContinuationEscape(text, end)) end += 3;
  if (start > 0 && isLowSurrogate(text.charCodeAt(start)) && isHighSurrogate(text.charCodeAt(start - 1))) start--;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end)) && isHighSurrogate(text.charCodeAt(end - 1))) end++;
  return { start, end };
}

/** Where an escape sequence that `at` would cut in two begins, if one does. */
function escapeStartBefore(text: string, at: number): number | undefined {
  for (let back = 1; back <= 5 && at - back >= 0; back++) {
    const i = at - back;
    const c = text[i];
    if (c === '%' && back <= 2 && isHex(text, i + 1) && isHex(text, i + 2)) return i;
    if (c === '\\' && isUnescaped(text, i) && escapeEnd(text, i) > at) return i;
  }
  return undefined;
}

/** Whether the character at i is not escaped (no odd run of backslashes before it): a backslash there starts one. */
function isUnescaped(text: string, i: number): boolean {
  let run = 0;
  while (i - run - 1 >= 0 && text[i - run - 1] === '\\') run++;
  return run % 2 === 0;
}

function escapeEnd(text: string, start: number): number {
  if (text[start] === '%') return Math.min(text.length, start + 3);
  return Math.min(text.length, start + (text[start + 1] === 'u' ? 6 : 2));
}

/** `%80`..`%BF` at i: a UTF-8 continuation byte, percent-encoded. */
function isContinuationEscape(text: string, i: number): boolean {
  return text[i] === '%' && '89abAB'.includes(text[i + 1] ?? 'x') && isHex(text, i + 2);
}

function isHex(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
