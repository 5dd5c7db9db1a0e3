// The one-line scalars of the fast reader (yaml-fast.ts), read in place in the file's text: text[i, end) is the
// rest of the line. Each returns the value, or NOT_READ for what the reader leaves to the `yaml` package, and writes
// where the value ended to `out`.

/** What a scan gives when the text is outside the subset (never a value the reader reads). */
export const NOT_READ: unique symbol = Symbol('not read');

/** Where a scanned value ended, and whether it was a map. */
export interface ScanEnd {
  valueEnd: number;
  collection: boolean;
}

const NULL_WORD = /^(?:~|[Nn]ull|NULL)$/;
const TRUE_WORD = /^(?:[Tt]rue|TRUE)$/;
const FALSE_WORD = /^(?:[Ff]alse|FALSE)$/;
// Written as JavaScript prints it (no leading zero): `02` goes to the full parser, which refuses it with what it read.
const SMALL_INT = /^(?:0|[1-9][0-9]{0,14})$/;
// Everything else the core schema reads as a number (signed, octal, hex, floats, exponents, .inf, .nan).
const OTHER_NUMBER =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const SPACE = 32;

export function scanQuoted(text: string, i: number, end: number, out: ScanEnd): string | typeof NOT_READ {
  const quote = text[i]!;
  let value = '';
  let from = i + 1;
  for (;;) {
    const close = text.indexOf(quote, from);
    if (close === -1 || close >= end) return NOT_READ;
    value += text.slice(from, close);
    // '' inside single quotes is one quote; double quotes with `\` escapes were excluded up front.
    if (quote === "'" && text[close + 1] === "'") {
      value += "'";
      from = close + 2;
      continue;
    }
    out.valueEnd = close + 1;
    out.collection = false;
    return value;
  }
}

/**
 * A plain scalar: up to ` #` (a comment) or the line's end, and in a flow map up to `,` or `}`. Declines `[`, `]`
 * and `{` in a flow map, and `: ` or a trailing `:` anywhere (a nested map the subset does not read).
 */
export function scanPlain(text: string, i: number, end: number, flow: boolean, out: ScanEnd): unknown {
  let stop = end;
  for (let k = i; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === SPACE && text.charCodeAt(k + 1) === 35 /* # */ && k + 1 < end) {
      stop = k;
      break;
    }
    if (!flow) continue;
    if (c === 44 /* , */ || c === 125 /* } */) {
      stop = k;
      break;
    }
    if (c === 91 /* [ */ || c === 93 /* ] */ || c === 123 /* { */) return NOT_READ;
  }
  // YAML separates with spaces and tabs only (tabs never reach here); String.prototype.trimEnd would also drop
  // Unicode spaces such as U+00A0 or U+1680, which YAML keeps as content.
  let last = stop;
  while (last > i && text.charCodeAt(last - 1) === SPACE) last--;
  if (last === i) return NOT_READ;
  for (let k = i; k < last; k++) {
    if (text.charCodeAt(k) === 58 /* : */ && (k + 1 === last || text.charCodeAt(k + 1) === SPACE)) return NOT_READ;
  }
  const value = resolvePlain(text.slice(i, last));
  out.valueEnd = flow ? stop : end;
  out.collection = false;
  return value;
}

/** The YAML 1.2 core schema for the plain scalars we accept; NOT_READ for null and numbers we leave to `yaml`. */
function resolvePlain(raw: string): unknown {
  const c = raw.charCodeAt(0);
  // Most values (names, regions, days, paths) start with a letter no keyword starts with: a string, no test needed.
  const lower = c | 32;
  if (lower >= 97 && lower <= 122 && lower !== 110 /* n */ && lower !== 116 /* t */ && lower !== 102 /* f */) {
    return raw;
  }
  if (NULL_WORD.test(raw)) return NOT_READ;
  if (TRUE_WORD.test(raw)) return true;
  if (FALSE_WORD.test(raw)) return false;
  if (SMALL_INT.test(raw)) return Number(raw);
  if (OTHER_NUMBER.test(raw)) return NOT_READ;
  return raw;
}
