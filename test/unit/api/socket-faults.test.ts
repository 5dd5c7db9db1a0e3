import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../src/api/index.js';
import { NetworkError } from '../../../src/errors.js';
import { rejectionOf, TOKEN } from './harness.js';

// Real socket faults MockAgent cannot produce: a stalled body, a reset after the server read the PUT.
let server: Server;
let template: string;
const agent = new Agent();
let putCount = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/de-fra/clusters/stall') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":'); // never finished
      return;
    }
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      putCount++;
      if (putCount === 1) {
        req.socket.destroy(); // processed, but the answer is lost
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...JSON.parse(body), type: 'cluster', href: req.url, metadata: {} }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  template = `http://127.0.0.1:${(server.address() as AddressInfo).port}/{region}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await agent.close();
});

describe('socket faults (loopback server)', () => {
  it('names a stalled body UND_ERR_BODY_TIMEOUT', async () => {
    const client = createApiClient({
      endpointTemplate: template,
      token: TOKEN,
      dispatcher: agent,
      bodyTimeoutMs: 100,
      retry: { maxAttempts: 1 },
    });
    const e = (await rejectionOf(client.getCluster('de-fra', 'stall'))) as NetworkError;
    expect(e).toBeInstanceOf(NetworkError);
    expect(e.causeCode).toBe('UND_ERR_BODY_TIMEOUT');
  });

  it('does not repeat a PUT whose answer was lost to a reset (apply reads the cluster again first)', async () => {
    const delays: number[] = [];
    const client = createApiClient({
      endpointTemplate: template,
      token: TOKEN,
      dispatcher: agent,
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    const error = await client.putCluster('de-fra', 'c-1', { name: 'n' } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(putCount).toBe(1);
    expect(delays).toHaveLength(0);
  });
});
