/** The Policy model (product.md §9): rules in CEL, exceptions, and what judging a fleet or a plan found. */
import type { LabelSelector } from '../desired/labels.js';
import type { SourcePos } from '../errors.js';

export type Severity = 'deny' | 'warn';

/** One rule of a Policy document, read. */
export interface PolicyRule {
  name: string;
  /** The name of the Policy document it is in. */
  policy: string;
  expression: string;
  /** What is printed when it fails (absent: the expression). */
  message?: string;
  severity: Severity;
  /** `selector.matchLabels`; undefined: every cluster. */
  selector: LabelSelector | undefined;
  /** Where the rule is written (its list item), and its expression. */
  source: SourcePos;
  expressionAt: SourcePos;
}

/** A recorded exception: the rule does not apply to the target until `expires` (a date, UTC, that day included). */
export interface PolicyException {
  rule: string;
  target: string;
  reason: string;
  /** YYYY-MM-DD. */
  expires: string;
  source: SourcePos;
}

/** Every rule and exception of the Policy documents read, in file order. */
export interface PolicySet {
  rules: PolicyRule[];
  exceptions: PolicyException[];
}

/** What a rule is evaluated with: `cluster` always, `change` for the rules that read it. */
export type RuleInput = { cluster: unknown; change?: unknown };

/** A rule that compiled: whether it reads `change`, and its evaluation (throws when the expression fails to run). */
export interface CompiledRule extends PolicyRule {
  on: 'cluster' | 'change';
  evaluate(input: RuleInput): unknown;
}

/** The Policy documents of a fleet, compiled: what `validate`, `plan` and `apply` judge by. */
export interface CompiledPolicy {
  rules: CompiledRule[];
  exceptions: PolicyException[];
}

/** An exception as a report shows it. */
export interface ExceptionNote {
  rule: string;
  target: string;
  reason: string;
  expires: string;
  source: SourcePos;
}

/** One rule that failed for one cluster (or one planned change), and what follows from it. */
export interface PolicyFinding {
  rule: string;
  severity: Severity;
  on: 'cluster' | 'change';
  address: string;
  message: string;
  /** denied: stops the plan; warned: reported; excepted: an exception lifts it until its date. */
  outcome: 'denied' | 'warned' | 'excepted';
  /** Where the rule is written, and where the cluster is (its `kind:` line). */
  ruleSource: SourcePos;
  clusterSource: SourcePos;
  /** The exception that lifts it (outcome excepted), or the one that expired (outcome denied or warned). */
  exception?: ExceptionNote;
  /** Set when the expression could not be evaluated for this cluster (the rule then counts as failed). */
  error?: string;
}

/** What judging found: every failed rule, and the exceptions that have expired (they no longer apply). */
export interface PolicyReport {
  /** How many rules were judged. */
  rules: number;
  findings: PolicyFinding[];
  expired: ExceptionNote[];
}
