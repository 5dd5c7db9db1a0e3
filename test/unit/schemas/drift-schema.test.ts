import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DriftReport } from '../../../src/drift/index.js';
import { ROOT } from '../../helpers/run-cli.js';
import { compileSchema, describeErrors } from './load-schema.js';

const validate = compileSchema('drift.schema.json');
const FIXTURES = join(ROOT, 'test/fixtures/drift');
const SCENARIOS = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function readReport(scenario: string): DriftReport {
  return JSON.parse(readFileSync(join(FIXTURES, scenario, 'report.json'), 'utf8')) as DriftReport;
}

describe('schemas/drift.schema.json', () => {
  it.each(SCENARIOS)('accepts the report of scenario %s (made by assembleDrift, see test/unit/drift)', (scenario) => {
    const report = readReport(scenario);
    expect(validate(report), describeErrors(validate)).toBe(true);
  });

  it('refuses a changed cluster without fields, a missing one with fields, and unknown statuses', () => {
    const changed = readReport('console-edit');
    changed.drifted[0]!.fields = [];
    expect(validate(changed)).toBe(false);
    const missing = readReport('missing-and-exists');
    missing.drifted[0]!.fields = readReport('console-edit').drifted[0]!.fields;
    expect(validate(missing)).toBe(false);
    const unknown = readReport('console-edit');
    (unknown.drifted[0] as { status: string }).status = 'drifted';
    expect(validate(unknown)).toBe(false);
  });

  it('refuses other format versions and unknown keys', () => {
    const report = readReport('in-sync');
    expect(validate({ ...report, formatVersion: 2 })).toBe(false);
    expect(validate({ ...report, extra: 1 })).toBe(false);
    expect(validate({ ...report, summary: { ...report.summary, drifted: 1 } })).toBe(false);
  });
});
