import { fillSections, type Section } from './markdown-budget.js';

/** A Markdown document that must stay under a length: fixed head and footer, sections that may be cut. */
export interface CappedDocument {
  head: string;
  sections: readonly Section[];
  footer: string;
  max: number;
  /** What the document is, for the notice: "comment" (a PR comment) or "report" (an issue body). */
  what: string;
  /** Where the whole content is, one sentence (named in the notice and at the cut). */
  whereIsAll: string;
}

/**
 * The whole document when it fits; otherwise a visible notice after the head, the sections up to the first item that
 * does not fit, and a line saying what was cut. Never longer than `max`.
 */
export function renderCapped(doc: CappedDocument): string {
  const { head, footer, sections, max } = doc;
  const whole = fillSections(sections, max - head.length - footer.length);
  if (!whole.cut) return fitWithin(head + whole.pieces.join('') + footer, max);
  // Second pass with room for the notice and the cut line; both are bounded, so reserve their longest form.
  const notice = `> **This ${doc.what} was truncated** to stay under ${max} characters: sections at the end are left out. ${doc.whereIsAll}\n\n`;
  const reserve = Math.max(...sections.map((s) => renderCutLine(s.count, s.noun, doc.whereIsAll).length));
  const fitted = fillSections(sections, max - head.length - footer.length - notice.length - reserve);
  const cut = fitted.cut ? renderCutLine(fitted.cut.omitted, fitted.cut.noun, doc.whereIsAll) : '';
  return fitWithin(head + notice + fitted.pieces.join('') + cut + footer, max);
}

function renderCutLine(omitted: number, noun: readonly [string, string], whereIsAll: string): string {
  const what = `${omitted} more ${omitted === 1 ? `${noun[0]} is` : `${noun[1]} are`}`;
  return `_Truncated here: ${what} not shown, nor is anything after this point. ${whereIsAll}_\n\n`;
}

/** Last resort for a cap smaller than the head itself: cut hard, never inside a surrogate pair. */
function fitWithin(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = Math.max(0, max);
  const code = text.charCodeAt(end - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}
