import type { ValidateFunction } from 'ajv';
import type { ParsedDocument } from '../desired/document.js';
import { readSelector } from '../desired/labels.js';
import { positionOf } from '../desired/positions.js';
import { validateAgainstSchema } from '../desired/validate.js';
import type { SourcePos, SpecIssue } from '../errors.js';
import { isPlainObject } from '../model/pointer.js';
import type { PolicyException, PolicyRule, PolicySet } from './types.js';

/** A Policy document checked against its schema and read; a document with problems gives no rules. */
export function readPolicyDocument(
  doc: ParsedDocument,
  validate: ValidateFunction,
): PolicySet & { issues: SpecIssue[] } {
  const issues = validateAgainstSchema(doc, validate);
  if (issues.length > 0) return { rules: [], exceptions: [], issues };
  const value = doc.value as Record<string, unknown>;
  const policy = String((value['metadata'] as Record<string, unknown>)['name']);
  const at = (pointer: string): SourcePos => ({ file: doc.file, ...positionOf(doc, pointer) });
  const rules = listOf(value['rules']).map((rule, i): PolicyRule => {
    const read: PolicyRule = {
      name: String(rule['name']),
      policy,
      expression: String(rule['expression']),
      severity: rule['severity'] === 'warn' ? 'warn' : 'deny',
      selector: readSelector(rule),
      source: at(`/rules/${i}`),
      expressionAt: at(`/rules/${i}/expression`),
    };
    if (typeof rule['message'] === 'string') read.message = rule['message'];
    return read;
  });
  const exceptions = listOf(value['exceptions']).map(
    (exception, i): PolicyException => ({
      rule: String(exception['rule']),
      target: String(exception['target']),
      reason: String(exception['reason']),
      expires: String(exception['expires']),
      source: at(`/exceptions/${i}`),
    }),
  );
  return { rules, exceptions, issues };
}

/**
 * Across Policy documents: a rule name is given once (exceptions name rules), and an exception names a rule that
 * exists (a misspelt one would silently lift nothing).
 */
export function checkPolicySet(set: PolicySet): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const byName = new Map<string, PolicyRule[]>();
  for (const rule of set.rules) byName.set(rule.name, [...(byName.get(rule.name) ?? []), rule]);
  for (const [name, rules] of byName) {
    if (rules.length < 2) continue;
    for (const rule of rules) {
      const others = rules.filter((r) => r !== rule).map((r) => `${r.source.file}:${r.source.line}:${r.source.col}`);
      issues.push({
        ...rule.source,
        path: 'rules',
        message: `duplicate rule name ${name}: also at ${others.join(', ')}`,
      });
    }
  }
  for (const exception of set.exceptions) {
    if (byName.has(exception.rule)) continue;
    const message = `exception for unknown rule "${exception.rule}" (rules: ${[...byName.keys()].join(', ') || 'none'})`;
    issues.push({ ...exception.source, path: 'exceptions', message });
  }
  return issues;
}

function listOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}
