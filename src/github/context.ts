import type { RepoRef } from './comment.js';

/** What the action knows about the run it is in, from the runner's environment and the event payload. */
export interface ActionContext {
  /** Undefined outside GitHub Actions (no `GITHUB_REPOSITORY`): nothing is posted then. */
  repo: RepoRef | undefined;
  apiUrl: string;
  /** The run's page, linked from comments and issues. */
  runUrl: string | undefined;
  eventName: string;
  pullRequest: { number: number; headSha: string | undefined } | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the context (pure: the event payload comes in already parsed, or undefined). */
export function readActionContext(env: Env, event: unknown): ActionContext {
  const repo = repoOf(env.GITHUB_REPOSITORY);
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const runUrl =
    repo && env.GITHUB_RUN_ID ? `${serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  return {
    repo,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    runUrl,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    pullRequest: pullRequestOf(event),
  };
}

function repoOf(value: string | undefined): RepoRef | undefined {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(value ?? '');
  return match ? { owner: match[1]!, repo: match[2]! } : undefined;
}

/** `pull_request` and `pull_request_target` payloads carry `pull_request`; a comment on a PR carries `issue`. */
function pullRequestOf(event: unknown): ActionContext['pullRequest'] {
  const payload = event as {
    pull_request?: { number?: unknown; head?: { sha?: unknown } };
    issue?: { number?: unknown; pull_request?: unknown };
  } | null;
  const pr = payload?.pull_request;
  if (typeof pr?.number === 'number') {
    return { number: pr.number, headSha: typeof pr.head?.sha === 'string' ? pr.head.sha : undefined };
  }
  const issue = payload?.issue;
  if (typeof issue?.number === 'number' && issue.pull_request !== undefined) {
    return { number: issue.number, headSha: undefined };
  }
  return undefined;
}
