import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake saw. */
export interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason?: string;
  pull_request?: boolean;
  labels: string[];
  comments: FakeComment[];
}

export const TOKEN = 'ghs_fake-token';
const BODY_LIMIT = 65_536;

/**
 * An in-process fake of the GitHub REST endpoints the action calls, with GitHub's paging (`per_page`, `page`,
 * `Link: rel="next"`), Bearer auth, and its 65,536-character body limit (422). Every request is recorded.
 */
export class FakeGitHub {
  readonly requests: Recorded[] = [];
  readonly issues = new Map<number, FakeIssue>();
  readonly repoLabels = new Map<string, { name: string; color: string; description: string }>();
  private nextComment = 1000;
  private nextIssue = 1;
  private readonly server = createServer((req, res) => void this.handle(req, res));
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Adds an issue (or, with `pull_request`, a pull request) with the next number. */
  addIssue(fields: Partial<FakeIssue> = {}): FakeIssue {
    const number = this.nextIssue++;
    const issue: FakeIssue = {
      number,
      title: `#${number}`,
      body: '',
      state: 'open',
      labels: [],
      comments: [],
      ...fields,
    };
    this.issues.set(number, issue);
    return issue;
  }

  addComment(issue: FakeIssue, body: string, user = { login: 'someone', type: 'User' }): FakeComment {
    const comment = { id: this.nextComment++, body, user };
    issue.comments.push(comment);
    return comment;
  }

  /** The recorded requests that write (anything but GET). */
  writes(): Recorded[] {
    return this.requests.filter((request) => request.method !== 'GET');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const text = await readBody(req);
    const body = text === '' ? undefined : JSON.parse(text);
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
    });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(res, 401, { message: 'Bad credentials' });
    if (typeof body?.body === 'string' && body.body.length > BODY_LIMIT) {
      return send(res, 422, { message: 'Validation Failed', errors: [{ field: 'body', code: 'custom' }] });
    }
    const route = this.route(req.method ?? '', decodeURIComponent(url.pathname).split('/').slice(4), body);
    if (!route) return send(res, 404, { message: 'Not Found' });
    if ('page' in route) return this.sendPage(res, url, route.page);
    return send(res, route.status, route.json);
  }

  /** `parts` is the path after /repos/{owner}/{repo}/. */
  private route(method: string, parts: string[], body: Record<string, unknown>): Route | undefined {
    const [kind, a, b, c] = parts;
    const issue = kind === 'issues' && a !== undefined ? this.issues.get(Number(a)) : undefined;
    if (kind === 'issues' && a === undefined && method === 'GET') {
      return { page: [...this.issues.values()].filter((i) => i.state === 'open').map(issueJson) };
    }
    if (kind === 'issues' && a === undefined && method === 'POST') {
      return { status: 201, json: issueJson(this.addIssue({ title: String(body.title), body: String(body.body) })) };
    }
    if (kind === 'issues' && a === 'comments' && b !== undefined && method === 'PATCH') {
      const comment = [...this.issues.values()].flatMap((i) => i.comments).find((x) => x.id === Number(b));
      if (!comment) return undefined;
      comment.body = String(body.body);
      return { status: 200, json: commentJson(comment) };
    }
    if (!issue) return this.routeLabels(method, kind, a, body);
    if (b === undefined && method === 'PATCH') {
      Object.assign(issue, body);
      return { status: 200, json: issueJson(issue) };
    }
    if (b === 'comments' && method === 'GET') return { page: issue.comments.map(commentJson) };
    if (b === 'comments' && method === 'POST') {
      const comment = this.addComment(issue, String(body.body), { login: 'github-actions[bot]', type: 'Bot' });
      return { status: 201, json: commentJson(comment) };
    }
    if (b === 'labels') return this.routeIssueLabels(method, issue, c, body);
    return undefined;
  }

  private routeIssueLabels(method: string, issue: FakeIssue, name: string | undefined, body: Record<string, unknown>) {
    if (method === 'GET' && name === undefined) return { page: issue.labels.map((label) => ({ name: label })) };
    if (method === 'POST' && name === undefined) {
      for (const label of body.labels as string[]) {
        if (!issue.labels.includes(label)) issue.labels.push(label);
        if (!this.repoLabels.has(label)) this.repoLabels.set(label, { name: label, color: 'ededed', description: '' });
      }
      return { status: 200, json: issue.labels.map((label) => ({ name: label })) };
    }
    if (method === 'DELETE' && name !== undefined && issue.labels.includes(name)) {
      issue.labels = issue.labels.filter((label) => label !== name);
      return { status: 200, json: issue.labels.map((label) => ({ name: label })) };
    }
    return undefined;
  }

  private routeLabels(
    method: string,
    kind: string | undefined,
    name: string | undefined,
    body: Record<string, unknown>,
  ) {
    if (kind !== 'labels') return undefined;
    if (method === 'GET' && name !== undefined) {
      const label = this.repoLabels.get(name);
      return label ? { status: 200, json: label } : undefined;
    }
    if (method === 'POST' && name === undefined) {
      if (this.repoLabels.has(String(body.name))) return { status: 422, json: { message: 'Validation Failed' } };
      const label = { name: String(body.name), color: String(body.color), description: String(body.description) };
      this.repoLabels.set(label.name, label);
      return { status: 201, json: label };
    }
    return undefined;
  }

  private sendPage(res: ServerResponse, url: URL, items: unknown[]): void {
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    if (page * perPage < items.length) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      res.setHeader('link', `<${next.href}>; rel="next", <${next.href}>; rel="last"`);
    }
    send(res, 200, slice);
  }
}

type Route = { page: unknown[] } | { status: number; json: unknown };

function issueJson(issue: FakeIssue) {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    html_url: `https://github.test/o/r/issues/${issue.number}`,
    ...(issue.pull_request ? { pull_request: { url: 'x' } } : {}),
  };
}

function commentJson(comment: FakeComment) {
  return { ...comment, html_url: `https://github.test/o/r/issues/1#issuecomment-${comment.id}` };
}

function send(res: ServerResponse, status: number, json: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(json));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    req.on('end', () => resolve(text));
  });
}
