import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Region } from '../../src/api/types.js';
import type { RecordedRequest } from '../../src/emulator/index.js';
import type { StatusReport } from '../../src/status/index.js';
import { ROOT } from '../helpers/run-cli.js';
import { liveProperties, type SafetyWorld, type SpecOptions, startSafetyWorld } from '../helpers/safety-world.js';

const HOUR = 3_600_000;
let world: SafetyWorld;

beforeEach(async () => {
  world = await startSafetyWorld();
});
afterEach(async () => {
  await world.close();
});

/** A spec file and the live cluster it binds to (seeded AVAILABLE: its backup is active at once). */
function manage(o: SpecOptions): string {
  world.writeSpec(o);
  return world.emulator.seedCluster(o.region ?? 'de-fra', liveProperties(o)).id;
}

/** `GET /de-fra/clusters` for each recorded request. */
function described(requests: readonly RecordedRequest[]): string[] {
  return requests.map((r) => `${r.method} ${r.path}`);
}

function compileStatusSchema() {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats.default(ajv, ['date-time']);
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas/status.schema.json'), 'utf8')));
}

/** The table's lines of a text report: the header line up to the blank line after it. */
function tableOf(stdout: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('HEALTH'));
  return lines.slice(start, lines.indexOf('', start));
}

describe('pgensure status against the emulator', () => {
  it('names the FAILED cluster (with its message) and the one without a backup, shows the healthy one, reads two lists', async () => {
    const healthy = manage({ name: 'orders-prod' });
    const failed = manage({ name: 'billing-prod' });
    const bare = manage({ name: 'analytics' });
    world.emulator.failCluster('de-fra', failed, 'disk full on replica 2');
    world.emulator.removeBackup('de-fra', bare);
    world.emulator.clearRequests();

    const text = await world.cli(['status', 'specs']);
    expect(text.code, text.stderr).toBe(2);
    expect(text.stderr).toBe('');
    expect(text.stdout.startsWith('Problems:\n')).toBe(true);
    expect(text.stdout).toMatch(/^ {2}! de-fra\/billing-prod +FAILED: "disk full on replica 2"$/m);
    expect(text.stdout).toMatch(
      /^ {2}! de-fra\/analytics +no active backup: the API lists no backup for the cluster$/m,
    );
    expect(text.stdout).not.toMatch(/! de-fra\/orders-prod/);
    const row = tableOf(text.stdout).find((line) => line.includes('de-fra/orders-prod'))!;
    expect(row).toMatch(
      /^ok +de-fra\/orders-prod +AVAILABLE +16 +1 × 2c\/4GB\/20GB +eu-central-3 active +\d{4}-\d\d-\d\d \d\d:\d\d → now +pg-\w+\.postgresql\.de-fra\.ionos\.com$/,
    );
    expect(text.stdout).toContain(
      'Unhealthy: 2 of 3 managed clusters (1 not AVAILABLE, 1 without an active backup).\n',
    );

    // Lists only: one cluster list and one backup list for the region, never a GET per cluster or per backup. Each
    // list ends in a short page (3 clusters, 2 backups) this client has not yet seen the server fill, so the next offset is asked
    // once to prove the end (a silent page cap would otherwise hide clusters).
    const listed = world.emulator.requests.map((r) => `${r.method} ${r.path} ${r.query.offset}/${r.query.limit}`);
    expect(listed.sort()).toEqual([
      'GET /de-fra/backups 0/100',
      'GET /de-fra/backups 2/100', // analytics has no backup: 2 of them
      'GET /de-fra/clusters 0/100',
      'GET /de-fra/clusters 3/100',
    ]);

    const json = await world.cli(['status', 'specs', '--format', 'json']);
    expect(json.code, json.stderr).toBe(2);
    const report = JSON.parse(json.stdout) as StatusReport;
    const validate = compileStatusSchema();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.healthy).toBe(false);
    const byName = new Map(report.clusters.map((c) => [c.name, c]));
    expect(byName.get('orders-prod')).toMatchObject({
      id: healthy,
      health: 'healthy',
      backup: { isActive: true, latestRecoveryTargetTime: null },
      recoveryWindow: { latestIsNow: true, ageMs: 0 },
    });
    expect(byName.get('orders-prod')!.recoveryWindow!.earliest).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(byName.get('billing-prod')).toMatchObject({ state: 'FAILED', statusMessage: 'disk full on replica 2' });
    expect(byName.get('analytics')).toMatchObject({
      backups: 0,
      backup: null,
      problems: [{ kind: 'no-active-backup' }],
    });

    const markdown = await world.cli(['status', 'specs', '--format', 'markdown']);
    expect(markdown.code).toBe(2);
    expect(markdown.stdout.startsWith('<!-- pgensure-status -->\n### Unhealthy: 2 of 3 managed clusters')).toBe(true);
    expect(markdown.stdout).toContain('- **de-fra/billing-prod**: FAILED: "disk full on replica 2"\n');

    // Read-only, whatever the format: every request of the three runs was a list GET.
    expect(world.emulator.requests).toHaveLength(12); // 4 lists per run (each short last page confirmed)
    expect(world.writes()).toEqual([]);
  });

  it('--max-recovery-age 1h makes a cluster whose latest recovery point is 3 h old unhealthy; 24h does not', async () => {
    const stalled = manage({ name: 'reporting' });
    manage({ name: 'orders-prod' });
    world.emulator.stallBackup('de-fra', stalled, 3 * HOUR);

    const strict = await world.cli(['status', 'specs', '--max-recovery-age', '1h']);
    expect(strict.code, strict.stderr).toBe(2);
    expect(strict.stdout).toMatch(
      /^ {2}! de-fra\/reporting +latest recovery point \S+ is 3h old, older than --max-recovery-age 1h$/m,
    );
    expect(strict.stdout).toMatch(/^UNHEALTHY +de-fra\/reporting .* → \d{4}-\d\d-\d\d \d\d:\d\d \(3h ago\) /m);
    expect(strict.stdout).toContain('Unhealthy: 1 of 2 managed clusters (1 with a recovery point older than 1h).');

    const lenient = await world.cli(['status', 'specs']);
    expect(lenient.code, lenient.stdout).toBe(0);
    expect(lenient.stdout).toContain(
      'Healthy: all 2 managed clusters are AVAILABLE, with an active backup and a recovery point within 24h.',
    );
    const markdown = await world.cli(['status', 'specs', '--format', 'markdown', '--max-recovery-age', '4h']);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout.startsWith('<!-- pgensure-status -->\n### Healthy: all 2 managed clusters')).toBe(true);
  });

  it('keeps the table aligned with long names, pages every list, and reads only the regions the files use', async () => {
    const long = (i: number) => `orders-service-with-a-long-and-descriptive-name-replica-${String(i).padStart(3, '0')}`;
    const names = [long(1), long(2), 'db', long(3), 'x1'];
    for (const name of names) manage({ name });
    manage({ name: 'billing-staging', region: 'es-vit' });
    world.writeSpec({ name: 'new-service', region: 'es-vit' });
    world.writeSpec({ name: 'retired', ensure: 'absent' });
    world.emulator.clearRequests();

    const run = await world.cli(['status', 'specs'], { env: { PGENSURE_PAGE_SIZE: '2' } });
    expect(run.code, run.stderr).toBe(2); // es-vit/new-service is missing
    expect(run.stdout).toMatch(
      /^ {2}! es-vit\/new-service +missing: no live cluster in es-vit is named "new-service"/m,
    );
    const table = tableOf(run.stdout);
    expect(table).toHaveLength(9);
    const starts = [...table[0]!.matchAll(/(?<= {2})\S/g)].map((match) => match.index!);
    expect(starts).toHaveLength(7);
    for (const line of table.slice(1)) {
      for (const start of starts) expect([...line].slice(start - 2, start + 1).join(''), line).toMatch(/^ {2}\S$/);
    }
    // Long names are cut in the middle in the table (both ends kept), and stay apart.
    expect(table.filter((line) => / de-fra\/orders-servic…[a-z-]*-replica-00[123] /.test(line)).length).toBe(3);
    expect(run.stdout).toMatch(/^absent +de-fra\/retired +gone /m);

    // de-fra: 5 clusters in pages of 2 (3 pages: the short last page is below the 2 served, so it proves the end),
    // 5 backups (3 pages); es-vit: 1 of each (1 short page and the request at the next offset that proves the end).
    const paths = described(world.emulator.requests);
    expect(new Set(paths)).toEqual(
      new Set(['GET /de-fra/clusters', 'GET /de-fra/backups', 'GET /es-vit/clusters', 'GET /es-vit/backups']),
    );
    const count = (path: string) => paths.filter((p) => p === path).length;
    expect([count('GET /de-fra/clusters'), count('GET /de-fra/backups')]).toEqual([3, 3]);
    expect([count('GET /es-vit/clusters'), count('GET /es-vit/backups')]).toEqual([2, 2]);

    // --region narrows the documents, and with them the regions read.
    world.emulator.clearRequests();
    const esVit = await world.cli(['status', 'specs', '--region', 'es-vit', '--format', 'json']);
    expect(esVit.code).toBe(2);
    expect((JSON.parse(esVit.stdout) as StatusReport).regions).toEqual(['es-vit']);
    expect(new Set(world.emulator.requests.map((r) => r.region as Region))).toEqual(new Set(['es-vit']));
  });

  it('exits 1 with nothing on stdout on errors: no token, a bad duration, a region without documents', async () => {
    manage({ name: 'orders-prod' });
    const noToken = await world.cli(['status', 'specs'], { env: { IONOS_TOKEN: '' } });
    expect(noToken.code).toBe(1);
    expect(noToken.stdout).toBe('');
    expect(noToken.stderr).toContain('IONOS_TOKEN is not set');

    const badAge = await world.cli(['status', 'specs', '--max-recovery-age', 'a day']);
    expect(badAge.code).toBe(1);
    expect(badAge.stdout).toBe('');
    expect(badAge.stderr).toContain('--max-recovery-age must be a duration like 500ms, 30s, 5m or 1h (got "a day")');

    const emptyRegion = await world.cli(['status', 'specs', '--region', 'us-las']);
    expect(emptyRegion.code).toBe(1);
    expect(emptyRegion.stdout).toBe('');
    expect(emptyRegion.stderr).toContain('no spec document is in --region us-las');

    const badFormat = await world.cli(['status', 'specs', '--format', 'github']);
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain('--format must be one of text, json, markdown');
  });
});
