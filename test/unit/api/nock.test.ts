import nock from 'nock';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../src/api/index.js';
import { ApiError } from '../../../src/errors.js';
import { FRA, listPage, rejectionOf, TEMPLATE, TOKEN } from './harness.js';

// nock 15.0.0 installs its agent as undici's global dispatcher; the client must use it when none is injected.
nock.disableNetConnect();
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('default dispatcher under nock 15.0.0', () => {
  it('lists clusters and gets a parsed API error through getGlobalDispatcher()', async () => {
    const client = createApiClient({ endpointTemplate: TEMPLATE, token: TOKEN, sleep: async () => {}, pageSize: 2 });
    const scope = nock(FRA, { reqheaders: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' } })
      .get('/clusters')
      .query({ offset: '0', limit: '2' })
      .reply(200, listPage(['a', 'b'], 0, 2))
      .get('/clusters')
      .query({ offset: '2', limit: '2' })
      .reply(200, listPage([], 2, 2))
      .get('/clusters/x')
      .reply(503, { httpStatus: 503, messages: [{ errorCode: 'U', message: 'maintenance' }] })
      .get('/clusters/x')
      .reply(403, { httpStatus: 403, messages: [{ errorCode: 'F', message: 'forbidden' }] });
    expect((await client.listClusters('de-fra')).map((c) => c.id)).toEqual(['a', 'b']);
    const err = (await rejectionOf(client.getCluster('de-fra', 'x'))) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 403, errorCode: 'F', apiMessage: 'forbidden' }); // 503 was retried
    expect(scope.isDone()).toBe(true);
  });
});
