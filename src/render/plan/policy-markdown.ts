import type { PolicyReport } from '../../policy/types.js';
import { codeSpan, escapeMarkdown } from '../shared/markdown-escape.js';
import { countNoun } from '../shared/text.js';
import { countOutcomes } from './policy-text.js';

const OUTCOMES = { denied: '**denied**', warned: 'warning', excepted: 'exception applied' } as const;

/** The policy section of the pull-request comment: a table of failed rules, then expired exceptions. */
export function renderPolicyMarkdown(report: PolicyReport): string {
  const counts = countOutcomes(report);
  const title = `#### Policy\n\n${escapeMarkdown(`${countNoun(report.rules, 'rule')}`)}${counts.length === 0 ? ', all pass.' : `: ${escapeMarkdown(counts.join(', '))}.`}\n\n`;
  if (report.findings.length === 0 && report.expired.length === 0) return title;
  const rows = report.findings.map((f) => {
    const note =
      f.outcome === 'excepted' && f.exception !== undefined
        ? ` (exception until ${escapeMarkdown(f.exception.expires)}: ${escapeMarkdown(f.exception.reason)})`
        : f.exception !== undefined
          ? ` (its exception expired on ${escapeMarkdown(f.exception.expires)})`
          : '';
    const where = codeSpan(`${f.ruleSource.file}:${f.ruleSource.line}`);
    return `| ${escapeMarkdown(f.address)} | ${escapeMarkdown(f.rule)} ${where} | ${OUTCOMES[f.outcome]} | ${escapeMarkdown(f.message)}${note} |\n`;
  });
  const table =
    rows.length === 0 ? '' : `| Cluster | Rule | Outcome | Message |\n|---|---|---|---|\n${rows.join('')}\n`;
  const expired = report.expired.map(
    (e) =>
      `- The exception to ${escapeMarkdown(e.rule)} for ${escapeMarkdown(e.target)} (${codeSpan(`${e.source.file}:${e.source.line}`)}) ended ${escapeMarkdown(e.expires)} and no longer applies.\n`,
  );
  return `${title}${table}${expired.join('')}${expired.length > 0 ? '\n' : ''}`;
}
