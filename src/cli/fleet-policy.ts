import type { DesiredCluster } from '../desired/types.js';
import { SpecError } from '../errors.js';
import { judgePolicy } from '../policy/judge.js';
import { describeDenials, isDenied, POLICY_HINT } from '../policy/report.js';
import type { CompiledPolicy, PolicyReport } from '../policy/types.js';
import { renderPolicyText } from '../render/plan/policy-text.js';
import { formatAnnotation } from '../render/shared/annotations.js';

/**
 * The rules on `cluster` alone, judged now, for commands that make no plan (product.md §9). Loaded only when the
 * files hold a Policy, so `validate` of plain cluster files loads none of it.
 */
export function judgeClusters(policy: CompiledPolicy, docs: readonly DesiredCluster[]): PolicyReport {
  return judgePolicy(policy, { clusters: docs, nowMs: Date.now() });
}

/**
 * `validate`: the policy lines (with --format github, warnings and lapsed exceptions also as annotations), and a
 * SpecError naming every denial at its cluster's file:line.
 */
export function checkFleetPolicy(
  policy: CompiledPolicy,
  docs: readonly DesiredCluster[],
  format: 'text' | 'github',
): { output: string; error: SpecError | undefined } {
  const report = judgeClusters(policy, docs);
  const lines = renderPolicyText(report);
  if (format === 'github') {
    for (const f of report.findings.filter((finding) => finding.outcome === 'warned')) {
      lines.push(formatAnnotation('warning', f.clusterSource, `policy rule ${f.rule}: ${f.message}`));
    }
    for (const e of report.expired) {
      lines.push(
        formatAnnotation('warning', e.source, `the exception to ${e.rule} for ${e.target} ended ${e.expires}`),
      );
    }
  }
  const error = isDenied(report) ? new SpecError(describeDenials(report), { hint: POLICY_HINT }) : undefined;
  return { output: `${lines.join('\n')}\n`, error };
}

/** `drift`: the policy lines for stderr when something failed or expired; nothing when every rule passes. */
export function describeFleetPolicy(policy: CompiledPolicy, docs: readonly DesiredCluster[]): string {
  const report = judgeClusters(policy, docs);
  if (report.findings.length === 0 && report.expired.length === 0) return '';
  return `${renderPolicyText(report).join('\n')}\n`;
}
