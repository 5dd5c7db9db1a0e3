import { ApiError, NetworkError } from '../errors.js';

/** The few GitHub REST calls pgensure's action makes: one request, or every page of a list. */
export interface GitHubClient {
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** GETs `path` with `per_page=100` and follows `Link: rel="next"` until the last page. */
  paginate<T>(path: string): Promise<T[]>;
}

export interface GitHubClientOptions {
  /** `GITHUB_API_URL` (https://api.github.com, or a GitHub Enterprise Server's `/api/v3`). */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** A bound on the pages of one list, so a surprising `Link` header cannot loop forever. */
  maxPages?: number;
}

const API_VERSION = '2022-11-28';

/** A GitHub REST client on Node's global `fetch`; errors become pgensure's ApiError / NetworkError with a hint. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const send = createSender(base, options);
  const maxPages = options.maxPages ?? 100;
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await send(method, `${base}${path}`, body);
      const text = await response.text();
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
    async paginate<T>(path: string): Promise<T[]> {
      const items: T[] = [];
      let url: string | undefined = `${base}${path}${path.includes('?') ? '&' : '?'}per_page=100`;
      for (let page = 0; url !== undefined && page < maxPages; page++) {
        const response = await send('GET', url);
        items.push(...((await response.json()) as T[]));
        url = nextPageOf(response.headers.get('link'), base);
      }
      return items;
    },
  };
}

type Sender = (method: string, url: string, body?: unknown) => Promise<Response>;

/** One authenticated request; a transport failure or a non-2xx answer becomes a typed error (URL redacted). */
function createSender(base: string, options: GitHubClientOptions): Sender {
  const doFetch = options.fetch ?? fetch;
  const headers = {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${options.token}`,
    'user-agent': 'pgensure-action',
    'x-github-api-version': API_VERSION,
  };
  return async (method, url, body) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await doFetch(url, init);
    } catch (error) {
      throw new NetworkError({ method, url: redact(url, base) }, causeCodeOf(error), {
        hint: 'check that GITHUB_API_URL points at your GitHub (it is set by the runner)',
        cause: error,
      });
    }
    if (!response.ok) throw await apiErrorOf(method, redact(url, base), response);
    return response;
  };
}

/** The `rel="next"` URL of a `Link` header, only when it stays on the API's origin (the token goes with it). */
export function nextPageOf(link: string | null, base: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]?.startsWith(`${new URL(base).origin}/`)) return match[1];
  }
  return undefined;
}

async function apiErrorOf(method: string, url: string, response: Response): Promise<ApiError> {
  let message = response.statusText || 'no message';
  try {
    const body = (await response.json()) as { message?: unknown; errors?: unknown };
    if (typeof body.message === 'string') message = body.message;
    if (Array.isArray(body.errors) && body.errors.length > 0) message += ` (${JSON.stringify(body.errors)})`;
  } catch {
    // Not JSON (a proxy's error page): the status line says enough.
  }
  return new ApiError({ method, url }, { status: response.status, message }, { hint: hintFor(response.status) });
}

function hintFor(status: number): string {
  if (status === 401) return 'the github-token input is not a valid token';
  if (status === 403 || status === 404)
    return 'give the workflow `permissions: { pull-requests: write, issues: write }` (or a token that may write here)';
  if (status === 422) return 'GitHub refused the request body; please report this with the run log';
  return 'GitHub did not accept the request; re-run the job, and see https://www.githubstatus.com';
}

/** Errors name the API path only (`/repos/o/r/issues/1/comments`): short, and the same on github.com and GHES. */
function redact(url: string, base: string): string {
  return url.startsWith(base) ? url.slice(base.length) : url;
}

function causeCodeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}
