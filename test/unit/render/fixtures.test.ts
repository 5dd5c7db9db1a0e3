import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../../src/render/index.js';
import { SCENARIOS } from './scenarios.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/render/', import.meta.url));

// Goldens: regenerate with `npx vitest run --project unit test/unit/render -u` and review the diff.
describe.each(Object.keys(SCENARIOS))('scenario %s', (scenario) => {
  const plan = SCENARIOS[scenario]!;
  const file = (name: string) => join(FIXTURES, scenario, name);

  it('renders JSON equal to plan.json', async () => {
    await expect(renderPlanJson(plan)).toMatchFileSnapshot(file('plan.json'));
  });

  it('renders text equal to expected.txt', async () => {
    await expect(renderPlanText(plan, { color: false })).toMatchFileSnapshot(file('expected.txt'));
  });

  it('renders Markdown equal to expected.md', async () => {
    await expect(renderPlanMarkdown(plan, { color: false })).toMatchFileSnapshot(file('expected.md'));
  });

  it('renders the stored plan.json (as another tool would read it) to the same goldens', () => {
    const stored = JSON.parse(readFileSync(file('plan.json'), 'utf8'));
    expect(renderPlanText(stored, { color: false })).toBe(readFileSync(file('expected.txt'), 'utf8'));
    expect(renderPlanMarkdown(stored, { color: false })).toBe(readFileSync(file('expected.md'), 'utf8'));
  });
});
