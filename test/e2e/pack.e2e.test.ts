import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  installTarball,
  packProject,
  packScratch,
  run,
  stageCleanCopy,
  startInstalledEmulator,
} from '../helpers/pack-project.js';
import { ROOT } from '../helpers/run-cli.js';
import { DEMO_PASSWORDS } from '../helpers/workspace.js';

// What a user gets from `npm pack` (and so from the registry): pack a clean copy of the project, as a fresh clone
// has it (no dist/), install the tarball into a new project, and run the CLI from there as a user would.
const scratch = packScratch();
let packed: { tarball: string; files: string[] };
let app: string;
const timings: Record<string, number> = {};

async function timed<T>(name: string, step: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await step();
  } finally {
    timings[name] = Math.round(performance.now() - start);
  }
}

beforeAll(async () => {
  const source = stageCleanCopy(scratch.dir);
  packed = await timed('pack (prepack builds)', () => packProject(source, scratch.dir));
  app = await timed('install the tarball', () => installTarball(packed.tarball, scratch.dir));
}, 180_000);

afterAll(() => {
  process.stderr.write(`pack test timings (ms): ${JSON.stringify(timings)}\n`);
  scratch.remove();
});

const npx = (args: string[], env: Record<string, string> = {}) => run('npx', ['pgensure', ...args], { cwd: app, env });

describe('the packed package', () => {
  it('ships the built CLI, the licence and what the README links to, and no sources or tests', () => {
    expect(packed.files).toEqual(expect.arrayContaining(['dist/cli/bin.js', 'LICENSE', 'README.md', 'package.json']));
    expect(packed.files).toContain('dist/desired/cluster-validator.generated.js');
    expect(packed.files.filter((file) => /^(src|test|bench|scripts)\//.test(file))).toEqual([]);
  });

  it('resolves every relative link of its Markdown inside the installed package', () => {
    const pkg = join(app, 'node_modules', 'pgensure');
    const broken: string[] = [];
    for (const doc of packed.files.filter((file) => file.endsWith('.md'))) {
      const text = readFileSync(join(pkg, doc), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue; // absolute: http(s), mailto
        if (!existsSync(join(pkg, dirname(doc), target!))) broken.push(`${doc} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('runs as `npx pgensure` from the installing project', async () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    const result = await timed('npx pgensure --version', () => npx(['--version']));
    expect(result).toMatchObject({ code: 0, stdout: `pgensure ${version}\n` });
  });

  it('validates a copy of examples/clusters taken from the package', async () => {
    cpSync(join(app, 'node_modules', 'pgensure', 'examples', 'clusters'), join(app, 'clusters'), { recursive: true });
    expect(readdirSync(join(app, 'clusters'))).toContain('orders-prod.yaml');
    const result = await timed('validate', () => npx(['validate', 'clusters']));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('plans against the emulator that the installed package starts', async () => {
    const emulator = await timed('start the emulator', () => startInstalledEmulator(app));
    try {
      expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\{region\}$/);
      const env = { PGENSURE_ENDPOINT: emulator.endpoint, IONOS_TOKEN: 'pack-test', ...DEMO_PASSWORDS };
      const result = await timed('plan', () => npx(['plan', 'clusters', '--detailed-exitcode'], env));
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/3 to create/);
      expect(result.code).toBe(2);
    } finally {
      await emulator.stop();
    }
  });
});
