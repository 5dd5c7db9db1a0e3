import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { CliIo } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { commandLineFor, MARKERS } from '../../../src/github/command-line.js';
import { readInputs } from '../../../src/github/inputs.js';
import { ROOT } from '../../helpers/run-cli.js';

const WORKFLOWS = join(ROOT, 'examples', 'github');
const files = readdirSync(WORKFLOWS).filter((file) => file.endsWith('.yml'));

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

/** The pgensure action's steps of a workflow, with the inputs each passes. */
function actionSteps(file: string): Step[] {
  const workflow = parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
  return Object.values(workflow.jobs).flatMap((job) => job.steps.filter((step) => /\/pgensure@/.test(step.uses ?? '')));
}

/** The argv the action runs for a step's inputs (`${{ … }}` values replaced by `resolved`). */
function argvOf(step: Step, resolved: Record<string, string> = {}): string[] {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...step.with, ...resolved })) {
    env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] = String(value);
  }
  return commandLineFor(readInputs(env)).argv;
}

/** apply.yml's step inputs come from the script before it: one set for a merged PR, one for a push without. */
const APPLY_VARIANTS = [
  { 'plan-file': 'reviewed/pgensure-plan.json', path: '' },
  { 'plan-file': '', path: 'clusters' },
];

function everyArgv(): string[][] {
  return files.flatMap((file) =>
    actionSteps(file).flatMap((step) =>
      file === 'apply.yml' ? APPLY_VARIANTS.map((variant) => argvOf(step, variant)) : [argvOf(step)],
    ),
  );
}

function helpOf(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const write = (chunk: string) => {
    out += chunk;
    return true;
  };
  const capture = { write } as unknown as NodeJS.WritableStream;
  const sink = { write: () => true } as unknown as NodeJS.WritableStream;
  const io: CliIo = { stdout: capture, stderr: sink, stdin: process.stdin, env: {}, cwd: ROOT };
  return main([...argv, '--help'], io).then((code) => ({ code, out }));
}

describe('examples/github workflows', () => {
  it('are the four workflows, each valid YAML with triggers and jobs', () => {
    expect(files.sort()).toEqual(['apply.yml', 'drift.yml', 'plan.yml', 'status.yml']);
    for (const file of files) {
      const docs = parseAllDocuments(readFileSync(join(WORKFLOWS, file), 'utf8'));
      expect(docs).toHaveLength(1);
      expect(docs[0]!.errors).toEqual([]);
      expect(Object.keys(docs[0]!.toJS())).toEqual(expect.arrayContaining(['name', 'on', 'jobs']));
    }
  });

  it('run pgensure through the action, never with `npx pgensure` or a script of their own', () => {
    for (const file of files) {
      expect(actionSteps(file).length, file).toBeGreaterThan(0);
      expect(readFileSync(join(WORKFLOWS, file), 'utf8'), file).not.toMatch(/npx pgensure|github-script/);
    }
  });

  it("give apply.yml's action step exactly the outputs its script writes", () => {
    const script = parse(readFileSync(join(WORKFLOWS, 'apply.yml'), 'utf8')).jobs.apply.steps.find(
      (step: Step & { id?: string }) => step.id === 'reviewed',
    ).run as string;
    expect(script).toContain('echo "plan-file=reviewed/pgensure-plan.json" >> "$GITHUB_OUTPUT"');
    expect(script).toContain('echo "path=clusters" >> "$GITHUB_OUTPUT"');
  });

  it('make pgensure command lines the CLI accepts, with --format values the command offers', async () => {
    const argvs = everyArgv();
    expect(new Set(argvs.map((argv) => argv[0]))).toEqual(new Set(['plan', 'apply', 'drift', 'status']));
    for (const argv of argvs) {
      // --help parses every flag strictly (an unknown flag or a missing value fails) and then prints the help.
      const { code, out } = await helpOf(argv);
      expect(code, argv.join(' ')).toBe(0);
      expect(out).toMatch(new RegExp(`^Usage: pgensure ${argv[0]}`));
      if (argv.includes('--format')) {
        expect(out, argv.join(' ')).toMatch(new RegExp(`--format [a-z|]*\\b${argv[argv.indexOf('--format') + 1]}\\b`));
      }
    }
  });

  it('make exactly the command lines their README lists', () => {
    const readme = readFileSync(join(WORKFLOWS, 'README.md'), 'utf8');
    const block = /## The commands they run[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    const documented = block
      .split('\n')
      .filter((line) => line.startsWith('pgensure '))
      .map((line) => line.replace(/\s+#.*$/, '').trim());
    expect(everyArgv().map((argv) => `pgensure ${argv.join(' ')}`)).toEqual(expect.arrayContaining(documented));
    expect(documented).toHaveLength(new Set(everyArgv().map((argv) => argv.join(' '))).size);
  });

  it("use only flags the main README documents (status's once the README has it)", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const argv of everyArgv().filter((argv) => readme.includes(`pgensure ${argv[0]}`) || argv[0] !== 'status')) {
      expect(readme, argv.join(' ')).toContain(`pgensure ${argv[0]}`);
      for (const flag of argv.filter((arg) => arg.startsWith('--')))
        expect(readme, `${flag} in README.md`).toContain(flag);
    }
  });

  it('rely on the markers the renderers write', async () => {
    const { MARKDOWN_MARKER } = await import('../../../src/render/index.js');
    const { DRIFT_MARKDOWN_MARKER, STATUS_MARKDOWN_MARKER } = await import('../../../src/render/index.js');
    expect(MARKERS.plan).toBe(MARKDOWN_MARKER);
    expect(MARKERS.drift).toBe(DRIFT_MARKDOWN_MARKER);
    expect(MARKERS.status).toBe(STATUS_MARKDOWN_MARKER);
  });
});
