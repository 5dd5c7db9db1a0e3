/** GitHub refuses a comment or issue body longer than this many characters. */
export const GITHUB_BODY_LIMIT = 65_536;

/**
 * Returns `body` unchanged when GitHub takes it; otherwise cuts it at a line break, closes a code fence or
 * `<details>` left open by the cut, and says so visibly at the end, with where to find the whole report.
 * Lengths are UTF-16 code units, never fewer than GitHub's characters, so the result always fits.
 */
export function fitBody(body: string, options: { limit?: number; fullReportUrl?: string } = {}): string {
  const limit = options.limit ?? GITHUB_BODY_LIMIT;
  if (body.length <= limit) return body;
  const where = options.fullReportUrl ? ` The whole report: [this run](${options.fullReportUrl}).` : '';
  const notice =
    `\n\n---\n\n**Truncated:** this report has ${body.length.toLocaleString('en-US')} characters, more than ` +
    `the ${limit.toLocaleString('en-US')} GitHub takes; the rest was cut.${where}\n`;
  let room = limit - notice.length;
  for (let attempt = 0; attempt < 4; attempt++) {
    const kept = cutAtLineBreak(body, Math.max(0, room));
    const closers = closersFor(kept);
    if (kept.length + closers.length + notice.length <= limit) return `${kept}${closers}${notice}`;
    room -= closers.length;
  }
  return `${cutAtLineBreak(body, Math.max(0, limit - notice.length))}${notice}`;
}

function cutAtLineBreak(text: string, max: number): string {
  const cut = text.lastIndexOf('\n', max);
  if (cut > 0) return text.slice(0, cut);
  // One enormous line: cut inside it, but never between the two halves of a surrogate pair.
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Whatever the cut left open that would swallow the notice: a ``` fence, `<details>` blocks. */
function closersFor(kept: string): string {
  const fences = kept.split('\n').filter((line) => line.trimStart().startsWith('```')).length;
  const openDetails = count(kept, /<details[\s>]/g) - count(kept, /<\/details>/g);
  const fence = fences % 2 === 1 ? '\n```' : '';
  return fence + '\n\n</details>'.repeat(Math.max(0, openDetails));
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
