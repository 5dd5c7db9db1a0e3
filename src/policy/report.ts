import { PlanRefusedError, type SourcePos, type SpecIssue } from '../errors.js';
import type { Plan } from '../plan/types.js';
import type { PolicyFinding, PolicyReport } from './types.js';

/** The hint of every policy refusal. */
export const POLICY_HINT =
  'fix the cluster (or its Defaults), or record an exception in the Policy: {rule, target, reason, expires}';

/** The denied findings, each at the cluster's file:line, naming the rule (at its own line) and its message. */
export function describeDenials(report: PolicyReport): SpecIssue[] {
  return report.findings.filter((f) => f.outcome === 'denied').map(describeDenial);
}

function describeDenial(finding: PolicyFinding): SpecIssue {
  const expired =
    finding.exception === undefined
      ? ''
      : `; its exception (${formatPos(finding.exception.source)}, "${finding.exception.reason}") expired on ${finding.exception.expires}`;
  const message = `policy rule ${finding.rule} (${formatPos(finding.ruleSource)}) denies ${finding.address}: ${finding.message}${expired}`;
  return { ...finding.clusterSource, path: '', message };
}

/** A plan that Policy refused: the refusal, and the plan itself, so `plan` can still show the reviewer what it is. */
export class PolicyDeniedError extends PlanRefusedError {
  readonly plan: Plan;
  constructor(issues: readonly SpecIssue[], plan: Plan) {
    super(issues, { hint: POLICY_HINT });
    this.plan = plan;
  }
}

/** Whether any rule denies (an exception that still applies lifts a denial). */
export function isDenied(report: PolicyReport): boolean {
  return report.findings.some((finding) => finding.outcome === 'denied');
}

function formatPos(pos: SourcePos): string {
  return `${pos.file}:${pos.line}:${pos.col}`;
}
