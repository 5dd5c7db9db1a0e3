import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClusterRead, Region } from '../../../src/api/types.js';
import { loadDesiredFleet } from '../../../src/desired/index.js';
import { judgePolicy } from '../../../src/policy/judge.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../../src/render/index.js';
import { planFor } from '../../helpers/builders.js';
import { ROOT } from '../../helpers/run-cli.js';
import { compileSchema, describeErrors } from './load-schema.js';

const EXAMPLES = join(ROOT, 'examples');
const WORKFLOWS = join(EXAMPLES, 'github');
const SCHEMA = join(ROOT, 'schemas', 'cluster.schema.json');
// A fleet's files leave fields to Defaults and hold other kinds: they use the schema for every kind of document.
const FLEET = join(EXAMPLES, 'fleet');
const FLEET_SCHEMA = join(ROOT, 'schemas', 'fleet.schema.json');

function listYaml(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listYaml(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

// The workflows in examples/github/ are tested in test/unit/github/examples.test.ts.
const specFiles = listYaml(EXAMPLES).filter((file) => !file.startsWith(WORKFLOWS));

describe('examples', () => {
  it('has spec files', () => {
    expect(specFiles.length).toBeGreaterThanOrEqual(3);
  });

  it.each(specFiles.map((file) => relative(ROOT, file)))(
    '%s starts with a $schema comment that resolves to the schema',
    (file) => {
      const first = readFileSync(join(ROOT, file), 'utf8').split('\n')[0]!;
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(match, first).not.toBeNull();
      const expected = join(ROOT, file).startsWith(FLEET) ? FLEET_SCHEMA : SCHEMA;
      expect(resolve(dirname(join(ROOT, file)), match![1]!)).toBe(expected);
    },
  );
});

describe('examples/fleet', () => {
  it('loads, and plans with values from Defaults and a policy section in every format (the JSON fits the schema)', async () => {
    const fleet = await loadDesiredFleet(['examples/fleet'], { cwd: ROOT });
    expect(fleet.clusters.map((c) => c.address)).toEqual([
      'es-vit/billing-prod',
      'de-fra/orders-dev',
      'de-fra/orders-prod',
    ]);
    expect(fleet.policy?.rules.map((r) => `${r.name}:${r.on}`)).toEqual([
      'prod-is-ha:cluster',
      'prod-keeps-backups:cluster',
      'no-destroy-in-prod:change',
      'has-an-owner:cluster',
    ]);
    const live = new Map<Region, ClusterRead[]>([
      ['de-fra', []],
      ['es-vit', []],
    ]);
    const { plan, issues } = planFor({ desired: fleet.clusters, live, now: '2030-01-01T00:00:00.000Z' });
    expect(issues).toEqual([]);
    const policy = judgePolicy(fleet.policy!, {
      clusters: fleet.clusters,
      changes: plan.changes,
      nowMs: Date.parse(plan.createdAt),
    });
    const judged = { ...plan, policy };
    expect(policy.findings.map((f) => `${f.address} ${f.rule} ${f.outcome}`)).toEqual([
      'de-fra/orders-dev has-an-owner excepted',
    ]);
    const json = JSON.parse(renderPlanJson(judged));
    const validate = compileSchema('plan.schema.json');
    expect(validate(json), describeErrors(validate)).toBe(true);
    const count = json.changes
      .find((c: { address: string }) => c.address === 'de-fra/orders-prod')
      .fields.find((f: { path: string }) => f.path === 'instances.count');
    expect(count.from).toEqual({
      defaults: 'production',
      file: 'examples/fleet/defaults/prod.yaml',
      line: 13,
      col: 12,
    });
    const text = renderPlanText(judged, { color: false });
    expect(text).toContain('+ count: 3 (from Defaults production, examples/fleet/defaults/prod.yaml:13)');
    expect(text).toContain('Policy: 4 rules; 1 exception applied:');
    const markdown = renderPlanMarkdown(judged, { color: false });
    expect(markdown).toContain('#### Policy');
    expect(markdown).toContain('_(from Defaults production, `examples/fleet/defaults/prod.yaml:13`)_');
    expect(validate({ ...json, policy: { ...json.policy, findings: [{ rule: 'x' }] } })).toBe(false);
  });
});
