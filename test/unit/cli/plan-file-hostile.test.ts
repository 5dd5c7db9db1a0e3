import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSavedPlan } from '../../../src/cli/plan-file.js';
import { UsageError } from '../../../src/errors.js';
import { renderPlanJson } from '../../../src/render/index.js';
import { aDesired, aLive, planFor, TEST_INPUTS } from '../../helpers/builders.js';

const dir = mkdtempSync(join(tmpdir(), 'pgensure-plan-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real update plan as `plan --out` writes it, with `mutate` applied to its JSON text. */
function savedPlan(mutate: (plan: { changes: { fields: { after: unknown }[] }[] }) => void): string {
  const doc = aDesired({ name: 'orders', properties: { instances: { count: 1, cores: 4, ram: 4, storageSize: 20 } } });
  const live = new Map([
    [
      'de-fra',
      [
        aLive(doc, '00000000-0000-4000-8000-000000000001', {
          instances: { count: 1, cores: 2, ram: 4, storageSize: 20 },
        }),
      ],
    ],
  ] as const);
  const plan = JSON.parse(renderPlanJson(planFor({ desired: [doc], live, inputs: TEST_INPUTS }).plan));
  mutate(plan);
  const path = join(dir, 'plan.json');
  writeFileSync(path, JSON.stringify(plan));
  return path;
}

async function problemOf(path: string): Promise<string> {
  const error = await readSavedPlan(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
}

describe('readSavedPlan with hostile plan files (issue 15)', () => {
  it('reads the plan pgensure wrote', async () => {
    const plan = await readSavedPlan(savedPlan(() => {}));
    expect(plan.changes).toHaveLength(1);
  });

  it('refuses a value nested 5,000 deep where the schema allows any value (a field`s `after`)', async () => {
    const path = savedPlan((plan) => {
      plan.changes[0]!.fields[0]!.after = '@DEEP@';
    });
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    writeFileSync(path, (await import('node:fs')).readFileSync(path, 'utf8').replace('"@DEEP@"', deep));
    expect(await problemOf(path)).toMatch(/plan\.json: not a pgensure plan: nested more than 64 levels deep/);
  });

  it('refuses a FIFO-like special file and a NUL byte before parsing', async () => {
    expect(await problemOf('/dev/zero')).toMatch(/a device, not a regular file/);
    const path = join(dir, 'nul.json');
    writeFileSync(path, '{"formatVersion":\u00002}');
    expect(await problemOf(path)).toMatch(/nul\.json:1:\d+: a NUL byte/);
  });
});
