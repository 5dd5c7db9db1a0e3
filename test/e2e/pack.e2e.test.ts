import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
import { FakeGitHub, TOKEN } from '../unit/github/fake-github.js';

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
  cpSync(join(app, 'node_modules', 'pgensure', 'examples', 'clusters'), join(app, 'clusters'), { recursive: true });
}, 180_000);

afterAll(() => {
  process.stderr.write(`pack test timings (ms): ${JSON.stringify(timings)}\n`);
  scratch.remove();
});

const npx = (args: string[], env: Record<string, string> = {}) => run('npx', ['pgensure', ...args], { cwd: app, env });

describe('the packed package', () => {
  it('ships the built CLI, the licence and what the README links to, and no sources or tests', () => {
    expect(packed.files).toEqual(
      expect.arrayContaining(['dist/cli/pgensure.cjs', 'dist/cli/bin.js', 'LICENSE', 'README.md', 'package.json']),
    );
    // The bundle the bin runs, with its code cache, and the generated validators it and dist/ load.
    expect(packed.files).toEqual(
      expect.arrayContaining([
        'dist/cli/bundle.cjs',
        'dist/cli/bundle.cjs.cache',
        'dist/desired/cluster-validator.generated.cjs',
        'dist/desired/fleet-validators.generated.cjs',
      ]),
    );
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

  it("runs the GitHub Action's entry from the package: plan, ONE comment and the impact label on a fake GitHub", async () => {
    const emulator = await startInstalledEmulator(app);
    const github = await new FakeGitHub().start();
    try {
      const pr = github.addIssue({ pull_request: true });
      const event = { pull_request: { number: pr.number, head: { sha: 'f00dcafe' } } };
      writeFileSync(join(app, 'event.json'), JSON.stringify(event));
      const env = {
        ...{ INPUT_COMMAND: 'plan', INPUT_PATH: 'clusters', INPUT_COMMENT: 'true', INPUT_LABELS: 'true' },
        ...{ INPUT_GITHUB_TOKEN: TOKEN, GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'o/r', GITHUB_API_URL: github.url },
        ...{ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(app, 'event.json'), RUNNER_TEMP: app },
        ...{ GITHUB_OUTPUT: join(app, 'output'), PGENSURE_ENDPOINT: emulator.endpoint, IONOS_TOKEN: 'pack-test' },
      };
      const entry = join(app, 'node_modules', 'pgensure', 'dist', 'github', 'action.js');
      const result = await timed('action entry: plan + comment', () =>
        run(process.execPath, [entry], { cwd: app, env }),
      );
      expect(result.code).toBe(0);
      expect(pr.comments).toHaveLength(1);
      expect(pr.comments[0]!.body).toMatch(/^<!-- pgensure-plan -->\n.*3 to create/);
      const plan = JSON.parse(readFileSync(join(app, 'pgensure-plan.json'), 'utf8')) as { impact?: string };
      expect(pr.labels).toEqual(plan.impact ? [`pgensure: ${plan.impact}`] : []);
      expect(readFileSync(join(app, 'output'), 'utf8')).toContain('exit-code=2\n');
    } finally {
      await github.close();
      await emulator.stop();
    }
  });
});
