import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeIssue, openOrUpdateIssue } from '../../../src/github/issue.js';
import { createGitHubClient, type GitHubClient } from '../../../src/github/rest.js';
import { FakeGitHub, TOKEN } from './fake-github.js';

const MARKER = '<!-- pgensure-drift -->';
const REPO = { owner: 'o', repo: 'r' };
let gh: FakeGitHub;
let client: GitHubClient;

beforeEach(async () => {
  gh = await new FakeGitHub().start();
  client = createGitHubClient({ baseUrl: gh.url, token: TOKEN });
});
afterEach(() => gh.close());

const report = (body: string) => ({ marker: MARKER, title: 'pgensure: clusters differ from their files', body });

describe('the drift/status issue', () => {
  it('opens one issue when none is open', async () => {
    gh.addIssue({ title: 'unrelated', body: 'hello' });
    const result = await openOrUpdateIssue(client, REPO, report(`${MARKER}\n### Drift: 1 cluster`));
    expect(result.action).toBe('opened');
    const opened = gh.issues.get(result.number!)!;
    expect(opened).toMatchObject({ title: 'pgensure: clusters differ from their files', state: 'open' });
    expect(opened.body).toBe(`${MARKER}\n### Drift: 1 cluster`);
  });

  it('updates the open issue in place (found past the first page; a pull request with the marker is skipped)', async () => {
    for (let i = 0; i < 130; i++) gh.addIssue({ body: `issue ${i}` });
    gh.addIssue({ pull_request: true, body: `${MARKER}\na pull request that copied the report` });
    const mine = gh.addIssue({ title: 'renamed by a person', body: `${MARKER}\nold drift` });
    const result = await openOrUpdateIssue(client, REPO, report(`${MARKER}\nnew drift`));
    expect(result).toMatchObject({ action: 'updated', number: mine.number });
    expect(gh.writes()).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        path: `/repos/o/r/issues/${mine.number}`,
        body: { body: `${MARKER}\nnew drift` },
      }),
    ]);
    expect(mine.title).toBe('renamed by a person');
  });

  it('closes the open issue with a comment when all is well', async () => {
    const mine = gh.addIssue({ body: `${MARKER}\nold drift` });
    const result = await closeIssue(client, REPO, { marker: MARKER, comment: 'No drift any more. Closing.' });
    expect(result).toMatchObject({ action: 'closed', number: mine.number });
    expect(mine).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(mine.comments.map((c) => c.body)).toEqual(['No drift any more. Closing.']);
  });

  it('writes nothing when all is well and no issue is open', async () => {
    gh.addIssue({ body: `${MARKER}\nlast week's drift`, state: 'closed' });
    const result = await closeIssue(client, REPO, { marker: MARKER, comment: 'x' });
    expect(result.action).toBe('none');
    expect(gh.writes()).toEqual([]);
  });

  it('opens a new issue when drift comes back after the last one was closed', async () => {
    const old = gh.addIssue({ body: `${MARKER}\nlast week's drift`, state: 'closed' });
    const result = await openOrUpdateIssue(client, REPO, report(`${MARKER}\ndrift again`));
    expect(result.action).toBe('opened');
    expect(result.number).not.toBe(old.number);
    expect(old.state).toBe('closed');
  });

  it('cuts an oversized report so GitHub takes it', async () => {
    const body = `${MARKER}\n${'| a | b |\n'.repeat(10_000)}`;
    const result = await openOrUpdateIssue(client, REPO, {
      ...report(body),
      fullReportUrl: 'https://github.test/run/1',
    });
    const sent = gh.issues.get(result.number!)!.body;
    expect(sent.length).toBeLessThanOrEqual(65_536);
    expect(sent).toContain('**Truncated:**');
  });
});
