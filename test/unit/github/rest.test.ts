import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../../src/errors.js';
import { createGitHubClient, nextPageOf } from '../../../src/github/rest.js';
import { FakeGitHub, TOKEN } from './fake-github.js';

let gh: FakeGitHub;
beforeEach(async () => {
  gh = await new FakeGitHub().start();
});
afterEach(() => gh.close());

describe('the GitHub REST client', () => {
  it('sends the token, the API version and JSON, and pages through a list', async () => {
    const pr = gh.addIssue({ pull_request: true });
    for (let i = 0; i < 250; i++) gh.addComment(pr, `c${i}`);
    const client = createGitHubClient({ baseUrl: `${gh.url}/`, token: TOKEN });
    const comments = await client.paginate<{ body: string }>(`/repos/o/r/issues/${pr.number}/comments`);
    expect(comments.map((c) => c.body)).toEqual(pr.comments.map((c) => c.body));
    expect(gh.requests.map((r) => r.query)).toEqual([
      { per_page: '100' },
      { per_page: '100', page: '2' },
      { per_page: '100', page: '3' },
    ]);
  });

  it('turns a refused token into an ApiError with a hint, naming the path and not the token', async () => {
    const client = createGitHubClient({ baseUrl: gh.url, token: 'wrong' });
    const error = await client.request('GET', '/repos/o/r/labels/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('GET /repos/o/r/labels/x failed: HTTP 401: Bad credentials');
    expect((error as ApiError).hint).toMatch(/github-token/);
  });

  it('turns a connection failure into a NetworkError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = createGitHubClient({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN });
    const error = await client.request('GET', '/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).causeCode).toBe('ECONNREFUSED');
  });

  it('follows rel="next" only on the API origin, so the token never goes elsewhere', () => {
    const base = 'https://ghes.example/api/v3';
    expect(nextPageOf('<https://ghes.example/api/v3/x?page=2>; rel="next"', base)).toBe(
      'https://ghes.example/api/v3/x?page=2',
    );
    expect(nextPageOf('<https://evil.example/x?page=2>; rel="next"', base)).toBeUndefined();
    expect(nextPageOf('<https://ghes.example/api/v3/x?page=9>; rel="last"', base)).toBeUndefined();
    expect(nextPageOf(null, base)).toBeUndefined();
  });
});
