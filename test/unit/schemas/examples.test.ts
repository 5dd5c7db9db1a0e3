import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { CliIo } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { ROOT } from '../../helpers/run-cli.js';

const EXAMPLES = join(ROOT, 'examples');
const WORKFLOWS = join(EXAMPLES, 'github');
const SCHEMA = join(ROOT, 'schemas', 'cluster.schema.json');

function listYaml(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listYaml(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

const specFiles = listYaml(EXAMPLES).filter((file) => !file.startsWith(WORKFLOWS));
const workflowFiles = listYaml(WORKFLOWS);

/** Every `npx pgensure ...` command line in a workflow's `run:` scripts, as argv (matrix values filled in). */
function extractCommands(file: string): string[][] {
  const commands: string[][] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'run' && typeof value === 'string') commands.push(...commandsIn(value));
        else visit(value);
      }
    }
  };
  visit(parseAllDocuments(readFileSync(file, 'utf8'))[0]!.toJS());
  return commands;
}

function commandsIn(script: string): string[][] {
  return script
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .flatMap((line) => {
      const match = /npx pgensure (.*)$/.exec(line);
      if (!match) return [];
      const command = match[1]!.split(/ (?:>|\||;|&&|#) /)[0]!.replace(/\$\{\{\s*matrix\.region\s*\}\}/g, 'de-fra');
      return [command.trim().split(/\s+/)];
    });
}

function captureIo(): { io: CliIo; out: () => string } {
  let stdout = '';
  const sink = { write: () => true } as unknown as NodeJS.WritableStream;
  const capture = {
    write: (chunk: string) => {
      stdout += chunk;
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  const io: CliIo = { stdout: capture, stderr: sink, stdin: process.stdin, env: {}, cwd: ROOT };
  return { io, out: () => stdout };
}

describe('examples', () => {
  it('has spec files', () => {
    expect(specFiles.length).toBeGreaterThanOrEqual(3);
  });

  it.each(specFiles.map((file) => relative(ROOT, file)))(
    '%s starts with a $schema comment that resolves to the schema',
    (file) => {
      const first = readFileSync(join(ROOT, file), 'utf8').split('\n')[0]!;
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(match, first).not.toBeNull();
      expect(resolve(dirname(join(ROOT, file)), match![1]!)).toBe(SCHEMA);
    },
  );
});

describe('examples/github workflows', () => {
  it('has the three workflows', () => {
    expect(workflowFiles.map((file) => relative(WORKFLOWS, file)).sort()).toEqual([
      'apply.yml',
      'drift.yml',
      'plan.yml',
    ]);
  });

  it.each(workflowFiles.map((file) => relative(ROOT, file)))('%s is valid YAML with triggers and jobs', (file) => {
    const docs = parseAllDocuments(readFileSync(join(ROOT, file), 'utf8'));
    expect(docs).toHaveLength(1);
    expect(docs[0]!.errors).toEqual([]);
    const workflow = docs[0]!.toJS() as Record<string, unknown>;
    expect(Object.keys(workflow)).toEqual(expect.arrayContaining(['name', 'on', 'jobs']));
  });

  it('run pgensure commands the CLI accepts, with --format values the command offers', async () => {
    const commands = workflowFiles.flatMap(extractCommands);
    expect(commands.map((argv) => argv[0])).toEqual(expect.arrayContaining(['validate', 'plan', 'apply', 'drift']));
    for (const argv of commands) {
      // --help parses every flag strictly (an unknown flag or a missing value fails) and then prints the help.
      const { io, out } = captureIo();
      expect(await main([...argv, '--help'], io), argv.join(' ')).toBe(0);
      expect(out()).toMatch(new RegExp(`^Usage: pgensure ${argv[0]}`));
      const format = argv[argv.indexOf('--format') + 1];
      if (argv.includes('--format'))
        expect(out(), argv.join(' ')).toMatch(new RegExp(`--format [a-z|]*\\b${format}\\b`));
    }
  });

  it('use exactly the commands their README documents, with flags the main README documents', () => {
    const readme = readFileSync(join(WORKFLOWS, 'README.md'), 'utf8');
    const documented = new Set(commandsIn(readme).map((argv) => argv.join(' ')));
    const used = new Set(workflowFiles.flatMap(extractCommands).map((argv) => argv.join(' ')));
    expect([...used].sort()).toEqual([...documented].sort());
    const mainReadme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const argv of workflowFiles.flatMap(extractCommands)) {
      expect(mainReadme, argv.join(' ')).toContain(`pgensure ${argv[0]}`);
      for (const flag of argv.filter((arg) => arg.startsWith('--')))
        expect(mainReadme, `${flag} in README.md`).toContain(flag);
    }
  });

  it('find the comment and the issue by the markers the renderers write', async () => {
    const { MARKDOWN_MARKER } = await import('../../../src/render/index.js');
    const { DRIFT_MARKDOWN_MARKER } = await import('../../../src/render/index.js');
    expect(readFileSync(join(WORKFLOWS, 'plan.yml'), 'utf8')).toContain(`'${MARKDOWN_MARKER}'`);
    expect(readFileSync(join(WORKFLOWS, 'drift.yml'), 'utf8')).toContain(`'${DRIFT_MARKDOWN_MARKER}'`);
  });
});
