import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, deliveryOf } from '../../../src/api/index.js';
import type { NetworkError } from '../../../src/errors.js';
import { rejectionOf, TOKEN } from './harness.js';

// A throwaway self-signed certificate for CN=localhost (test only; valid until 2126).
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg3A036qU96uto4IIm
mmW1owKfQQPF05Gpy5eqYct35XehRANCAATrZk5Rv9cideeguQ1kfq3im1WsQmxX
sKRsjcrynMxzZlNToBSRboJF0Hzpx2aOJO+GLvC+nT8XuWgJbcamGbNN
-----END PRIVATE KEY-----`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIBfzCCASWgAwIBAgIUfHdIaY7lBg4r8YCFUwHWWQfspYcwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwMTIzMTAxOVoYDzIxMjYxMTA3
MjMxMDE5WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAATrZk5Rv9cideeguQ1kfq3im1WsQmxXsKRsjcrynMxzZlNToBSRboJF
0Hzpx2aOJO+GLvC+nT8XuWgJbcamGbNNo1MwUTAdBgNVHQ4EFgQUAMOIm6MtzuZi
idMsZW1uanaY45MwHwYDVR0jBBgwFoAUAMOIm6MtzuZiidMsZW1uanaY45MwDwYD
VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiA5DUuLWs+x0TTgfshfa7VC
klAbePjNC8LGnH5nOjTt0QIhALrll0xg3bm64gph3kFx8nEPSAzXxTRNb83x50jE
UG4s
-----END CERTIFICATE-----`;

const agent = new Agent();
let plain: Server;
let tls: Server;
let closedPort: number;

const portOf = (server: Server) => (server.address() as AddressInfo).port;
const listen = (server: Server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

beforeAll(async () => {
  plain = createServer((_req, res) => res.end('{}'));
  tls = createTlsServer({ key: KEY, cert: CERT }, (_req, res) => res.end('{}'));
  const closed = createServer();
  await Promise.all([listen(plain), listen(tls), listen(closed)]);
  closedPort = portOf(closed);
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  plain.closeAllConnections();
  tls.closeAllConnections();
  await Promise.all([new Promise((r) => plain.close(r)), new Promise((r) => tls.close(r)), agent.close()]);
});

function clientFor(template: string) {
  const delays: number[] = [];
  const client = createApiClient({
    endpointTemplate: template,
    token: TOKEN,
    dispatcher: agent,
    sleep: async (ms) => {
      delays.push(ms);
    },
  });
  return { client, delays };
}

/** Everything a user could see of an error. */
const shown = (e: NetworkError) => [e.message, e.hint ?? '', String(e.cause ?? '')].join('\n');

describe('network hints name the fix (real sockets)', () => {
  it('refused on a loopback endpoint: is the emulator running?', async () => {
    const { client, delays } = clientFor(`http://127.0.0.1:${closedPort}/{region}`);
    const e = (await rejectionOf(client.listClusters('de-fra'))) as NetworkError;
    expect(e.causeCode).toBe('ECONNREFUSED');
    expect(e.message).toBe(
      `GET http://127.0.0.1:${closedPort}/de-fra/clusters?offset=0&limit=100 failed: connection refused (ECONNREFUSED); gave up after 6 attempts`,
    );
    expect(e.hint).toBe(
      `nothing is listening on 127.0.0.1:${closedPort} — is the emulator running? (pgensure emulator)`,
    );
    expect(e.cause).toBeUndefined();
    expect(delays).toHaveLength(5);
    expect(deliveryOf(e)).toBe('not-sent');
  });

  it('an https:// endpoint that speaks plain HTTP: says so, with no OpenSSL internals, not retried', async () => {
    const { client, delays } = clientFor(`https://127.0.0.1:${portOf(plain)}/{region}`);
    const e = (await rejectionOf(client.getCluster('de-fra', 'x'))) as NetworkError;
    expect(e.causeCode).toBe('ERR_SSL_WRONG_VERSION_NUMBER');
    expect(e.message).toContain('failed: the server does not speak TLS (ERR_SSL_WRONG_VERSION_NUMBER)');
    expect(e.hint).toBe(
      `the endpoint says https:// but 127.0.0.1:${portOf(plain)} answers in plain HTTP: use http://127.0.0.1:${portOf(plain)}/… in --endpoint / PGENSURE_ENDPOINT`,
    );
    expect(shown(e)).not.toMatch(/ssl3_|error:0A|openssl|routines/i);
    expect(delays).toEqual([]);
  });

  it('a certificate that is not trusted: names the host and the reason, and NODE_EXTRA_CA_CERTS', async () => {
    const { client, delays } = clientFor(`https://localhost:${portOf(tls)}/{region}`);
    const e = (await rejectionOf(client.getCluster('de-fra', 'x'))) as NetworkError;
    expect(e.causeCode).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(e.message).toContain("failed: the server's TLS certificate was not accepted (DEPTH_ZERO_SELF_SIGNED_CERT)");
    expect(e.hint).toContain('the TLS certificate of localhost was not accepted (it is self-signed)');
    expect(e.hint).toContain('NODE_EXTRA_CA_CERTS');
    expect(delays).toEqual([]);
  });

  it('an http:// endpoint that expects TLS: suggests https://', async () => {
    const { client } = clientFor(`http://127.0.0.1:${portOf(tls)}/{region}`);
    const e = (await rejectionOf(client.getCluster('de-fra', 'x'))) as NetworkError;
    expect(e.hint).toContain('if it expects TLS, use https://');
  });
});
