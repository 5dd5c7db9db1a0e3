/** Plain-text helpers every renderer shares. */

// C0/C1 controls, line/paragraph separators and bidi overrides: user data must not move the cursor, colour the
// terminal, break a line or reorder what a reviewer reads.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// The same without the global flag: a test, where a text without any (nearly all) needs no replace at all.
const HAS_UNSAFE_CHAR = new RegExp(UNSAFE_CHARS.source);

/** Replaces control and bidi characters with `\uXXXX`, so user data prints as one inert line. */
export function sanitizeInline(text: string): string {
  if (!HAS_UNSAFE_CHAR.test(text)) return text;
  return text.replace(UNSAFE_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `1 cluster`, `2 clusters`. */
export function countNoun(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
