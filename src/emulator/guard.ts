/** What keeps a browser page from driving the local emulator: loopback Host, own Origin, the admin token. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { errorReply, isJsonType } from './http-io.js';
import type { Reply } from './types.js';

/** The header the admin API reads its token from: a cross-site form cannot set it. */
export const ADMIN_TOKEN_HEADER = 'x-emulator-token';

/** A fresh admin token: 32 random bytes, base64url (43 characters). */
export function generateAdminToken(): string {
  return randomBytes(32).toString('base64url');
}

const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d{1,5})?$/i;

/** Whether a Host header names a loopback address; a request without Host is not from a browser. */
export function isLoopbackHost(host: string | undefined): boolean {
  return host === undefined || LOOPBACK_HOST.test(host);
}

/** Whether an Origin header, if any, is this server itself (http://<loopback>:<port>). */
export function isOwnOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && Number(url.port || '80') === port && LOOPBACK_HOST.test(url.hostname);
}

/** 403 unless Host is loopback and Origin (when sent) is this server: a page elsewhere never gets an answer. */
export function checkBrowserSafety(headers: IncomingHttpHeaders, port: number): Reply | undefined {
  if (!isLoopbackHost(headers.host)) {
    const message = `Host ${JSON.stringify(headers.host)} is not a loopback address; the emulator only answers on loopback`;
    return errorReply(403, 'FORBIDDEN_HOST', message);
  }
  if (!isOwnOrigin(headers.origin, port)) {
    return errorReply(403, 'FORBIDDEN_ORIGIN', `requests from the web origin ${headers.origin} are refused`);
  }
  return undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** 401 without the admin token; 415 for a body that is not application/json (what a form can send). */
export function checkAdminAccess(headers: IncomingHttpHeaders, token: string, hasBody: boolean): Reply | undefined {
  const given = headers[ADMIN_TOKEN_HEADER];
  if (typeof given !== 'string' || !sameSecret(given, token)) {
    const message = `the admin API needs the header ${ADMIN_TOKEN_HEADER}: <admin token> (printed by pgensure emulator at start)`;
    return errorReply(401, 'ADMIN_TOKEN_REQUIRED', message);
  }
  if (hasBody && !isJsonType(headers['content-type'])) {
    return errorReply(415, 'UNSUPPORTED_MEDIA_TYPE', 'admin request bodies must be application/json');
  }
  return undefined;
}
