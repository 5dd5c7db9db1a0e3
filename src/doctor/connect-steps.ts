/** I/O: reaches an endpoint step by step (DNS lookup, TCP connect, TLS handshake) so a failure names its step. */
import { lookup } from 'node:dns/promises';
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import type { ConnectStep } from './types.js';

/** Options of the step probe; `now` is injected so tests control time. */
export interface ConnectOptions {
  timeoutMs: number;
  now: () => number;
}

/** DNS, TCP and (for https) TLS, in order; stops at the first failure. The connection is closed afterwards. */
export async function probeConnectSteps(url: URL, options: ConnectOptions): Promise<ConnectStep[]> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const steps: ConnectStep[] = [];
  const dns = await timeStep('dns', options, async () => {
    if (isIP(host) !== 0) return { address: host, detail: 'an IP address, no lookup' };
    const found = await lookup(host, { all: true });
    const first = found[0];
    if (first === undefined) throw Object.assign(new Error('no addresses'), { code: 'ENODATA' });
    return { address: first.address, detail: `${found.length} address${found.length === 1 ? '' : 'es'}` };
  });
  steps.push(dns.step);
  if (dns.value === undefined) return steps;
  const tcp = await timeStep('tcp', options, async () => {
    const socket = await openSocket(dns.value!.address, port, options.timeoutMs);
    return { socket, detail: `${dns.value!.address}:${port}` };
  });
  steps.push(tcp.step);
  if (tcp.value === undefined) return steps;
  if (url.protocol !== 'https:') {
    tcp.value.socket.destroy();
    steps.push({ step: 'tls', state: 'n/a', ms: null, detail: 'plain http', code: null });
    return steps;
  }
  const tls = await timeStep('tls', options, async () => {
    const secure = await handshake(tcp.value!.socket, host, options.timeoutMs);
    const cert = secure.getPeerCertificate();
    secure.destroy();
    const until = cert?.valid_to ? `, certificate valid until ${cert.valid_to}` : '';
    return { detail: `${secure.getProtocol() ?? 'TLS'}${until}` };
  });
  tcp.value.socket.destroy();
  steps.push(tls.step);
  return steps;
}

async function timeStep<T extends { detail: string }>(
  step: ConnectStep['step'],
  options: ConnectOptions,
  run: () => Promise<T>,
): Promise<{ step: ConnectStep; value: T | undefined }> {
  const started = options.now();
  try {
    const value = await withTimeout(run(), options.timeoutMs, step);
    const ms = isIpStep(step, value.detail) ? null : options.now() - started;
    return { step: { step, state: 'ok', ms, detail: value.detail, code: null }, value };
  } catch (error) {
    const code = errorCode(error);
    return { step: { step, state: 'failed', ms: null, detail: describeError(error, code), code }, value: undefined };
  }
}

function isIpStep(step: ConnectStep['step'], detail: string): boolean {
  return step === 'dns' && detail.startsWith('an IP address');
}

/** OpenSSL's messages run over several lines with source paths: keep its `reason` and the code instead. */
function describeError(error: unknown, code: string): string {
  const reason = (error as { reason?: unknown } | undefined)?.reason;
  if (typeof reason === 'string') return `${reason} (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim();
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'ERROR';
}

function withTimeout<T>(work: Promise<T>, ms: number, step: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`${step.toUpperCase()} timed out after ${ms} ms`), { code: 'ETIMEDOUT' })),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function openSocket(address: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: address, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.setTimeout(0);
      resolve(socket);
    });
    socket.once('timeout', () =>
      socket.destroy(Object.assign(new Error('TCP connect timed out'), { code: 'ETIMEDOUT' })),
    );
    socket.once('error', reject);
  });
}

function handshake(socket: Socket, servername: string, timeoutMs: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = connectTls({
      socket,
      ...(isIP(servername) === 0 ? { servername } : {}),
      ALPNProtocols: ['http/1.1'],
      timeout: timeoutMs,
    });
    secure.once('secureConnect', () => resolve(secure));
    secure.once('error', (error) => {
      secure.destroy();
      reject(error);
    });
  });
}
