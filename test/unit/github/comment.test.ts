import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertComment } from '../../../src/github/comment.js';
import { createGitHubClient, type GitHubClient } from '../../../src/github/rest.js';
import { FakeGitHub, TOKEN } from './fake-github.js';

const MARKER = '<!-- pgensure-plan -->';
let gh: FakeGitHub;
let client: GitHubClient;

beforeEach(async () => {
  gh = await new FakeGitHub().start();
  client = createGitHubClient({ baseUrl: gh.url, token: TOKEN });
});
afterEach(() => gh.close());

describe('upsertComment', () => {
  it('creates the comment when the pull request has none with the marker', async () => {
    const pr = gh.addIssue({ pull_request: true });
    gh.addComment(pr, 'LGTM');
    const posted = await upsertComment(
      client,
      { owner: 'o', repo: 'r', number: pr.number },
      { marker: MARKER, body: `${MARKER}\nplan one` },
    );
    expect(posted.action).toBe('created');
    expect(gh.writes()).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `/repos/o/r/issues/${pr.number}/comments`,
        body: { body: `${MARKER}\nplan one` },
      }),
    ]);
    expect(pr.comments.map((c) => c.body)).toEqual(['LGTM', `${MARKER}\nplan one`]);
  });

  it('edits the marked comment in place, found on a later page, and creates nothing', async () => {
    const pr = gh.addIssue({ pull_request: true });
    for (let i = 0; i < 150; i++) gh.addComment(pr, `comment ${i}`);
    const mine = gh.addComment(pr, `${MARKER}\nold plan`, { login: 'github-actions[bot]', type: 'Bot' });
    for (let i = 0; i < 20; i++) gh.addComment(pr, `later ${i}`);
    const posted = await upsertComment(
      client,
      { owner: 'o', repo: 'r', number: pr.number },
      { marker: MARKER, body: `${MARKER}\nnew plan` },
    );
    expect(posted).toMatchObject({ action: 'updated', id: mine.id });
    expect(gh.writes()).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        path: `/repos/o/r/issues/comments/${mine.id}`,
        body: { body: `${MARKER}\nnew plan` },
      }),
    ]);
    // 171 comments at 100 a page: two pages were read.
    expect(gh.requests.filter((r) => r.method === 'GET').map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
    expect(mine.body).toBe(`${MARKER}\nnew plan`);
  });

  it('never edits a human comment that merely quotes the marker, and adds the marker when the body lacks it', async () => {
    const pr = gh.addIssue({ pull_request: true });
    const human = gh.addComment(pr, `why does the bot write ${MARKER}?`);
    await upsertComment(client, { owner: 'o', repo: 'r', number: pr.number }, { marker: MARKER, body: 'plain text' });
    expect(human.body).toBe(`why does the bot write ${MARKER}?`);
    expect(pr.comments[1]!.body).toBe(`${MARKER}\nplain text`);
  });

  it('sends nothing when the comment already says exactly this', async () => {
    const pr = gh.addIssue({ pull_request: true });
    gh.addComment(pr, `${MARKER}\nsame`);
    const posted = await upsertComment(
      client,
      { owner: 'o', repo: 'r', number: pr.number },
      { marker: MARKER, body: `${MARKER}\nsame` },
    );
    expect(posted.action).toBe('unchanged');
    expect(gh.writes()).toEqual([]);
  });

  it('cuts a body too large for GitHub visibly, keeps the marker first, and GitHub accepts it', async () => {
    const pr = gh.addIssue({ pull_request: true });
    const rows = Array.from({ length: 5000 }, (_, i) => `| de-fra/cluster-${i} | update | online |`).join('\n');
    const body = `${MARKER}\n### Plan: 5000 to update\n\n<details><summary>all</summary>\n\n${rows}\n\n</details>\n`;
    expect(body.length).toBeGreaterThan(65_536);
    const posted = await upsertComment(
      client,
      { owner: 'o', repo: 'r', number: pr.number },
      {
        marker: MARKER,
        body,
        fullReportUrl: 'https://github.test/o/r/actions/runs/7',
      },
    );
    expect(posted.action).toBe('created');
    const sent = pr.comments[0]!.body;
    expect(sent.length).toBeLessThanOrEqual(65_536);
    expect(sent.startsWith(`${MARKER}\n### Plan: 5000 to update`)).toBe(true);
    expect(sent).toMatch(
      /\*\*Truncated:\*\* this report has [\d,]+ characters.*\[this run\]\(https:\/\/github\.test\/o\/r\/actions\/runs\/7\)/,
    );
    // The open <details> was closed before the notice, so the notice is not hidden inside it.
    expect(sent.lastIndexOf('</details>')).toBeLessThan(sent.indexOf('**Truncated:**'));
    expect(sent.match(/<details>/g)?.length).toBe(sent.match(/<\/details>/g)?.length);
  });
});
