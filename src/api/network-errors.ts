import { NetworkError } from '../errors.js';
import type { RequestRef } from './errors.js';

/** How a failed connection reads to a person; the code stays in brackets for searches and bug reports. */
const PHRASES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ECONNABORTED: 'the connection was aborted',
  EPIPE: 'the connection broke',
  ETIMEDOUT: 'the connection timed out',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
  ENOTFOUND: 'the host name was not found',
  EAI_AGAIN: 'the host name could not be looked up (DNS)',
  EAI_NONAME: 'the host name was not found',
  EAI_FAIL: 'the host name could not be looked up (DNS)',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  UND_ERR_CLOSED: 'the connection closed unexpectedly',
  UND_ERR_CONNECT_TIMEOUT: 'no connection within the connect timeout',
  UND_ERR_HEADERS_TIMEOUT: 'no answer within the timeout',
  UND_ERR_BODY_TIMEOUT: 'the answer stalled before its end',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak TLS',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'the server does not speak TLS',
};

const CERT_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain has a self-signed certificate',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was issued for another host name',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'it was issued by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'it was issued by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT: 'it was issued by an unknown authority',
};

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const NOT_TLS_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']);
const ENDPOINT_FLAGS = '--endpoint / PGENSURE_ENDPOINT';

/**
 * Maps a transport failure (undici or system error) to a NetworkError: a plain message with the code in brackets
 * and a hint that names the fix. The raw cause is not attached: it can hold OpenSSL internals (the requester logs
 * it at debug level instead).
 */
export function createNetworkError(req: RequestRef, cause: unknown, code = networkCodeOf(cause)): NetworkError {
  const hint = hintForNetworkCode(code, req.url);
  const error = new NetworkError(req, code, hint === undefined ? {} : { hint });
  error.message = `${req.method} ${req.url} failed: ${describeNetworkCode(code)} (${code})`;
  rawDetails.set(error, cause instanceof Error ? cause.message : String(cause));
  return error;
}

const rawDetails = new WeakMap<NetworkError, string>();

/** The transport's own words for the failure (for debug logs only: they can hold OpenSSL internals). */
export function rawDetailOf(error: NetworkError): string | undefined {
  return rawDetails.get(error);
}

/** The first string `code` on the error or its cause chain (undici: UND_ERR_*; system: ECONNRESET, ...). */
export function networkCodeOf(error: unknown): string {
  for (let e: unknown = error, depth = 0; isObject(e) && depth < 5; e = e['cause'], depth++) {
    if (typeof e['code'] === 'string' && e['code'] !== '') return e['code'];
  }
  return isObject(error) && typeof error['name'] === 'string' ? error['name'] : 'UNKNOWN';
}

/** A few words for a network error code ("connection refused"); unknown codes read as "a network error". */
export function describeNetworkCode(code: string): string {
  if (isCertificateCode(code)) return "the server's TLS certificate was not accepted";
  return PHRASES[code] ?? 'a network error';
}

/** The one-line hint for a network error code, naming the host and the likely fix; undefined when none fits. */
export function hintForNetworkCode(code: string, url: string): string | undefined {
  const where = describeOrigin(url);
  if (where === undefined) return undefined;
  if (code === 'ECONNREFUSED') {
    return where.loopback
      ? `nothing is listening on ${where.hostPort} — is the emulator running? (pgensure emulator)`
      : `nothing accepts connections on ${where.hostPort}: check ${ENDPOINT_FLAGS} (default https://postgresql.{region}.ionos.com) and any firewall or proxy`;
  }
  if (DNS_CODES.has(code)) {
    return `the host ${where.hostname} could not be found (DNS): check its spelling in ${ENDPOINT_FLAGS} and your network`;
  }
  if (NOT_TLS_CODES.has(code)) {
    return `the endpoint says https:// but ${where.hostPort} answers in plain HTTP: use http://${where.hostPort}/… in ${ENDPOINT_FLAGS}`;
  }
  if (isCertificateCode(code)) {
    const reason = CERT_REASONS[code] ?? `TLS error ${code}`;
    return `the TLS certificate of ${where.hostname} was not accepted (${reason}): check the host in ${ENDPOINT_FLAGS}; behind a TLS-inspecting proxy, set NODE_EXTRA_CA_CERTS to its CA certificate file`;
  }
  if (code.endsWith('_TIMEOUT') || code === 'ETIMEDOUT') {
    return `${where.hostPort} did not answer in time: check the network, any proxy, and ${ENDPOINT_FLAGS}`;
  }
  if ((code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') && url.startsWith('http://')) {
    return `${where.hostPort} closed the connection: if it expects TLS, use https:// in ${ENDPOINT_FLAGS}`;
  }
  if (code.startsWith('HPE_')) {
    return `${where.hostPort} did not answer in HTTP: if it expects TLS, use https:// in ${ENDPOINT_FLAGS}`;
  }
  return undefined;
}

function isCertificateCode(code: string): boolean {
  return code in CERT_REASONS || code.includes('CERT') || (code.startsWith('ERR_TLS') && code !== 'ERR_TLS_HANDSHAKE');
}

interface Origin {
  hostname: string;
  hostPort: string;
  loopback: boolean;
}

function describeOrigin(url: string): Origin | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  return { hostname: parsed.hostname, hostPort: `${parsed.hostname}:${port}`, loopback: isLoopback(parsed.hostname) };
}

/** localhost, *.localhost, 127.0.0.0/8 and ::1 (URL keeps IPv6 hosts in brackets). */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
