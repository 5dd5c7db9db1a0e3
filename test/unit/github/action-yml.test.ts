import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_VARIABLES } from '../../../src/github/inputs.js';
import { ACTION_OUTPUTS } from '../../../src/github/publish.js';

const root = new URL('../../../', import.meta.url);
const text = readFileSync(new URL('action.yml', root), 'utf8');
const action = parse(text) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Array<{ id?: string; env?: Record<string, string>; run?: string }> };
};
const docs = readFileSync(new URL('docs/github-action.md', root), 'utf8');

/** Inputs the YAML itself uses (the step's directory, setup-node) rather than the module. */
const YAML_ONLY = ['working-directory', 'node-version'];

describe('action.yml', () => {
  it('refers only to inputs it declares', () => {
    const used = [...text.matchAll(/\$\{\{\s*inputs\.([\w-]+)/g)].map((m) => m[1]!);
    expect(used.filter((name) => !(name in action.inputs))).toEqual([]);
  });

  it('hands every input the module reads to it, under the variable the module reads', () => {
    const run = action.runs.steps.find((step) => step.id === 'run')!;
    const expected = Object.fromEntries(
      Object.entries(INPUT_VARIABLES).map(([input, variable]) => [variable, `\${{ inputs.${input} }}`]),
    );
    expect(run.env).toEqual(expected);
    expect(Object.keys(action.inputs).sort()).toEqual([...Object.keys(INPUT_VARIABLES), ...YAML_ONLY].sort());
  });

  it('never pastes an expression into a shell script', () => {
    for (const step of action.runs.steps) expect(step.run ?? '').not.toContain('${{');
  });

  it("maps every output the module writes, from the run step's output of the same name", () => {
    expect(Object.keys(action.outputs)).toEqual([...ACTION_OUTPUTS]);
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.value).toBe(`\${{ steps.run.outputs.${name} }}`);
    }
  });

  it('is documented in docs/github-action.md: every input and output, with its default', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      const row = docs.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, `docs row for input ${name}`).toBeDefined();
      if (input.default) expect(row).toContain(`\`${input.default}\``);
    }
    for (const name of Object.keys(action.outputs)) expect(docs).toContain(`| \`${name}\` |`);
  });
});
