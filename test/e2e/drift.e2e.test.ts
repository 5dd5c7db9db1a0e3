import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Region } from '../../src/api/types.js';
import type { DriftReport } from '../../src/drift/index.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { DEMO_PASSWORDS } from '../helpers/workspace.js';

const TOKEN = 'e2e-drift-token-3c7e1b';
const SPECS = 'examples/clusters';
const APPLY = ['--auto-approve', '--poll-interval', '50ms'];
const world = useE2eWorld(TOKEN, { provisioningDelayMs: 50 });

function findCluster(region: Region, name: string) {
  const cluster = world.emulator.listClusters(region).find((c) => c.properties.name === name);
  if (!cluster) throw new Error(`no ${region}/${name} in the emulator`);
  return cluster;
}

function compileDriftSchema() {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats.default(ajv, ['date-time']);
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas/drift.schema.json'), 'utf8')));
}

describe('pgensure drift against the emulator', () => {
  it('finds a console edit (field and editor), sends only GETs, and is clean again after apply', async () => {
    const apply1 = await world.cli(['apply', SPECS, ...APPLY], DEMO_PASSWORDS);
    expect(apply1.code, apply1.stderr).toBe(0);

    const clean = await world.cli(['drift', SPECS]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('No drift: 3 managed clusters match their files.');

    const orders = findCluster('de-fra', 'orders-prod');
    world.emulator.editCluster(
      'de-fra',
      orders.id,
      (p) => ({ ...p, instances: { ...p.instances, cores: 8 } }),
      'alice@example.com',
    );
    world.emulator.clearRequests();

    const text = await world.cli(['drift', SPECS]);
    expect(text.code, text.stderr).toBe(2);
    expect(text.stdout).toContain('de-fra/orders-prod');
    expect(text.stdout).toContain('~ instances.cores: 4 → 8');
    expect(text.stdout).toMatch(/last modified by alice@example\.com at \d{4}-\d\d-\d\dT/);
    expect(text.stdout).toContain('Drift: 1 of 3 managed clusters differs from its file (1 changed).');

    const json = await world.cli(['drift', SPECS, '--format', 'json']);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout) as DriftReport;
    const validate = compileDriftSchema();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.drifted).toHaveLength(1);
    expect(report.drifted[0]).toMatchObject({
      address: 'de-fra/orders-prod',
      status: 'changed',
      id: orders.id,
      live: { lastModifiedBy: 'alice@example.com' },
    });
    expect(report.drifted[0]!.fields).toEqual([
      expect.objectContaining({
        path: 'instances.cores',
        desired: 4,
        live: 8,
        source: expect.objectContaining({ file: `${SPECS}/orders-prod.yaml` }),
      }),
    ]);

    const markdown = await world.cli(['drift', SPECS, '--format', 'markdown']);
    expect(markdown.code).toBe(2);
    expect(markdown.stdout.startsWith('<!-- pgensure-drift -->\n')).toBe(true);
    expect(markdown.stdout).toContain('| de-fra/orders-prod | changed: instances.cores | alice@example.com |');

    const github = await world.cli(['drift', SPECS, '--format', 'github']);
    expect(github.code).toBe(2);
    expect(github.stdout).toMatch(
      /^::warning file=examples\/clusters\/orders-prod\.yaml,line=\d+,col=\d+,title=pgensure drift%3A de-fra\/orders-prod changed::instances\.cores: 4 in the files, 8 live/m,
    );

    // Read-only: every request drift sent was a GET, and no password was needed.
    expect(world.emulator.requests.length).toBeGreaterThan(0);
    expect(world.emulator.requests.filter((r) => r.method !== 'GET')).toEqual([]);

    const apply2 = await world.cli(['apply', SPECS, ...APPLY], DEMO_PASSWORDS);
    expect(apply2.code, apply2.stderr).toBe(0);
    const after = await world.cli(['drift', SPECS]);
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout).toContain('No drift');
  });

  it('reports an immutable change (backup.location) instead of refusing it, and lists unmanaged clusters', async () => {
    expect((await world.cli(['apply', SPECS, ...APPLY], DEMO_PASSWORDS)).code).toBe(0);
    const billing = findCluster('es-vit', 'billing-staging');
    world.emulator.editCluster(
      'es-vit',
      billing.id,
      (p) => ({ ...p, backup: { ...p.backup, location: 'eu-south-2' } }),
      'bob@example.com',
    );
    const seeded = findCluster('de-fra', 'analytics');
    world.emulator.seedCluster(
      'de-fra',
      { ...seeded.properties, name: 'made-in-the-console' },
      { by: 'carol@example.com' },
    );

    const plan = await world.cli(['plan', SPECS]);
    expect(plan.code).toBe(1); // the planner refuses it ...
    const drift = await world.cli(['drift', SPECS, '--format', 'json']);
    expect(drift.code, drift.stderr).toBe(2); // ... drift only reports it
    const report = JSON.parse(drift.stdout) as DriftReport;
    const field = report.drifted.find((d) => d.address === 'es-vit/billing-staging')!.fields[0]!;
    expect(field).toMatchObject({
      path: 'backup.location',
      desired: 'eu-central-3',
      live: 'eu-south-2',
      immutable: true,
    });
    expect(report.unmanaged.map((u) => [u.address, u.lastModifiedBy])).toEqual([
      ['de-fra/made-in-the-console', 'carol@example.com'],
    ]);

    // --region limits the scan (and the unmanaged list) to that region.
    const esVit = JSON.parse(
      (await world.cli(['drift', SPECS, '--region', 'es-vit', '--format', 'json'])).stdout,
    ) as DriftReport;
    expect(esVit.regions).toEqual(['es-vit']);
    expect(esVit.unmanaged).toEqual([]);
  });

  it('reports a deleted cluster as missing, and exits 1 (nothing on stdout) on errors', async () => {
    expect((await world.cli(['apply', SPECS, ...APPLY], DEMO_PASSWORDS)).code).toBe(0);
    const billing = findCluster('es-vit', 'billing-staging');
    await fetch(`${world.emulator.url}/es-vit/clusters/${billing.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    // No wait needed: a DESTROYING cluster never matches a document by name.
    const missing = await world.cli(['drift', SPECS]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain('es-vit/billing-staging (no live cluster) missing');

    const noToken = await runCli(['drift', SPECS], {
      cwd: world.ws.dir,
      env: { PGENSURE_ENDPOINT: world.emulator.endpointTemplate },
    });
    expect(noToken.code).toBe(1);
    expect(noToken.stdout).toBe('');
    world.ws.edit('orders-prod.yaml', 'cores: 4', 'cores: 400');
    const invalid = await world.cli(['drift', SPECS, '--format', 'github']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(
      /^::error file=examples\/clusters\/orders-prod\.yaml,line=\d+,col=\d+::spec\.instances\.cores/m,
    );
    expect(invalid.stdout).toBe('');
  });
});
