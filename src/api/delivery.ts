import { ApiError, NetworkError, PgensureError } from '../errors.js';

/**
 * What a failed call may have done on the server, for callers of a non-idempotent request (POST):
 * - `not-sent`: the request certainly never reached the server (refused, DNS, TLS handshake, connect timeout, a
 *   bad argument): nothing happened; sending again is safe.
 * - `not-applied`: the server answered with a refusal (4xx, 3xx): it reached the server and nothing was done.
 * - `unknown`: it may have been applied (a timeout or reset after sending, a 5xx, a 2xx whose body was unusable,
 *   anything unrecognised): look before sending again (for a create, list the region by name).
 * An abort through the caller's AbortSignal rejects with the signal's reason, which is `unknown` too.
 */
export type RequestDelivery = 'not-sent' | 'not-applied' | 'unknown';

/** Codes raised while connecting, before a single byte of the request was written. */
const BEFORE_SENDING = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
]);

/** Classifies an error thrown by an ApiClient call; see RequestDelivery. */
export function deliveryOf(error: unknown): RequestDelivery {
  if (error instanceof NetworkError) return isBeforeSending(error.causeCode) ? 'not-sent' : 'unknown';
  if (error instanceof ApiError) return error.status >= 300 && error.status < 500 ? 'not-applied' : 'unknown';
  // UsageError and friends are thrown before anything is sent (a bad id, region or option).
  if (error instanceof PgensureError) return 'not-sent';
  return 'unknown';
}

/** True when the failed request may have changed something on the server (deliveryOf is `unknown`). */
export function mayHaveBeenApplied(error: unknown): boolean {
  return deliveryOf(error) === 'unknown';
}

/** The code belongs to the connect phase (TCP, DNS, TLS handshake): the request was not written. */
export function isBeforeSending(code: string): boolean {
  return BEFORE_SENDING.has(code) || code.includes('CERT') || code.startsWith('ERR_TLS_CERT');
}
