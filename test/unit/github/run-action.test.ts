import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliResult } from '../../../src/github/publish.js';
import { createGitHubClient } from '../../../src/github/rest.js';
import { type ActionDeps, runAction } from '../../../src/github/run-action.js';
import { FakeGitHub, TOKEN } from './fake-github.js';
import { planJson } from './plans.js';

let gh: FakeGitHub;
let dir: string;
let logged: string[];
let ran: string[][];

beforeEach(async () => {
  gh = await new FakeGitHub().start();
  dir = mkdtempSync(join(tmpdir(), 'pgensure-action-'));
  logged = [];
  ran = [];
});
afterEach(async () => {
  await gh.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The action's deps with a stand-in for pgensure that "prints" `result` (and writes `plan` where --out says). */
function deps(
  inputs: Record<string, string>,
  result: CliResult,
  opts: { plan?: unknown; event?: unknown } = {},
): ActionDeps {
  writeFileSync(join(dir, 'event.json'), JSON.stringify(opts.event ?? {}));
  return {
    env: {
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: 'https://github.test',
      GITHUB_RUN_ID: '42',
      GITHUB_EVENT_NAME: opts.event ? 'pull_request' : 'schedule',
      GITHUB_EVENT_PATH: join(dir, 'event.json'),
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      INPUT_COMMENT: 'true',
      INPUT_LABELS: 'true',
      INPUT_GITHUB_TOKEN: TOKEN,
      ...inputs,
    },
    async runPgensure(argv) {
      ran.push(argv);
      const out = argv.indexOf('--out');
      if (out >= 0 && opts.plan !== undefined) writeFileSync(join(dir, argv[out + 1]!), JSON.stringify(opts.plan));
      return result;
    },
    readFile: (path) => readFile(resolve(dir, path), 'utf8'),
    writeFile: (path, text) => writeFile(resolve(dir, path), text),
    appendFile: (path, text) => appendFile(resolve(dir, path), text),
    log: (line) => logged.push(line),
    github: createGitHubClient,
    tempDir: dir,
  };
}

const PR_EVENT = { pull_request: { number: 1, head: { sha: 'abcdef1234567890' } } };
const PLAN_MD = '<!-- pgensure-plan -->\n### Plan: 0 to create, 1 to update. Worst impact: switchover\n';
const outputs = () => readFileSync(join(dir, 'output'), 'utf8');

describe('runAction', () => {
  it('plans a pull request: one comment, the impact label, the outputs and the summary; changes are a success', async () => {
    const pr = gh.addIssue({ pull_request: true });
    const plan = planJson([{ action: 'update', impact: 'switchover' }]);
    const code = await runAction(
      deps(
        { INPUT_COMMAND: 'plan', INPUT_PATH: 'clusters' },
        { code: 2, stdout: PLAN_MD, stderr: '' },
        { plan, event: PR_EVENT },
      ),
    );
    expect(code).toBe(0);
    expect(ran).toEqual([
      ['plan', 'clusters', '--out', 'pgensure-plan.json', '--detailed-exitcode', '--format', 'markdown'],
    ]);
    expect(pr.comments).toHaveLength(1);
    expect(pr.comments[0]!.body).toBe(
      `${PLAN_MD}\n\n<sub>pgensure plan for abcdef1 ([run](https://github.test/o/r/actions/runs/42))</sub>\n`,
    );
    expect(pr.labels).toEqual(['pgensure: switchover']);
    expect(outputs()).toContain('exit-code=2\n');
    expect(outputs()).toContain('impact=switchover\nreversible=true\ndestructive=false\nchanges=1\n');
    expect(outputs()).toMatch(/comment-url=https:\/\/github\.test\/o\/r\/issues\/1#issuecomment-\d+\n/);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe(PLAN_MD);
    expect(readFileSync(join(dir, 'pgensure-plan.md'), 'utf8')).toBe(PLAN_MD);
  });

  it('on the next push edits the same comment rather than adding one', async () => {
    const pr = gh.addIssue({ pull_request: true });
    const plan = planJson([]);
    const run = () =>
      runAction(deps({ INPUT_COMMAND: 'plan' }, { code: 0, stdout: PLAN_MD, stderr: '' }, { plan, event: PR_EVENT }));
    await run();
    await run();
    expect(pr.comments).toHaveLength(1);
    expect(gh.writes().filter((r) => r.method === 'PATCH')).toHaveLength(0); // the same body: not even an edit
  });

  it('replaces the plan with what failed when planning fails, leaves the labels, and fails the step', async () => {
    const pr = gh.addIssue({ pull_request: true, labels: ['pgensure: destructive'] });
    gh.addComment(pr, `${PLAN_MD}the previous push's plan`);
    const stderr = 'Error: the plan was refused: 1 problem; nothing was written\nHint: lower the impact\n';
    const code = await runAction(deps({ INPUT_COMMAND: 'plan' }, { code: 1, stdout: '', stderr }, { event: PR_EVENT }));
    expect(code).toBe(1);
    expect(pr.comments).toHaveLength(1);
    expect(pr.comments[0]!.body).toMatch(
      /^<!-- pgensure-plan -->\n### Plan failed\n\nThe plan of abcdef1 failed \(exit 1\)/,
    );
    expect(pr.comments[0]!.body).toContain('Error: the plan was refused');
    expect(pr.labels).toEqual(['pgensure: destructive']);
    expect(outputs()).toContain('exit-code=1\n');
  });

  it('posts nothing for a plan outside a pull request', async () => {
    const code = await runAction(
      deps({ INPUT_COMMAND: 'plan' }, { code: 2, stdout: PLAN_MD, stderr: '' }, { plan: planJson([]) }),
    );
    expect(code).toBe(0);
    expect(gh.requests).toEqual([]);
    expect(logged.join('\n')).toMatch(/not a pull request/);
  });

  it('opens the drift issue on exit 2 and closes it on exit 0', async () => {
    const drift = '<!-- pgensure-drift -->\n### Drift: 1 of 3 managed clusters differ\n';
    expect(await runAction(deps({ INPUT_COMMAND: 'drift' }, { code: 2, stdout: drift, stderr: '' }))).toBe(0);
    const [issue] = [...gh.issues.values()];
    expect(issue).toMatchObject({ state: 'open', title: 'pgensure: clusters differ from their files' });
    expect(issue!.body.startsWith(drift)).toBe(true);
    expect(outputs()).toContain(`issue-url=https://github.test/o/r/issues/${issue!.number}\n`);

    expect(await runAction(deps({ INPUT_COMMAND: 'drift' }, { code: 0, stdout: '', stderr: '' }))).toBe(0);
    expect(issue).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(issue!.comments[0]!.body).toMatch(
      /^No drift any more.*\(\[run\]\(https:\/\/github\.test\/o\/r\/actions\/runs\/42\)\) Closing\.$/,
    );
  });

  it('keeps ONE status issue: a second unhealthy run updates it; a failed run leaves it and fails', async () => {
    const report = (n: number) => `<!-- pgensure-status -->\n### Status: ${n} unhealthy\n`;
    await runAction(deps({ INPUT_COMMAND: 'status' }, { code: 2, stdout: report(1), stderr: '' }));
    await runAction(deps({ INPUT_COMMAND: 'status' }, { code: 2, stdout: report(2), stderr: '' }));
    expect([...gh.issues.values()]).toHaveLength(1);
    expect([...gh.issues.values()][0]!.body.startsWith(report(2))).toBe(true);
    const writes = gh.writes().length;
    expect(await runAction(deps({ INPUT_COMMAND: 'status' }, { code: 1, stdout: '', stderr: 'Error: x\n' }))).toBe(1);
    expect(gh.writes()).toHaveLength(writes);
  });

  it('wraps a text report in a fence under the marker, so the issue is still found next time', async () => {
    await runAction(
      deps({ INPUT_COMMAND: 'drift', INPUT_FORMAT: 'text' }, { code: 2, stdout: 'de-fra/a changed\n', stderr: '' }),
    );
    const [issue] = [...gh.issues.values()];
    expect(issue!.body).toMatch(/^<!-- pgensure-drift -->\n```text\nde-fra\/a changed\n```\n/);
  });

  it('passes apply exit codes through and posts nothing', async () => {
    const code = await runAction(
      deps({ INPUT_COMMAND: 'apply', INPUT_PLAN_FILE: 'p.json' }, { code: 1, stdout: '', stderr: '' }),
    );
    expect(code).toBe(1);
    expect(ran).toEqual([['apply', '--plan', 'p.json', '--auto-approve']]);
    expect(gh.requests).toEqual([]);
  });
});
