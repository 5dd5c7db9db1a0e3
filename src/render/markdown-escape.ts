import { sanitizeInline } from './fields.js';

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
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * User data as inert Markdown text (table cells, list items): no HTML, no table break, no code span, no emphasis
 * or link, one line.
 */
export function escapeMarkdown(text: string): string {
  return sanitizeInline(text).replace(/[&<>|`\\*_[\]~]/g, (c) => MARKDOWN_ESCAPES[c] ?? c);
}

/** User data inside raw HTML (`<summary>`), where Markdown is not parsed and backslashes would show. */
export function escapeHtml(text: string): string {
  return sanitizeInline(text).replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);
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
