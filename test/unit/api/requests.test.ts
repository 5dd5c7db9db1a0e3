import { readFileSync } from 'node:fs';
import { getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { type ClusterProperties, createApiClient } from '../../../src/api/index.js';
import { UsageError } from '../../../src/errors.js';
import { createHarness, FRA, rejectionOf, TEMPLATE, TOKEN } from './harness.js';

const ID = '0b6c1f0e-6a8e-4f31-9d7c-2a1e5d7c9b10';
const VERSION = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version;
const PROPERTIES: ClusterProperties = {
  name: 'cms-prod',
  version: '16',
  instances: { count: 1, cores: 2, ram: 4, storageSize: 20 },
  connection: { datacenterId: 'dc', lanId: '2', primaryInstanceAddress: '192.168.2.101/24' },
  maintenanceWindow: { time: '16:30:59', dayOfTheWeek: 'Sunday' },
  replicationMode: 'ASYNCHRONOUS',
  backup: { location: 'eu-central-3', retentionDays: 7 },
  credentials: { username: 'u', database: 'd', password: 'pw-123456789' },
};

interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function capture(seen: Seen[], status: number, reply: object | string) {
  return (req: { method: string; path: string; headers?: unknown; body?: unknown }) => {
    seen.push({
      method: req.method,
      path: req.path,
      headers: req.headers as Record<string, string>,
      body: req.body as string,
    });
    return { statusCode: status, data: typeof reply === 'string' ? reply : JSON.stringify(reply) };
  };
}

describe('requests on the wire', () => {
  it('PUTs {id, properties} with auth, accept, content-type and user-agent headers', async () => {
    const h = createHarness();
    const seen: Seen[] = [];
    const read = { id: ID, type: 'cluster', href: `/clusters/${ID}`, metadata: { state: 'UPDATING' }, properties: {} };
    h.agent
      .get(FRA)
      .intercept({ path: `/clusters/${ID}`, method: 'PUT' })
      .reply(capture(seen, 200, read));
    expect(await h.client.putCluster('de-fra', ID, PROPERTIES)).toEqual(read);
    expect(seen).toHaveLength(1);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ id: ID, properties: PROPERTIES });
    expect(seen[0]?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      accept: 'application/json',
      'content-type': 'application/json',
      'user-agent': `pgensure/${VERSION}`,
    });
  });

  it('GET and DELETE carry auth and accept but no content-type; DELETE sends no body', async () => {
    const h = createHarness({ userAgent: 'pgensure/test' });
    const seen: Seen[] = [];
    const pool = h.agent.get(FRA);
    pool.intercept({ path: `/clusters/${ID}` }).reply(capture(seen, 200, { id: ID }));
    pool.intercept({ path: `/clusters/${ID}`, method: 'DELETE' }).reply(capture(seen, 202, ''));
    await h.client.getCluster('de-fra', ID);
    expect(await h.client.deleteCluster('de-fra', ID)).toBe('deleted');
    for (const s of seen) {
      expect(s.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, accept: 'application/json' });
      expect(s.headers['user-agent']).toBe('pgensure/test');
      expect(s.headers['content-type']).toBeUndefined();
    }
    expect(seen.map((s) => [s.method, s.body ?? null])).toEqual([
      ['GET', null],
      ['DELETE', null],
    ]);
  });

  it('encodes ids in the path and refuses an empty id', async () => {
    const h = createHarness();
    h.agent.get(FRA).intercept({ path: '/backups/a%2Fb' }).reply(200, { id: 'a/b' });
    expect(await h.client.getBackup('de-fra', 'a/b')).toEqual({ id: 'a/b' });
    expect(await rejectionOf(h.client.getCluster('de-fra', ''))).toBeInstanceOf(UsageError);
  });

  it('sends each region to its own endpoint (path-style template for the emulator)', async () => {
    const h = createHarness({ endpointTemplate: 'http://127.0.0.1:8080/{region}/' });
    h.agent.get('http://127.0.0.1:8080').intercept({ path: '/us-ewr/clusters/x' }).reply(200, { id: 'x' });
    expect(await h.client.getCluster('us-ewr', 'x')).toEqual({ id: 'x' });
  });

  it('refuses an empty token or one that cannot be a header, without echoing it', () => {
    expect(() => createHarness({ token: '' })).toThrow(UsageError);
    let thrown: unknown;
    try {
      createHarness({ token: 'abc\ndef-secret' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).not.toContain('def-secret');
  });

  it('without a dispatcher, uses the global one at request time (set after the client was built)', async () => {
    const client = createApiClient({ endpointTemplate: TEMPLATE, token: TOKEN });
    const previous = getGlobalDispatcher();
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get(FRA).intercept({ path: '/clusters/g' }).reply(200, { id: 'g' });
    setGlobalDispatcher(agent);
    try {
      expect(await client.getCluster('de-fra', 'g')).toEqual({ id: 'g' });
    } finally {
      setGlobalDispatcher(previous);
      await agent.close();
    }
  });
});
