import { fitBody } from './body.js';
import type { GitHubClient } from './rest.js';

/** A repository, as `GITHUB_REPOSITORY` names it (`owner/name`). */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** An issue or pull request in a repository (pull requests are issues to the comments and labels API). */
export interface IssueRef extends RepoRef {
  number: number;
}

export interface Posted {
  action: 'created' | 'updated' | 'unchanged';
  id: number;
  url: string;
}

interface Comment {
  id: number;
  body?: string | null;
  html_url: string;
}

/** True when a body is pgensure's: it starts with the marker (a human quoting it mid-text does not count). */
export function isMarked(body: string | null | undefined, marker: string): boolean {
  return (body ?? '').trimStart().startsWith(marker);
}

/** The body, starting with its marker so the next run finds it again. */
export function withMarker(body: string, marker: string): string {
  return isMarked(body, marker) ? body : `${marker}\n${body}`;
}

export function repoPath(ref: RepoRef): string {
  return `/repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}`;
}

/**
 * Posts ONE comment per marker on an issue or pull request: the first comment whose body starts with `marker` is
 * edited in place (every page of comments is searched), otherwise a new one is created. A body too long for GitHub
 * is cut visibly (see fitBody), pointing to `fullReportUrl`.
 */
export async function upsertComment(
  client: GitHubClient,
  ref: IssueRef,
  post: { marker: string; body: string; fullReportUrl?: string },
): Promise<Posted> {
  const { marker } = post;
  const text = fitBody(withMarker(post.body, marker), fitOptions(post.fullReportUrl));
  const comments = await client.paginate<Comment>(`${repoPath(ref)}/issues/${ref.number}/comments`);
  const mine = comments.find((comment) => isMarked(comment.body, marker));
  if (mine && mine.body === text) return { action: 'unchanged', id: mine.id, url: mine.html_url };
  if (mine) {
    const updated = await client.request<Comment>('PATCH', `${repoPath(ref)}/issues/comments/${mine.id}`, {
      body: text,
    });
    return { action: 'updated', id: updated.id, url: updated.html_url };
  }
  const created = await client.request<Comment>('POST', `${repoPath(ref)}/issues/${ref.number}/comments`, {
    body: text,
  });
  return { action: 'created', id: created.id, url: created.html_url };
}

/** fitBody's options without an undefined key (exactOptionalPropertyTypes). */
export function fitOptions(fullReportUrl: string | undefined): { fullReportUrl?: string } {
  return fullReportUrl === undefined ? {} : { fullReportUrl };
}
