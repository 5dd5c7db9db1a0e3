import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { DEMO_PASSWORDS } from '../helpers/workspace.js';

const TOKEN = 'e2e-fleet-token-8d2e61';
const APPLY = ['--auto-approve', '--poll-interval', '50ms'];
const world = useE2eWorld(TOKEN, { env: DEMO_PASSWORDS });
const writes = () => world.emulator.requests.filter((r) => r.method !== 'GET');

/** A scratch fleet under the workspace: `fleet/<file>`, written fresh for each test. */
const FLEET = 'fleet';
function write(file: string, lines: string[]): void {
  const path = join(world.ws.dir, FLEET, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** The 1-based line of `needle` in a fleet file (so assertions do not hard-code line numbers). */
function lineOf(file: string, needle: string): number {
  const lines = readFileSync(join(world.ws.dir, FLEET, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`${needle} is not in ${file}`);
  return index + 1;
}

/**
 * A cluster that leaves backup.retentionDays unset (Defaults, or the built-in 7 days, fill it), and instances.count
 * too unless `count` is given.
 */
function cluster(name: string, env: string, extra: string[] = [], count?: number): string[] {
  const size = count === undefined ? '' : `count: ${count}, `;
  return [
    'apiVersion: pgensure/v1',
    'kind: PostgresCluster',
    'metadata:',
    `  name: ${name}`,
    '  region: de-fra',
    `  labels: { env: ${env}, team: payments }`,
    'spec:',
    '  version: "16"',
    `  instances: { ${size}cores: 2, ram: 4, storageSize: 20 }`,
    '  connection: { datacenterId: 5a029f4a-72e5-11ec-90d6-0242ac120003, lanId: "2", primaryInstanceAddress: 192.168.1.10/24 }',
    '  backup: { location: eu-central-3 }',
    '  credentials: { username: app, database: app, password: { fromEnv: PGENSURE_DEMO_ORDERS_PASSWORD } }',
    ...extra,
  ];
}

const PROD_DEFAULTS = [
  'apiVersion: pgensure/v1',
  'kind: Defaults',
  'metadata: { name: production }',
  'selector: { matchLabels: { env: prod } }',
  'spec:',
  '  instances: { count: 3 }',
  '  backup: { retentionDays: 30 }',
];

function policy(rules: string[], exceptions: string[] = []): string[] {
  return [
    'apiVersion: pgensure/v1',
    'kind: Policy',
    'metadata: { name: production-rules }',
    'rules:',
    ...rules,
    ...(exceptions.length > 0 ? ['exceptions:', ...exceptions] : []),
  ];
}

const PROD_IS_HA = [
  '  - name: prod-is-ha',
  '    selector: { matchLabels: { env: prod } }',
  '    expression: cluster.spec.instances.count >= 2',
  '    message: production clusters need a standby',
  '    severity: deny',
];

const NO_DELETE_IN_PROD = [
  '  - name: no-delete-in-prod',
  '    selector: { matchLabels: { env: prod } }',
  '    expression: change.action != "delete"',
  '    message: production clusters are not deleted by a pipeline',
];

describe('Defaults', () => {
  it('gives a prod cluster count 3 and retentionDays 30 (the PUT body says so), leaves dev alone, and show says where from', async () => {
    write('defaults/prod.yaml', PROD_DEFAULTS);
    write('clusters/pay-prod.yaml', cluster('pay-prod', 'prod'));
    write('clusters/pay-dev.yaml', cluster('pay-dev', 'dev', [], 1));

    const plan = await world.cli(['plan', FLEET, '--format', 'json']);
    expect(plan.code, plan.stderr).toBe(0);
    const planned = JSON.parse(plan.stdout) as Plan;
    const prod = planned.changes.find((c) => c.address === 'de-fra/pay-prod')!;
    const count = prod.fields.find((f) => f.path === 'instances.count')!;
    expect(count).toMatchObject({
      after: 3,
      from: { defaults: 'production', file: `${FLEET}/defaults/prod.yaml`, line: 6 },
    });
    expect(prod.fields.find((f) => f.path === 'backup.retentionDays')).toMatchObject({ after: 30, defaulted: false });
    const text = await world.cli(['plan', FLEET]);
    expect(text.stdout).toContain(`+ count: 3 (from Defaults production, ${FLEET}/defaults/prod.yaml:6)`);

    const apply = await world.cli(['apply', FLEET, ...APPLY]);
    expect(apply.code, apply.stderr).toBe(0);
    const bodies = new Map(
      writes().map((r) => {
        const properties = (r.body as { properties: Record<string, Record<string, unknown>> }).properties;
        return [properties['name'] as unknown as string, properties];
      }),
    );
    expect(bodies.get('pay-prod')!['instances']).toMatchObject({ count: 3 });
    expect(bodies.get('pay-prod')!['backup']).toEqual({ location: 'eu-central-3', retentionDays: 30 });
    expect(bodies.get('pay-dev')!['instances']).toMatchObject({ count: 1 });
    expect(bodies.get('pay-dev')!['backup']).toEqual({ location: 'eu-central-3', retentionDays: 7 });
    // Labels are pgensure's own: in no request body, under no name.
    for (const request of world.emulator.requests) {
      const body = JSON.stringify(request.body ?? '');
      expect(body).not.toContain('labels');
      expect(body).not.toContain('payments');
    }

    const show = await world.cli(['show', FLEET, '--target', 'de-fra/pay-prod']);
    expect(show.code, show.stderr).toBe(0);
    const at = (needle: string) =>
      `${FLEET}/defaults/prod.yaml:${lineOf('defaults/prod.yaml', needle)} (Defaults production)`;
    expect(show.stdout).toMatch(new RegExp(`\\n    count: 3 +# ${escapeRegExp(at('count: 3'))}\\n`));
    expect(show.stdout).toMatch(new RegExp(`\\n    retentionDays: 30 +# ${escapeRegExp(at('retentionDays: 30'))}\\n`));
    expect(show.stdout).toMatch(/\n {2}replicationMode: ASYNCHRONOUS +# built-in default\n/);
    expect(show.stdout).toMatch(
      new RegExp(`\\n    cores: 2 +# ${escapeRegExp(`${FLEET}/clusters/pay-prod.yaml:9`)}\\n`),
    );
    expect(show.stdout).toContain('password: { fromEnv: PGENSURE_DEMO_ORDERS_PASSWORD }');
    expect(show.stdout).not.toContain(DEMO_PASSWORDS.PGENSURE_DEMO_ORDERS_PASSWORD);
  });

  it('refuses two Defaults that set one field for one cluster, naming both files and lines, with no request sent', async () => {
    write('defaults/prod.yaml', PROD_DEFAULTS);
    write('defaults/payments.yaml', [
      'apiVersion: pgensure/v1',
      'kind: Defaults',
      'metadata: { name: payments }',
      'selector: { matchLabels: { team: payments } }',
      'spec:',
      '  backup: { retentionDays: 14 }',
    ]);
    write('clusters/pay-prod.yaml', cluster('pay-prod', 'prod'));
    world.emulator.clearRequests();
    const run = await world.cli(['validate', FLEET]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `${FLEET}/defaults/payments.yaml:6:28: spec.backup.retentionDays: also set by Defaults "production" at ${FLEET}/defaults/prod.yaml:7:28 for cluster de-fra/pay-prod`,
    );
    expect(run.stderr).toContain(
      `${FLEET}/defaults/prod.yaml:7:28: spec.backup.retentionDays: also set by Defaults "payments" at ${FLEET}/defaults/payments.yaml:6:28`,
    );
    expect(world.emulator.requests).toEqual([]);
    const plan = await world.cli(['plan', FLEET]);
    expect(plan.code).toBe(1);
    expect(world.emulator.requests).toEqual([]);
  });
});

describe('Policy', () => {
  it('denies a prod cluster with one instance in validate, before any request; an exception lifts it until it expires', async () => {
    write('clusters/pay-prod.yaml', cluster('pay-prod', 'prod', [], 1));
    write('policies/rules.yaml', policy(PROD_IS_HA));
    world.emulator.clearRequests();
    const denied = await world.cli(['validate', FLEET]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain(
      `${FLEET}/clusters/pay-prod.yaml:2:1: policy rule prod-is-ha (${FLEET}/policies/rules.yaml:5:5) denies de-fra/pay-prod: production clusters need a standby`,
    );
    expect(denied.stdout).toContain('DENIED   de-fra/pay-prod: prod-is-ha: production clusters need a standby');
    expect(world.emulator.requests).toEqual([]);

    const exception = (expires: string) => [
      `  - { rule: prod-is-ha, target: de-fra/pay-prod, reason: "migration, TICKET-123", expires: ${expires} }`,
    ];
    write('policies/rules.yaml', policy(PROD_IS_HA, exception('2099-12-31')));
    const excepted = await world.cli(['validate', FLEET]);
    expect(excepted.code, excepted.stderr).toBe(0);
    expect(excepted.stdout).toContain(
      'excepted de-fra/pay-prod: prod-is-ha (exception until 2099-12-31: migration, TICKET-123)',
    );
    const plan = await world.cli(['plan', FLEET, '--format', 'json']);
    expect(plan.code, plan.stderr).toBe(0);
    const planned = JSON.parse(plan.stdout) as Plan;
    expect(planned.policy!.findings).toEqual([
      expect.objectContaining({
        rule: 'prod-is-ha',
        outcome: 'excepted',
        address: 'de-fra/pay-prod',
        exception: expect.objectContaining({ reason: 'migration, TICKET-123', expires: '2099-12-31' }),
      }),
    ]);
    const markdown = await world.cli(['plan', FLEET, '--format', 'markdown']);
    expect(markdown.stdout).toContain('| de-fra/pay-prod | prod-is-ha');
    expect(markdown.stdout).toContain('exception applied');

    write('policies/rules.yaml', policy(PROD_IS_HA, exception('2020-01-31')));
    world.emulator.clearRequests();
    const expired = await world.cli(['validate', FLEET]);
    expect(expired.code).toBe(1);
    expect(expired.stderr).toContain('its exception');
    expect(expired.stderr).toContain('expired on 2020-01-31');
    expect(expired.stdout).toContain('the exception to prod-is-ha ended 2020-01-31 and no longer applies');
    expect(world.emulator.requests).toEqual([]);
  });

  it('refuses a tombstone in prod at plan and at apply --plan, with zero writes', async () => {
    write('clusters/pay-prod.yaml', cluster('pay-prod', 'prod', [], 2));
    const created = await world.cli(['apply', FLEET, ...APPLY]);
    expect(created.code, created.stderr).toBe(0);
    write('clusters/pay-prod.yaml', cluster('pay-prod', 'prod', ['policy: { ensure: absent }'], 2));
    // Saved while no Policy forbade it; the Policy lands before the apply.
    const saved = await world.cli(['plan', FLEET, '--out', 'delete.json']);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain('will be deleted');
    write('policies/rules.yaml', policy(NO_DELETE_IN_PROD));
    world.emulator.clearRequests();

    const plan = await world.cli(['plan', FLEET]);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain('will be deleted'); // the reviewer still sees what was refused
    expect(plan.stdout).toContain('DENIED   de-fra/pay-prod: no-delete-in-prod');
    expect(plan.stderr).toContain(
      `policy rule no-delete-in-prod (${FLEET}/policies/rules.yaml:5:5) denies de-fra/pay-prod: production clusters are not deleted by a pipeline (delete)`,
    );
    expect(plan.stderr).toContain('the plan was refused');

    const apply = await world.cli(['apply', '--plan', 'delete.json', '--auto-approve']);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('policy rule no-delete-in-prod');
    const direct = await world.cli(['apply', FLEET, ...APPLY]);
    expect(direct.code).toBe(1);
    expect(direct.stderr).toContain('policy rule no-delete-in-prod');
    expect(writes()).toEqual([]);
    expect(world.emulator.listClusters().map((c) => c.properties.name)).toEqual(['pay-prod']);
  });

  it('reports a rule that does not compile, or names a field no cluster has, at the policy file’s line', async () => {
    write('clusters/pay-prod.yaml', cluster('pay-prod', 'prod', [], 2));
    write(
      'policies/rules.yaml',
      policy([
        '  - name: broken',
        '    expression: cluster.spec.instances.count >=',
        '  - name: misspelt',
        '    expression: cluster.spec.instance.count >= 2',
      ]),
    );
    const run = await world.cli(['validate', FLEET]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`${FLEET}/policies/rules\\.yaml:6:17: expression: rule broken: the expression does not compile: `),
    );
    expect(run.stderr).toContain(
      `${FLEET}/policies/rules.yaml:8:17: expression: rule misspelt: the expression does not compile: No such key: instance`,
    );
    expect(world.emulator.requests).toEqual([]);
  });
});

describe('--selector', () => {
  it('plans only the clusters whose labels match, and lists no unmanaged cluster (the plan is partial)', async () => {
    write('clusters/pay-prod.yaml', cluster('pay-prod', 'prod', [], 2));
    write('clusters/pay-dev.yaml', cluster('pay-dev', 'dev', [], 1));
    const applied = await world.cli(['apply', FLEET, ...APPLY, '--selector', 'env=dev']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(world.emulator.listClusters().map((c) => c.properties.name)).toEqual(['pay-dev']);
    // pay-dev is managed, just not selected: it must not be listed as unmanaged.
    const plan = await world.cli(['plan', FLEET, '--selector', 'env=prod', '--format', 'json']);
    expect(plan.code, plan.stderr).toBe(0);
    const planned = JSON.parse(plan.stdout) as Plan;
    expect(planned.changes.map((c) => c.address)).toEqual(['de-fra/pay-prod']);
    expect(planned.unmanaged).toEqual([]);
    expect(planned.inputs.selector).toEqual({ env: 'prod' });
    const none = await world.cli(['plan', FLEET, '--selector', 'env=qa']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no cluster matches --selector env=qa');
    const bad = await world.cli(['show', FLEET, '--selector', 'env']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--selector must be KEY=VALUE');
  });
});

describe('examples/fleet', () => {
  it('validates, shows and plans against the emulator, with the policy section in the JSON plan', async () => {
    const validate = await world.cli(['validate', 'examples/fleet']);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('Valid: 3 clusters');
    const plan = await world.cli(['plan', 'examples/fleet', '--format', 'json']);
    expect(plan.code, plan.stderr).toBe(0);
    const planned = JSON.parse(plan.stdout) as Plan;
    expect(planned.summary.create).toBe(3);
    expect(planned.policy).toMatchObject({ rules: 4, expired: [] });
    const show = await world.cli(['show', 'examples/fleet', '--format', 'json']);
    expect(JSON.parse(show.stdout).clusters).toHaveLength(3);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
