import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../../src/errors.js';
import { apiErrorBody, createHarness, FRA, rejectionOf, TOKEN } from './harness.js';

const CLUSTER = '/clusters/0b6c1f0e-6a8e-4f31-9d7c-2a1e5d7c9b10';
const ID = '0b6c1f0e-6a8e-4f31-9d7c-2a1e5d7c9b10';

describe('error answers', () => {
  it('parses the API error body into ApiError fields, joining all messages', async () => {
    const h = createHarness();
    const body = apiErrorBody(422, ['PSQL-1', 'cores must be <= 62'], ['PSQL-2', 'ram must be >= 4']);
    h.agent.get(FRA).intercept({ path: CLUSTER }).reply(422, body);
    const err = await rejectionOf(h.client.getCluster('de-fra', ID));
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e).toMatchObject({ status: 422, errorCode: 'PSQL-1', method: 'GET', url: `${FRA}${CLUSTER}` });
    expect(e.apiMessage).toBe('cores must be <= 62; ram must be >= 4');
    expect(e.message).toContain('HTTP 422 PSQL-1: cores must be <= 62; ram must be >= 4');
    expect(h.agent.pendingInterceptors()).toHaveLength(0); // 422 is not retried
  });

  it('keeps a capped excerpt of a non-JSON error body and hints at the endpoint', async () => {
    const h = createHarness();
    const html = `<html><body>\n<h1>Bad Request</h1>${'x'.repeat(5000)}</body></html>`;
    h.agent
      .get(FRA)
      .intercept({ path: CLUSTER })
      .reply(400, html, { headers: { 'content-type': 'text/html' } });
    const e = (await rejectionOf(h.client.getCluster('de-fra', ID))) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.errorCode).toBeUndefined();
    expect(e.apiMessage.startsWith('<html><body> <h1>Bad Request</h1>')).toBe(true);
    expect(e.apiMessage.length).toBeLessThanOrEqual(301);
    expect(e.hint).toContain('PGENSURE_ENDPOINT');
  });

  it.each([
    [401, 'IONOS_TOKEN'],
    [403, 'permission'],
  ])('hints for HTTP %i', async (status, hint) => {
    const h = createHarness();
    h.agent
      .get(FRA)
      .intercept({ path: CLUSTER })
      .reply(status, apiErrorBody(status, ['AUTH', 'no']));
    const e = (await rejectionOf(h.client.getCluster('de-fra', ID))) as ApiError;
    expect(e.status).toBe(status);
    expect(e.hint).toContain(hint);
  });

  it('a 404 on a region list endpoint is an error that points at --endpoint', async () => {
    const h = createHarness();
    h.agent
      .get(FRA)
      .intercept({ path: '/clusters?offset=0&limit=100' })
      .reply(404, apiErrorBody(404, ['NF', 'no']));
    const e = (await rejectionOf(h.client.listClusters('de-fra'))) as ApiError;
    expect(e.status).toBe(404);
    expect(e.hint).toContain('--endpoint');
  });

  it('fails on a 2xx answer that is not JSON', async () => {
    const h = createHarness();
    h.agent.get(FRA).intercept({ path: CLUSTER }).reply(200, '<html>login</html>');
    const e = (await rejectionOf(h.client.getCluster('de-fra', ID))) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toContain('expected a JSON object');
  });
});

describe('404', () => {
  it('getCluster and getBackup give null', async () => {
    const h = createHarness();
    const pool = h.agent.get(FRA);
    pool.intercept({ path: CLUSTER }).reply(404, apiErrorBody(404, ['NF', 'not found']));
    pool.intercept({ path: '/backups/b-1' }).reply(404, '');
    expect(await h.client.getCluster('de-fra', ID)).toBeNull();
    expect(await h.client.getBackup('de-fra', 'b-1')).toBeNull();
  });

  it('deleteCluster gives not-found; a 202 gives deleted', async () => {
    const h = createHarness();
    const pool = h.agent.get(FRA);
    pool.intercept({ path: CLUSTER, method: 'DELETE' }).reply(202, '');
    pool.intercept({ path: CLUSTER, method: 'DELETE' }).reply(404, apiErrorBody(404, ['NF', 'gone']));
    expect(await h.client.deleteCluster('de-fra', ID)).toBe('deleted');
    expect(await h.client.deleteCluster('de-fra', ID)).toBe('not-found');
  });

  it('a 404 HTML page (a proxy, not the API) is an error, not "not found"', async () => {
    const h = createHarness();
    h.agent.get(FRA).intercept({ path: CLUSTER }).reply(404, '<html>Not Found</html>');
    const e = (await rejectionOf(h.client.getCluster('de-fra', ID))) as ApiError;
    expect(e.status).toBe(404);
    expect(e.hint).toContain('PGENSURE_ENDPOINT');
  });

  it('returns the parsed cluster on 200', async () => {
    const h = createHarness();
    const cluster = { id: ID, type: 'cluster', href: CLUSTER, metadata: { state: 'AVAILABLE' }, properties: {} };
    h.agent.get(FRA).intercept({ path: CLUSTER }).reply(200, cluster);
    expect(await h.client.getCluster('de-fra', ID)).toEqual(cluster);
  });
});

describe('network errors', () => {
  it('maps a refused connection to NetworkError with the code, after the retries', async () => {
    const h = createHarness({ retry: { maxAttempts: 3 } });
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' });
    h.agent.get(FRA).intercept({ path: CLUSTER }).replyWithError(refused).times(3);
    const e = (await rejectionOf(h.client.getCluster('de-fra', ID))) as NetworkError;
    expect(e).toBeInstanceOf(NetworkError);
    expect(e.causeCode).toBe('ECONNREFUSED');
    expect(e.message).toBe(`GET ${FRA}${CLUSTER} failed: connection refused (ECONNREFUSED); gave up after 3 attempts`);
    expect(e.hint).toBe(
      'nothing accepts connections on postgresql.de-fra.ionos.com:443: check --endpoint / PGENSURE_ENDPOINT (default https://postgresql.{region}.ionos.com) and any firewall or proxy',
    );
    expect(e.cause).toBeUndefined(); // the renderer would print its raw text
  });

  it('does not retry ENOTFOUND (a typo in the endpoint does not heal)', async () => {
    const h = createHarness();
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    h.agent.get(FRA).intercept({ path: CLUSTER }).replyWithError(dns);
    const e = (await rejectionOf(h.client.getCluster('de-fra', ID))) as NetworkError;
    expect(e.causeCode).toBe('ENOTFOUND');
    expect(e.message).toBe(`GET ${FRA}${CLUSTER} failed: the host name was not found (ENOTFOUND)`);
    expect(e.hint).toContain('the host postgresql.de-fra.ionos.com could not be found (DNS)');
    expect(h.delays).toEqual([]);
  });

  it('times out an attempt that gets no headers (UND_ERR_HEADERS_TIMEOUT)', async () => {
    const h = createHarness({ timeoutMs: 20, retry: { maxAttempts: 1 } });
    h.agent.get(FRA).intercept({ path: CLUSTER }).reply(200, {}).delay(2000);
    const e = (await rejectionOf(h.client.getCluster('de-fra', ID))) as NetworkError;
    expect(e).toBeInstanceOf(NetworkError);
    expect(e.causeCode).toBe('UND_ERR_HEADERS_TIMEOUT');
  });
});

describe('secrets', () => {
  it('never puts the token or the password in errors or logs, even when the server echoes them', async () => {
    const h = createHarness({ retry: { maxAttempts: 2 } });
    const password = 'P@ss"w0rd-Very-Secret';
    const echo = (req: { headers?: unknown; body?: unknown }) =>
      JSON.stringify({
        httpStatus: 503,
        messages: [{ errorCode: 'E', message: `you sent ${JSON.stringify(req.headers)} and ${String(req.body)}` }],
      });
    h.agent.get(FRA).intercept({ path: CLUSTER, method: 'PUT' }).reply(503, echo);
    const properties = { credentials: { username: 'u', database: 'd', password } } as never;
    const e = (await rejectionOf(h.client.putCluster('de-fra', ID, properties))) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toMatch(/authorization.*Bearer \[REDACTED\].*\[REDACTED\]/); // the echo really happened
    const everything = JSON.stringify([e.message, e.apiMessage, e.hint, e.stack, h.logs]);
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain('w0rd-Very-Secret');
  });
});
