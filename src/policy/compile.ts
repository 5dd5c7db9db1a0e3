import { type ASTNode, Environment } from '@marcbachmann/cel-js';
import { readClusterSchema } from '../desired/schema.js';
import type { SpecIssue } from '../errors.js';
import { CHANGE_DECLARATION, declareCluster } from './cel-schema.js';
import type { CompiledPolicy, CompiledRule, PolicyRule, PolicySet } from './types.js';

/**
 * Compiles every rule (the only module that imports the CEL library, loaded only when a Policy has rules). A rule
 * that does not parse, names a field no cluster can have, or does not give true or false is an issue at its
 * expression's line; the policy then holds only the rules that compiled.
 */
export function compilePolicySet(set: PolicySet): { policy: CompiledPolicy; issues: SpecIssue[] } {
  const env = new Environment({ limits: { maxAstNodes: 2000, maxDepth: 50 } })
    .registerVariable({ name: 'cluster', schema: declareCluster(readClusterSchema()) })
    .registerVariable({ name: 'change', schema: CHANGE_DECLARATION });
  const rules: CompiledRule[] = [];
  const issues: SpecIssue[] = [];
  for (const rule of set.rules) {
    const compiled = compileRule(env, rule);
    if ('issue' in compiled) issues.push(compiled.issue);
    else rules.push(compiled.rule);
  }
  return { policy: { rules, exceptions: set.exceptions }, issues };
}

function compileRule(env: Environment, rule: PolicyRule): { rule: CompiledRule } | { issue: SpecIssue } {
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = env.parse(rule.expression);
  } catch (error) {
    return { issue: describeCompileError(rule, error) };
  }
  const checked = parsed.check();
  if (!checked.valid) return { issue: describeCompileError(rule, checked.error) };
  if (checked.type !== 'bool') {
    const message = `rule ${rule.name}: the expression must give true or false, but it gives ${checked.type}`;
    return { issue: { ...rule.expressionAt, path: 'expression', message } };
  }
  const on = readsChange(parsed.ast) ? 'change' : 'cluster';
  return { rule: { ...rule, on, evaluate: (input) => parsed(input) } };
}

function describeCompileError(rule: PolicyRule, error: unknown): SpecIssue {
  const { summary, range } = (error ?? {}) as { summary?: string; range?: { start: number } };
  const what = summary ?? (error instanceof Error ? error.message : String(error));
  const where = range === undefined ? '' : ` (at character ${range.start + 1} of the expression)`;
  const message = `rule ${rule.name}: the expression does not compile: ${what}${where}`;
  return { ...rule.expressionAt, path: 'expression', message };
}

/** Whether the expression reads `change` anywhere (such a rule runs only where a plan is made). */
function readsChange(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(readsChange);
  if (typeof node !== 'object' || node === null || !('op' in node)) return false;
  const { op, args } = node as ASTNode;
  if (op === 'id') return args === 'change';
  return readsChange(args);
}
