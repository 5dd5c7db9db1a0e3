/** A small client of a running emulator's admin API, for `pgensure emulator edit|seed|...`; every failure a UsageError. */
import { UsageError } from '../../errors.js';

/** Where the emulator is and how to get in. */
export interface AdminTarget {
  url: string;
  token: string;
}

/** The target from --url / --admin-token, else PGENSURE_EMULATOR_URL / PGENSURE_EMULATOR_ADMIN_TOKEN. */
export function resolveTarget(url: string | undefined, token: string | undefined, env: NodeJS.ProcessEnv): AdminTarget {
  const base = (url ?? env['PGENSURE_EMULATOR_URL'] ?? 'http://127.0.0.1:8484').replace(/\/+$/, '');
  if (!/^http:\/\/[^/]+$/.test(base)) {
    throw new UsageError(`--url must be the emulator's base URL such as http://127.0.0.1:8484 (got "${base}")`);
  }
  const secret = token ?? env['PGENSURE_EMULATOR_ADMIN_TOKEN'];
  if (secret === undefined || secret === '') {
    throw new UsageError('no admin token for the emulator', {
      hint: 'pass --admin-token, or export the PGENSURE_EMULATOR_ADMIN_TOKEN line `pgensure emulator` printed at start',
    });
  }
  return { url: base, token: secret };
}

function messagesOf(body: unknown): string {
  const messages = (body as { messages?: { message?: string }[] } | null)?.messages;
  if (!Array.isArray(messages)) return 'no details';
  return messages.map((m) => m.message ?? '?').join('; ');
}

async function send(target: AdminTarget, method: string, path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(`${target.url}/_emulator/${path}`, {
      method,
      headers: { 'x-emulator-token': target.token, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code ?? 'no answer';
    throw new UsageError(`nothing answered at ${target.url} (${code})`, {
      hint: 'is `pgensure emulator` running? Point --url or PGENSURE_EMULATOR_URL at it',
    });
  }
}

/** One admin call; the parsed JSON answer, or a UsageError that says what the emulator refused. */
export async function callAdmin(target: AdminTarget, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await send(target, method, path, body);
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    throw new UsageError(`${target.url} did not answer like a pgensure emulator (HTTP ${response.status})`, {
      hint: 'check --url / PGENSURE_EMULATOR_URL',
    });
  }
  if (response.status === 401) {
    throw new UsageError(`the emulator at ${target.url} refused the admin token`, {
      hint: 'use the PGENSURE_EMULATOR_ADMIN_TOKEN that emulator printed at start (--admin-token or the environment)',
    });
  }
  if (response.status >= 400) {
    throw new UsageError(`the emulator refused: ${messagesOf(parsed)} (HTTP ${response.status})`);
  }
  return parsed;
}
