import { sanitizeInline } from './text.js';

const MARKDOWN_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '|': '\\|',
  '`': '\\`',
  '\\': '\\\\',
  '*': '\\*',
  _: '\\_',
  '[': '\\[',
  ']': '\\]',
  '~': '\\~',
};
// GitHub turns `@name` into a mention (a notification) and `#12` into an issue reference (a timeline entry there)
// in text nodes, HTML and Markdown alike; a zero-width space after the sign keeps the text and defuses both, as
// Renovate does. An `@` inside a word (an e-mail address) is neither and is left alone.
const GITHUB_REFERENCE = /(^|[^\w@#])([@#])(?=\w)/g;
const ZERO_WIDTH_SPACE = '&#8203;';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * User data as inert Markdown text (table cells, list items): no HTML, no table break, no code span, no emphasis
 * or link, one line.
 */
export function escapeMarkdown(text: string): string {
  return defuseReferences(sanitizeInline(text).replace(/[&<>|`\\*_[\]~]/g, (c) => MARKDOWN_ESCAPES[c] ?? c));
}

/** User data inside raw HTML (`<summary>`), where Markdown is not parsed and backslashes would show. */
export function escapeHtml(text: string): string {
  return defuseReferences(sanitizeInline(text).replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c));
}

/** Runs after the escapes above, so the entity it inserts is not escaped again. */
function defuseReferences(escaped: string): string {
  return escaped.replace(GITHUB_REFERENCE, `$1$2${ZERO_WIDTH_SPACE}`);
}

/** A code span that survives backticks in its content (the fence is longer than any run inside). */
export function codeSpan(text: string): string {
  const clean = sanitizeInline(text);
  let longest = 0;
  for (const run of clean.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}
