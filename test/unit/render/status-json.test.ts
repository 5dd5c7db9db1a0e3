import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { formatsOf, renderReport, renderStatusJson } from '../../../src/render/index.js';
import { ROOT } from '../../helpers/run-cli.js';
import { aMixedReport } from '../status/builders.js';

function compileStatusSchema() {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats.default(ajv, ['date-time']);
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas/status.schema.json'), 'utf8')));
}

describe('renderStatusJson', () => {
  it('writes what schemas/status.schema.json describes, for every kind of entry', () => {
    const validate = compileStatusSchema();
    const json = JSON.parse(renderStatusJson(aMixedReport()));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(new Set(json.clusters.map((c: { health: string }) => c.health))).toEqual(
      new Set(['healthy', 'unhealthy', 'absent']),
    );
    expect(
      new Set(json.clusters.flatMap((c: { problems: { kind: string }[] }) => c.problems.map((p) => p.kind))),
    ).toEqual(new Set(['missing', 'state', 'no-active-backup', 'stale-recovery-point']));
  });

  it('is refused by the schema when a field is missing or unknown (the schema can fail)', () => {
    const validate = compileStatusSchema();
    const json = JSON.parse(renderStatusJson(aMixedReport()));
    delete json.clusters[0].recoveryWindow;
    expect(validate(json)).toBe(false);
    const extra = JSON.parse(renderStatusJson(aMixedReport()));
    extra.clusters[1].surprise = true;
    expect(validate(extra)).toBe(false);
  });

  it('keeps the published key order, 2-space indent and a trailing newline', () => {
    const text = renderStatusJson(aMixedReport());
    expect(text.endsWith('}\n')).toBe(true);
    const json = JSON.parse(text);
    expect(Object.keys(json)).toEqual([
      'formatVersion',
      'kind',
      'createdAt',
      'maxRecoveryAgeMs',
      'regions',
      'healthy',
      'clusters',
      'summary',
    ]);
    expect(Object.keys(json.clusters[0]).slice(0, 8)).toEqual([
      'address',
      'region',
      'name',
      'id',
      'source',
      'ensure',
      'exists',
      'health',
    ]);
  });

  it('is registered with text, json and markdown', () => {
    expect(formatsOf('status')).toEqual(['text', 'json', 'markdown']);
    expect(renderReport('status', 'json', aMixedReport(), { color: false })).toBe(renderStatusJson(aMixedReport()));
  });
});
