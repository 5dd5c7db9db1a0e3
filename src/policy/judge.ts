import { buildEffectiveDocument } from '../desired/effective.js';
import { matchesSelector } from '../desired/labels.js';
import type { DesiredCluster } from '../desired/types.js';
import { compareText } from '../model/order.js';
import type { Change } from '../plan/types.js';
import type {
  CompiledPolicy,
  CompiledRule,
  ExceptionNote,
  PolicyException,
  PolicyFinding,
  PolicyReport,
  RuleInput,
} from './types.js';
import { describeCelValue, toCelValue } from './values.js';

const DAY_MS = 86_400_000;

/** What a fleet (or a plan) is judged on: the clusters, and the plan's changes where a plan is made. */
export interface JudgeInput {
  clusters: readonly DesiredCluster[];
  /** Present where a plan is made: the rules that read `change` then run on every change. */
  changes?: readonly Change[];
  /** The clock, from the shell: exceptions expire by it. */
  nowMs: number;
}

/**
 * Every rule against every cluster its selector matches (product.md §9): rules on `cluster` alone for every
 * cluster that is to exist (a tombstone's spec no longer matters), rules on `change` for every planned change.
 * Pure: the rules were compiled before.
 */
export function judgePolicy(policy: CompiledPolicy, input: JudgeInput): PolicyReport {
  const findings: PolicyFinding[] = [];
  const judge = (rule: CompiledRule, cluster: DesiredCluster, ruleInput: RuleInput, action?: string) => {
    const finding = judgeRule(rule, cluster, ruleInput, policy.exceptions, input.nowMs, action);
    if (finding !== undefined) findings.push(finding);
  };
  const byAddress = new Map(input.clusters.map((cluster) => [cluster.address, cluster]));
  const contexts = new Map<string, unknown>();
  const contextOf = (cluster: DesiredCluster) => {
    if (!contexts.has(cluster.address)) contexts.set(cluster.address, buildClusterInput(cluster));
    return contexts.get(cluster.address);
  };
  for (const rule of policy.rules) {
    if (rule.on === 'cluster') {
      for (const cluster of input.clusters) {
        if (cluster.policy.ensure === 'absent' || !matchesSelector(cluster.labels, rule.selector)) continue;
        judge(rule, cluster, { cluster: contextOf(cluster) });
      }
      continue;
    }
    for (const change of input.changes ?? []) {
      const cluster = byAddress.get(change.address);
      if (cluster === undefined || !matchesSelector(cluster.labels, rule.selector)) continue;
      judge(rule, cluster, { cluster: contextOf(cluster), change: buildChangeInput(change) }, change.action);
    }
  }
  const judged = new Set(input.clusters.map((cluster) => cluster.address));
  const expired = policy.exceptions.filter((e) => judged.has(e.target) && isExpired(e, input.nowMs)).map(noteOf);
  return { rules: policy.rules.length, findings: findings.sort(compareFindings), expired };
}

function judgeRule(
  rule: CompiledRule,
  cluster: DesiredCluster,
  input: RuleInput,
  exceptions: readonly PolicyException[],
  nowMs: number,
  action: string | undefined,
): PolicyFinding | undefined {
  let error: string | undefined;
  try {
    const result = rule.evaluate(input);
    if (result === true) return undefined;
    if (result !== false) error = `it gave ${describeCelValue(result)} instead of true or false`;
  } catch (thrown) {
    error = `${(thrown as { summary?: string }).summary ?? String(thrown)} (use has() for fields a cluster may not have)`;
  }
  const mine = exceptions.filter((e) => e.rule === rule.name && e.target === cluster.address);
  const current = mine.find((e) => !isExpired(e, nowMs));
  const lapsed = mine.find((e) => isExpired(e, nowMs));
  const finding: PolicyFinding = {
    rule: rule.name,
    severity: rule.severity,
    on: rule.on,
    address: cluster.address,
    message: describeFailure(rule, action, error),
    outcome: current !== undefined ? 'excepted' : rule.severity === 'deny' ? 'denied' : 'warned',
    ruleSource: rule.source,
    clusterSource: cluster.source,
  };
  const exception = current ?? lapsed;
  if (exception !== undefined) finding.exception = noteOf(exception);
  if (error !== undefined) finding.error = error;
  return finding;
}

function describeFailure(rule: CompiledRule, action: string | undefined, error: string | undefined): string {
  const what = rule.message ?? `${rule.expression} is false`;
  const change = action === undefined ? '' : ` (${action})`;
  return error === undefined ? `${what}${change}` : `could not be evaluated${change}: ${error}`;
}

/** Whether an exception has expired: it applies through its `expires` day (UTC), not after. */
export function isExpired(exception: Pick<PolicyException, 'expires'>, nowMs: number): boolean {
  return nowMs >= Date.parse(`${exception.expires}T00:00:00Z`) + DAY_MS;
}

/** `cluster`: the effective document with the password left out, whole numbers as CEL ints. */
function buildClusterInput(cluster: DesiredCluster): unknown {
  const document = buildEffectiveDocument(cluster);
  const { password: _password, ...credentials } = document.spec['credentials'] as Record<string, unknown>;
  return toCelValue({ ...document, spec: { ...document.spec, credentials } });
}

/** `change`: action, impact, reversible and the field changes (never the password reference). */
function buildChangeInput(change: Change): unknown {
  const fields = change.fields
    .filter((field) => field.pointer !== '/credentials/password')
    .map(({ path, before, after, impact, reversible }) => ({ path, before, after, impact, reversible }));
  return toCelValue({ action: change.action, impact: change.impact, reversible: change.reversible, fields });
}

function noteOf(exception: PolicyException): ExceptionNote {
  const { rule, target, reason, expires, source } = exception;
  return { rule, target, reason, expires, source };
}

function compareFindings(a: PolicyFinding, b: PolicyFinding): number {
  return compareText(a.address, b.address) || compareText(a.rule, b.rule) || compareText(a.message, b.message);
}
