import { fitBody } from './body.js';
import { fitOptions, isMarked, type RepoRef, repoPath, withMarker } from './comment.js';
import type { GitHubClient } from './rest.js';

/** One report kept as ONE open issue, found again by its marker (`<!-- pgensure-drift -->`, `-status -->`). */
export interface IssueReport {
  marker: string;
  /** Used when the issue is opened; a title a person changed later is kept. */
  title: string;
  body: string;
  /** Where the whole report is (the run), linked when the body has to be cut. */
  fullReportUrl?: string;
}

export interface IssueResult {
  action: 'opened' | 'updated' | 'unchanged' | 'closed' | 'none';
  number?: number;
  url?: string;
}

interface Issue {
  number: number;
  body?: string | null;
  html_url: string;
  pull_request?: unknown;
}

/** The open issue that carries `marker`, searching every page of open issues (pull requests are skipped). */
export async function findMarkedIssue(client: GitHubClient, ref: RepoRef, marker: string): Promise<Issue | undefined> {
  const open = await client.paginate<Issue>(`${repoPath(ref)}/issues?state=open`);
  return open.find((issue) => issue.pull_request === undefined && isMarked(issue.body, marker));
}

/** Something is wrong (drift, an unhealthy cluster): open the report's issue, or replace the open one's body. */
export async function openOrUpdateIssue(client: GitHubClient, ref: RepoRef, report: IssueReport): Promise<IssueResult> {
  const body = fitBody(withMarker(report.body, report.marker), fitOptions(report.fullReportUrl));
  const open = await findMarkedIssue(client, ref, report.marker);
  if (open && open.body === body) return { action: 'unchanged', number: open.number, url: open.html_url };
  if (open) {
    await client.request('PATCH', `${repoPath(ref)}/issues/${open.number}`, { body });
    return { action: 'updated', number: open.number, url: open.html_url };
  }
  const created = await client.request<Issue>('POST', `${repoPath(ref)}/issues`, { title: report.title, body });
  return { action: 'opened', number: created.number, url: created.html_url };
}

/** All is well again: say so on the report's open issue and close it; nothing to do when none is open. */
export async function closeIssue(
  client: GitHubClient,
  ref: RepoRef,
  close: { marker: string; comment: string },
): Promise<IssueResult> {
  const open = await findMarkedIssue(client, ref, close.marker);
  if (!open) return { action: 'none' };
  const path = `${repoPath(ref)}/issues/${open.number}`;
  await client.request('POST', `${path}/comments`, { body: close.comment });
  await client.request('PATCH', path, { state: 'closed', state_reason: 'completed' });
  return { action: 'closed', number: open.number, url: open.html_url };
}
