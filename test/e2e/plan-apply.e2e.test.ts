import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { DEMO_PASSWORDS } from '../helpers/workspace.js';

const TOKEN = 'e2e-secret-token-5f1c9a';
const FILE_PASSWORD = readFileSync(join(ROOT, 'examples/clusters/secrets/analytics.password'), 'utf8').trim();
/** Where the example cluster specs live (examples/github/ holds CI workflows, which are not specs). */
const SPECS = 'examples/clusters';
const SECRETS = [TOKEN, FILE_PASSWORD, ...Object.values(DEMO_PASSWORDS)];

const writes = () => world.emulator.requests.filter((r) => r.method !== 'GET');
const APPLY = ['--auto-approve', '--poll-interval', '50ms'];
const world = useE2eWorld(TOKEN, { env: DEMO_PASSWORDS });

/** Every secret must stay out of everything a user or a CI log can see. */
function expectNoSecrets(...texts: string[]) {
  for (const text of texts) for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('validate', () => {
  it('reports every mistake in a directory with file:line:column, exits 1, and sends nothing', async () => {
    world.emulator.clearRequests();
    const fixture = join(ROOT, 'test/fixtures/desired/eight-mistakes');
    const run = await runCli(['validate', fixture], {
      cwd: ROOT,
      env: { IONOS_TOKEN: TOKEN, PGENSURE_ENDPOINT: world.emulator.endpointTemplate },
    });
    expect(run.code).toBe(1);
    const located = run.stderr
      .split('\n')
      .filter((line) => /^test\/fixtures\/desired\/eight-mistakes\/[\w-]+\.yaml:\d+:\d+: /.test(line));
    expect(located.length).toBeGreaterThanOrEqual(8);
    for (const needle of [
      'invalid YAML',
      'unknown key',
      'must be a string',
      'must be <= 62',
      'must be one of',
      'IPv4 CIDR',
      'duplicate address',
      'literal passwords are refused',
      'must be HH:MM:SS',
      'not a pgensure document',
    ]) {
      expect(run.stderr.toLowerCase(), needle).toContain(needle.toLowerCase());
    }
    expect(run.stdout).toBe('');
    expect(world.emulator.requests).toEqual([]);
  });

  it('accepts the examples', async () => {
    const run = await world.cli(['validate', SPECS]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Valid: 3 clusters');
  });
});

describe('plan and apply against the emulator', () => {
  it('creates the examples, converges, updates one field with a body equal to the plan, and stays secret-free', async () => {
    const plan1 = await world.cli(['plan', SPECS, '--format', 'json', '--out', 'plan.json', '--log-level', 'debug']);
    expect(plan1.code, plan1.stderr).toBe(0);
    const created = JSON.parse(plan1.stdout) as Plan;
    expect(created.summary).toEqual({ create: 3, update: 0, replace: 0, delete: 0, noop: 0 });
    expect(JSON.parse(readFileSync(join(world.ws.dir, 'plan.json'), 'utf8'))).toEqual(created);
    expect(plan1.stderr).not.toBe(''); // debug logs went to stderr, not into the JSON on stdout
    expect(writes()).toEqual([]);

    const apply1 = await world.cli(['apply', SPECS, ...APPLY, '--log-level', 'debug']);
    expect(apply1.code, apply1.stderr).toBe(0);
    expect(apply1.stdout).toContain('Apply complete! 3 created');
    expect(apply1.stderr).toContain('AVAILABLE');
    const clusters = world.emulator.listClusters();
    expect(clusters.map((c) => c.properties.name).sort()).toEqual(['analytics', 'billing-staging', 'orders-prod']);
    expect(clusters.every((c) => c.metadata.state === 'AVAILABLE')).toBe(true);
    const creates = writes();
    expect(creates.map((r) => r.method)).toEqual(['PUT', 'PUT', 'PUT']);

    const plan2 = await world.cli(['plan', SPECS, '--detailed-exitcode']);
    expect(plan2.code, plan2.stdout + plan2.stderr).toBe(0);
    expect(plan2.stdout).toContain('No changes.');

    world.ws.edit('orders-prod.yaml', 'cores: 4', 'cores: 8');
    const plan3 = await world.cli(['plan', SPECS, '--format', 'json', '--detailed-exitcode']);
    expect(plan3.code).toBe(2);
    const updatePlan = JSON.parse(plan3.stdout) as Plan;
    const update = updatePlan.changes.find((c) => c.action === 'update')!;
    expect(update.patch).toEqual([{ op: 'replace', path: '/instances/cores', value: 8 }]);
    world.emulator.clearRequests();
    const apply2 = await world.cli(['apply', SPECS, ...APPLY]);
    expect(apply2.code, apply2.stderr).toBe(0);
    const puts = writes();
    expect(puts).toHaveLength(1);
    const body = puts[0]!.body as {
      id: string;
      properties: Record<string, unknown> & { credentials: { password: string } };
    };
    expect(puts[0]!.path).toBe(`/de-fra/clusters/${update.id}`);
    expect(body.id).toBe(update.id);
    const { credentials, ...sent } = body.properties;
    const { credentials: ref, ...after } = update.after!;
    expect(sent).toEqual(after);
    expect(credentials).toEqual({
      username: ref.username,
      database: ref.database,
      password: DEMO_PASSWORDS.PGENSURE_DEMO_ORDERS_PASSWORD,
    });

    expectNoSecrets(
      plan1.stdout,
      plan1.stderr,
      apply1.stdout,
      apply1.stderr,
      plan3.stdout,
      apply2.stdout,
      apply2.stderr,
      readFileSync(join(world.ws.dir, 'plan.json'), 'utf8'),
    );
  });

  it('refuses an immutable change without allowReplace at plan time, at the line, and writes nothing', async () => {
    await world.cli(['apply', SPECS, ...APPLY]);
    world.emulator.clearRequests();
    world.ws.edit('billing-staging.yaml', /eu-central-3/, 'eu-south-2');
    for (const command of ['plan', 'apply']) {
      const run = await world.cli([command, SPECS, ...(command === 'apply' ? APPLY : [])]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /examples\/clusters\/billing-staging\.yaml:\d+:\d+: spec\.backup\.location: .*immutable.*allowReplace/,
      );
    }
    expect(writes()).toEqual([]);
  });

  it('never deletes a cluster whose file was removed: it is listed as unmanaged', async () => {
    await world.cli(['apply', SPECS, ...APPLY]);
    rmSync(join(world.ws.specs, 'analytics.yaml'));
    world.emulator.clearRequests();
    const plan = await world.cli(['plan', SPECS, '--format', 'json']);
    const parsed = JSON.parse(plan.stdout) as Plan;
    expect(parsed.unmanaged.map((u) => u.address)).toContain('de-fra/analytics');
    expect(parsed.changes.map((c) => c.address)).not.toContain('de-fra/analytics');
    const apply = await world.cli(['apply', SPECS, ...APPLY]);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('de-fra/analytics');
    expect(writes()).toEqual([]);
    expect(world.emulator.listClusters().some((c) => c.properties.name === 'analytics')).toBe(true);
  });

  it('refuses to apply without --auto-approve when stdin is not a terminal, and writes nothing', async () => {
    world.ws.edit('billing-staging.yaml', 'description: Billing (staging)', 'description: Billing (staging, renamed)');
    world.emulator.clearRequests();
    const run = await world.cli(['apply', SPECS]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--auto-approve');
    expect(writes()).toEqual([]);
  });

  it('fails before any write when a password variable is missing, naming the variable but no value', async () => {
    world.ws.edit('billing-staging.yaml', 'description: Billing (staging)', 'description: Billing (staging, v2)');
    world.emulator.clearRequests();
    const run = await world.cli(['apply', SPECS, ...APPLY], { PGENSURE_DEMO_BILLING_PASSWORD: '' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('PGENSURE_DEMO_BILLING_PASSWORD');
    expect(writes()).toEqual([]);
  });

  it('deletes a cluster only for policy.ensure: absent, and waits until it is gone', async () => {
    await world.cli(['apply', SPECS, ...APPLY]);
    const path = join(world.ws.specs, 'billing-staging.yaml');
    writeFileSync(path, `${readFileSync(path, 'utf8')}policy:\n  ensure: absent\n`);
    world.emulator.clearRequests();
    const run = await world.cli(['apply', SPECS, ...APPLY]);
    expect(run.code, run.stderr).toBe(0);
    expect(writes().map((r) => r.method)).toEqual(['DELETE']);
    expect(world.emulator.listClusters().some((c) => c.properties.name === 'billing-staging')).toBe(false);
  });

  it('needs IONOS_TOKEN for commands that talk to the API', async () => {
    const run = await runCli(['plan', SPECS], {
      cwd: world.ws.dir,
      env: { PGENSURE_ENDPOINT: world.emulator.endpointTemplate },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('IONOS_TOKEN is not set');
  });
});
