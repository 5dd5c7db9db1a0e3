import { describe, expect, it } from 'vitest';
import type { DesiredCluster } from '../../../src/desired/types.js';
import { compilePolicySet } from '../../../src/policy/compile.js';
import { isExpired, judgePolicy } from '../../../src/policy/judge.js';
import { checkPolicySet } from '../../../src/policy/read.js';
import { describeDenials } from '../../../src/policy/report.js';
import type { PolicyException, PolicyRule } from '../../../src/policy/types.js';
import { aDesired, aLive, planFor } from '../../helpers/builders.js';

const AT = { file: 'policies/rules.yaml', line: 5, col: 5 };

function aRule(name: string, expression: string, extra: Partial<PolicyRule> = {}): PolicyRule {
  return {
    name,
    policy: 'rules',
    expression,
    severity: 'deny',
    selector: undefined,
    source: AT,
    expressionAt: { ...AT, col: 17 },
    ...extra,
  };
}

function anException(rule: string, target: string, expires: string): PolicyException {
  return { rule, target, reason: 'migration, TICKET-1', expires, source: { ...AT, line: 30 } };
}

function compile(rules: PolicyRule[], exceptions: PolicyException[] = []) {
  return compilePolicySet({ rules, exceptions });
}

const prod = (name: string, count: number): DesiredCluster =>
  aDesired({ name, labels: { env: 'prod' }, properties: { instances: { count, cores: 2, ram: 4, storageSize: 20 } } });
const NOW = Date.parse('2026-06-15T12:00:00Z');

describe('compiling rules', () => {
  it('refuses an expression that does not parse, names a field no cluster has, or is not true/false, at its line', () => {
    const { issues, policy } = compile([
      aRule('broken', 'cluster.spec.instances.count >='),
      aRule('misspelt', 'cluster.spec.instance.count >= 2'),
      aRule('number', 'cluster.spec.instances.count'),
      aRule('password', 'cluster.spec.credentials.password.fromEnv == "X"'),
      aRule('unknown', 'clustr.spec.version == "16"'),
      aRule('fine', 'cluster.spec.instances.count >= 2 && cluster.metadata.labels.env == "prod"'),
    ]);
    expect(issues.map((i) => `${i.line}:${i.col} ${i.message}`)).toEqual([
      expect.stringMatching(/^5:17 rule broken: the expression does not compile: Unexpected token/),
      '5:17 rule misspelt: the expression does not compile: No such key: instance (at character 14 of the expression)',
      '5:17 rule number: the expression must give true or false, but it gives int',
      expect.stringMatching(/^5:17 rule password: the expression does not compile: No such key: password/),
      expect.stringMatching(/^5:17 rule unknown: the expression does not compile: Unknown variable: clustr/),
    ]);
    expect(policy.rules.map((r) => r.name)).toEqual(['fine']);
    expect(policy.rules[0]!.on).toBe('cluster');
  });

  it('tells rules on `change` from rules on `cluster` alone', () => {
    const { policy } = compile([
      aRule('no-delete', 'change.action != "delete"'),
      aRule('macro', 'cluster.metadata.name != "" && change.fields.all(f, f.impact != "destructive")'),
      aRule('plain', 'cluster.policy.preventDestroy'),
    ]);
    expect(policy.rules.map((r) => [r.name, r.on])).toEqual([
      ['no-delete', 'change'],
      ['macro', 'change'],
      ['plain', 'cluster'],
    ]);
  });

  it('names duplicate rules and exceptions for rules that do not exist', () => {
    const issues = checkPolicySet({
      rules: [aRule('a', 'true'), aRule('a', 'true', { source: { ...AT, line: 9 } })],
      exceptions: [anException('b', 'de-fra/x', '2030-01-01')],
    });
    expect(issues.map((i) => `${i.line} ${i.message}`)).toEqual([
      '5 duplicate rule name a: also at policies/rules.yaml:9:5',
      '9 duplicate rule name a: also at policies/rules.yaml:5:5',
      '30 exception for unknown rule "b" (rules: a)',
    ]);
  });
});

describe('judging', () => {
  const ha = aRule('prod-is-ha', 'cluster.spec.instances.count >= 2', {
    selector: { env: 'prod' },
    message: 'production clusters need a standby',
  });

  it('denies the clusters its selector matches, skips tombstones, and names the rule and the cluster', () => {
    const { policy } = compile([ha]);
    const gone = aDesired({
      name: 'gone',
      labels: { env: 'prod' },
      policy: { ensure: 'absent', preventDestroy: false, allowReplace: false },
    });
    const dev = aDesired({ name: 'dev', labels: { env: 'dev' } });
    const clusters = [
      prod('big', 3),
      prod('small', 1),
      dev,
      { ...gone, properties: { ...gone.properties, instances: { ...gone.properties.instances, count: 1 } } },
    ];
    const report = judgePolicy(policy, { clusters, nowMs: NOW });
    expect(report.findings.map((f) => [f.address, f.outcome])).toEqual([['de-fra/small', 'denied']]);
    expect(describeDenials(report)).toEqual([
      {
        file: 'specs/small.yaml',
        line: 3,
        col: 1,
        path: '',
        message:
          'policy rule prod-is-ha (policies/rules.yaml:5:5) denies de-fra/small: production clusters need a standby',
      },
    ]);
  });

  it('lets an exception lift a rule through its expiry day (UTC), and reports it expired from the next day on', () => {
    const { policy } = compile([ha], [anException('prod-is-ha', 'de-fra/small', '2026-06-15')]);
    const clusters = [prod('small', 1)];
    const today = judgePolicy(policy, { clusters, nowMs: Date.parse('2026-06-15T23:59:59Z') });
    expect(today.findings[0]).toMatchObject({ outcome: 'excepted', exception: { expires: '2026-06-15' } });
    expect(today.expired).toEqual([]);
    const tomorrow = judgePolicy(policy, { clusters, nowMs: Date.parse('2026-06-16T00:00:00Z') });
    expect(tomorrow.findings[0]).toMatchObject({ outcome: 'denied', exception: { expires: '2026-06-15' } });
    expect(tomorrow.expired.map((e) => e.target)).toEqual(['de-fra/small']);
    expect(describeDenials(tomorrow)[0]!.message).toContain(
      'its exception (policies/rules.yaml:30:5, "migration, TICKET-1") expired on 2026-06-15',
    );
    expect(isExpired({ expires: '2026-06-15' }, Date.parse('2026-06-15T00:00:00Z'))).toBe(false);
  });

  it('warns for warn rules, and counts an expression that fails to run as failed, saying why', () => {
    const { policy } = compile([
      aRule('retention', 'cluster.spec.backup.retentionDays >= 14', { severity: 'warn' }),
      aRule('restore', 'cluster.spec.restoreFromBackup.sourceBackupId != ""', { severity: 'warn' }),
    ]);
    const report = judgePolicy(policy, { clusters: [prod('small', 1)], nowMs: NOW });
    expect(report.findings.map((f) => [f.rule, f.outcome, f.message])).toEqual([
      [
        'restore',
        'warned',
        'could not be evaluated: No such key: restoreFromBackup (use has() for fields a cluster may not have)',
      ],
      ['retention', 'warned', 'cluster.spec.backup.retentionDays >= 14 is false'],
    ]);
  });

  it('judges rules on `change` only where a plan is made, on each change, without the password', () => {
    const { policy } = compile([
      aRule('no-delete', 'change.action != "delete"', { selector: { env: 'prod' } }),
      aRule('no-password', '!change.fields.exists(f, f.path == "credentials.password")'),
    ]);
    const doomed = {
      ...prod('doomed', 2),
      policy: { ensure: 'absent' as const, preventDestroy: false, allowReplace: false },
    };
    const fresh = prod('fresh', 2);
    const live = new Map([['de-fra' as const, [aLive(doomed, '00000000-0000-4000-8000-000000000001')]]]);
    const { plan } = planFor({ desired: [doomed, fresh], live });
    expect(plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual([
      'delete de-fra/doomed',
      'create de-fra/fresh',
    ]);
    // Without a plan, rules on `change` do not run.
    expect(judgePolicy(policy, { clusters: [doomed, fresh], nowMs: NOW }).findings).toEqual([]);
    const report = judgePolicy(policy, { clusters: [doomed, fresh], changes: plan.changes, nowMs: NOW });
    // The create passes both rules: its password field is never shown to rules.
    expect(report.findings.map((f) => [f.rule, f.address, f.on, f.message])).toEqual([
      ['no-delete', 'de-fra/doomed', 'change', 'change.action != "delete" is false (delete)'],
    ]);
  });
});
