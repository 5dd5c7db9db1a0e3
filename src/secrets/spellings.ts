/** Secrets shorter than this are not scrubbed: they cannot be told apart from ordinary words of the output. */
export const MIN_SECRET_LENGTH = 8;

/**
 * The ways a secret can be written into a text that leaves the process: as is, JSON-escaped (once, twice, and with
 * non-ASCII as \uXXXX, as other JSON writers do), URL-encoded (encodeURIComponent, RFC 3986 strict, either hex case,
 * `+` for spaces) and base64 / base64url at each of the three byte alignments. A base64 spelling is the part of the
 * encoding that depends on the secret's bytes alone, so it is found whatever comes before and after the secret in
 * the encoded bytes (`user:secret` in a Basic header, a JSON body). Spellings shorter than MIN_SECRET_LENGTH are left
 * out; the rest come unique, longest first.
 */
export function spellingsOf(secret: string): string[] {
  const json = jsonEscape(secret);
  const spellings = [
    secret,
    json,
    jsonEscape(json),
    asciiJsonEscape(secret),
    ...urlSpellings(secret),
    ...base64Cores(new TextEncoder().encode(secret)),
  ];
  return [...new Set(spellings)].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * The shortest piece of a spelling that counts as an echo of it: a third of a spelling may be dropped (a message
 * that cuts a value short), but never below MIN_SECRET_LENGTH characters, and 16 characters of any spelling are
 * enough (a token's first 16 characters are an echo of the token).
 */
export function minimumEchoLength(spellingLength: number): number {
  return Math.min(spellingLength, Math.max(MIN_SECRET_LENGTH, Math.min(16, Math.ceil((spellingLength * 2) / 3))));
}

function jsonEscape(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function asciiJsonEscape(text: string): string {
  return jsonEscape(text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function urlSpellings(text: string): string[] {
  // A lone surrogate cannot be URL-encoded: such a secret has no URL spelling.
  if (!isWellFormed(text)) return [];
  const component = encodeURIComponent(text);
  const strict = component.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const lower = (s: string) => s.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
  const forms = [component, strict, lower(component), lower(strict)];
  return [...forms, ...forms.map((s) => s.replace(/%20/g, '+'))];
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The characters of base64 (and base64url) that only the secret's bytes decide, for the secret starting at byte 0, 1
 * or 2 of a 3-byte group: the first characters of its group mix in the bytes before it, the last characters the
 * bytes after it.
 */
function base64Cores(bytes: Uint8Array): string[] {
  const cores: string[] = [];
  for (const lead of [0, 1, 2]) {
    const padded = new Uint8Array(lead + bytes.length);
    padded.set(bytes, lead);
    const groups = Math.floor(padded.length / 3);
    const encoded = encodeGroups(padded, groups);
    const core = encoded.slice(lead === 0 ? 0 : lead + 1);
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/** base64 of the first `groups` complete 3-byte groups (no padding is ever needed). */
function encodeGroups(bytes: Uint8Array, groups: number): string {
  let out = '';
  for (let g = 0; g < groups; g++) {
    const n = (bytes[g * 3]! << 16) | (bytes[g * 3 + 1]! << 8) | bytes[g * 3 + 2]!;
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + BASE64[(n >> 6) & 63]! + BASE64[n & 63]!;
  }
  return out;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether the text has no lone surrogate (String.prototype.isWellFormed, which ES2023 typings lack). */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}
