import type { PolicyReport } from '../../policy/types.js';
import { countNoun, sanitizeInline } from '../shared/text.js';

/** The policy section of a text plan (and of `validate`): one line per failed rule and per expired exception. */
export function renderPolicyText(report: PolicyReport): string[] {
  const counts = countOutcomes(report);
  if (counts.length === 0) return [`Policy: ${countNoun(report.rules, 'rule')}, all pass.`];
  const lines = [`Policy: ${countNoun(report.rules, 'rule')}; ${counts.join(', ')}:`];
  for (const f of report.findings) {
    const where = `${f.ruleSource.file}:${f.ruleSource.line}`;
    const head = `    ${OUTCOME_WORDS[f.outcome].padEnd(8)} ${sanitizeInline(f.address)}: ${sanitizeInline(f.rule)}`;
    if (f.outcome === 'excepted' && f.exception !== undefined) {
      const { expires, reason } = f.exception;
      lines.push(`${head} (exception until ${expires}: ${sanitizeInline(reason)}) # ${sanitizeInline(f.message)}`);
    } else {
      const lapsed = f.exception === undefined ? '' : ` (its exception expired on ${f.exception.expires})`;
      lines.push(`${head}: ${sanitizeInline(f.message)}${lapsed} [${sanitizeInline(where)}]`);
    }
  }
  for (const e of report.expired) {
    const where = `${e.source.file}:${e.source.line}`;
    lines.push(
      `    expired  ${sanitizeInline(e.target)}: the exception to ${sanitizeInline(e.rule)} ended ${e.expires} and no longer applies [${sanitizeInline(where)}]`,
    );
  }
  return lines;
}

const OUTCOME_WORDS = { denied: 'DENIED', warned: 'warning', excepted: 'excepted' } as const;

/** `1 denied, 2 warnings, 1 exception applied, 1 exception expired`, leaving out zeros. */
export function countOutcomes(report: PolicyReport): string[] {
  const count = (outcome: string) => report.findings.filter((f) => f.outcome === outcome).length;
  return [
    count('denied') > 0 ? `${count('denied')} denied` : '',
    count('warned') > 0 ? countNoun(count('warned'), 'warning') : '',
    count('excepted') > 0 ? `${countNoun(count('excepted'), 'exception')} applied` : '',
    report.expired.length > 0 ? `${countNoun(report.expired.length, 'exception')} expired` : '',
  ].filter(Boolean);
}
