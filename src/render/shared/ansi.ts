const CODES = { bold: 1, red: 31, green: 32, yellow: 33, magenta: 35 } as const;

/** An ANSI style the text renderer uses. */
export type Style = keyof typeof CODES;

/** Wraps text in an ANSI style when colour is on; returns it untouched otherwise (so `--no-color` output is plain). */
export function paint(enabled: boolean, style: Style, text: string): string {
  return enabled ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text;
}
