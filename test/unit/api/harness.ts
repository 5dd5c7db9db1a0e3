import { MockAgent } from 'undici';
import { type ApiClient, type ApiClientOptions, createApiClient } from '../../../src/api/index.js';

export const TOKEN = 'tok-SECRET-eyJhbGciOiJIUzI1NiJ9.abc';
export const TEMPLATE = 'https://postgresql.{region}.ionos.com';
export const FRA = 'https://postgresql.de-fra.ionos.com';
export const LHR = 'https://postgresql.gb-lhr.ionos.com';
/** A whole second, so HTTP-dates (1 s resolution) are exact. */
export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

export interface LogEntry {
  level: 'debug' | 'info' | 'warn';
  obj: object;
  msg: string | undefined;
}

/** A client on a MockAgent (no network), with a fake clock that `sleep` advances and records. */
export interface Harness {
  client: ApiClient;
  agent: MockAgent;
  delays: number[];
  logs: LogEntry[];
  clock: { t: number };
}

export function createHarness(overrides: Partial<ApiClientOptions> = {}): Harness {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const delays: number[] = [];
  const logs: LogEntry[] = [];
  const clock = { t: T0 };
  const record = (level: LogEntry['level']) => (obj: object, msg?: string) => logs.push({ level, obj, msg });
  const client = createApiClient({
    endpointTemplate: TEMPLATE,
    token: TOKEN,
    dispatcher: agent,
    logger: { debug: record('debug'), info: record('info'), warn: record('warn') },
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      delays.push(ms);
      clock.t += ms;
    },
    random: () => 0.5,
    now: () => clock.t,
    ...overrides,
  });
  return { client, agent, delays, logs, clock };
}

/** A list page as the API sends it, `_links.next` always set (the server bug we must not trust). */
export function listPage(ids: string[], offset: number, limit: number): object {
  return {
    id: 'clusters',
    type: 'collection',
    href: '/clusters',
    items: ids.map((id) => ({ id, type: 'cluster', href: `/clusters/${id}`, metadata: {}, properties: {} })),
    offset,
    limit,
    _links: { next: `/clusters?offset=${offset + limit}&limit=${limit}` },
  };
}

export function apiErrorBody(status: number, ...messages: [string, string][]): object {
  return { httpStatus: status, messages: messages.map(([errorCode, message]) => ({ errorCode, message })) };
}

/** Resolves with what a promise rejected with (fails the test if it resolved). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}
