import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleDrift } from '../../../src/drift/index.js';
import { renderDriftGithub, renderDriftJson, renderDriftMarkdown, renderDriftText } from '../../../src/render/index.js';
import { DRIFT_FIXTURES, listScenarios, loadScenario } from './scenario.js';

// Goldens: regenerate with `npx vitest run --project unit test/unit/drift -u` and review the diff.
describe.each(listScenarios())('drift scenario %s', (scenario) => {
  const file = (name: string) => join(DRIFT_FIXTURES, scenario, name);

  it('assembles without binding issues and renders JSON equal to report.json', async () => {
    const { report, issues } = assembleDrift(await loadScenario(scenario));
    expect(issues).toEqual([]);
    await expect(renderDriftJson(report)).toMatchFileSnapshot(file('report.json'));
  });

  it('renders text equal to expected.txt', async () => {
    const { report } = assembleDrift(await loadScenario(scenario));
    await expect(renderDriftText(report, { color: false })).toMatchFileSnapshot(file('expected.txt'));
  });

  it('renders Markdown equal to expected.md', async () => {
    const { report } = assembleDrift(await loadScenario(scenario));
    await expect(renderDriftMarkdown(report, { color: false })).toMatchFileSnapshot(file('expected.md'));
  });

  it('renders GitHub annotations equal to expected.github.txt', async () => {
    const { report } = assembleDrift(await loadScenario(scenario));
    await expect(renderDriftGithub(report)).toMatchFileSnapshot(file('expected.github.txt'));
  });

  it('renders the stored report.json (as another tool would read it) to the same goldens', () => {
    const stored = JSON.parse(readFileSync(file('report.json'), 'utf8'));
    expect(renderDriftText(stored, { color: false })).toBe(readFileSync(file('expected.txt'), 'utf8'));
    expect(renderDriftMarkdown(stored, { color: false })).toBe(readFileSync(file('expected.md'), 'utf8'));
  });
});
