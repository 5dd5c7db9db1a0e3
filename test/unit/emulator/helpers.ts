/** Shared helpers for the emulator tests: a fake clock, valid bodies and a small HTTP client. */
import { request } from 'undici';
import type { ClusterProperties } from '../../../src/api/types.js';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../../src/emulator/index.js';

export const TOKEN = 'test-token';
export const PASSWORD = 'S3cret!pass';

/** A manual clock: tests move time instead of sleeping. */
export interface FakeClock {
  now: () => number;
  advance(ms: number): void;
}

export function createClock(start = Date.parse('2030-01-01T00:00:00.000Z')): FakeClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

/** Starts an emulator with a fake clock and a fixed token unless told otherwise. */
export async function startTestEmulator(
  options: EmulatorOptions = {},
): Promise<{ emu: RunningEmulator; clock: FakeClock }> {
  const clock = createClock();
  const emu = await startEmulator({ token: TOKEN, provisioningDelayMs: 1000, now: clock.now, seed: 42, ...options });
  return { emu, clock };
}

/** Valid v2 properties (with credentials), with top-level overrides. */
export function validProperties(overrides: Record<string, unknown> = {}): ClusterProperties {
  return {
    name: 'orders-prod',
    version: '16',
    instances: { count: 1, cores: 2, ram: 4, storageSize: 20 },
    connection: {
      datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
      lanId: '2',
      primaryInstanceAddress: '192.168.1.10/24',
    },
    maintenanceWindow: { dayOfTheWeek: 'Sunday', time: '03:00:00' },
    replicationMode: 'ASYNCHRONOUS',
    backup: { location: 'eu-central-3', retentionDays: 7 },
    credentials: { username: 'orders_admin', database: 'orders', password: PASSWORD },
    ...overrides,
  } as ClusterProperties;
}

/** Readable properties without the write-only credentials (what a seed "created elsewhere" looks like). */
export function readableProperties(overrides: Record<string, unknown> = {}): ClusterProperties {
  const { credentials: _omit, ...rest } = validProperties(overrides);
  return rest as ClusterProperties;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON
  body: any;
  text: string;
}

/** One request against the emulator; JSON in and out, Bearer TOKEN unless headers say otherwise. */
export async function call(
  emu: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const payload = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await request(`${emu.url}${path}`, {
    method: method as 'GET',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body: payload,
  });
  const text = await res.body.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.statusCode, headers: res.headers, body: parsed, text };
}

export const ID1 = '0b6c1f0e-6a8e-4f31-9d7c-2a1e5d7c9b10';
export const ID2 = '1c7d2a1f-7b9f-4a42-8e8d-3b2f6e8dac21';

/** PUT-create a cluster with validProperties(overrides) under `id`. */
export function putCluster(
  emu: RunningEmulator,
  region: string,
  id: string,
  overrides: Record<string, unknown> = {},
): Promise<Answer> {
  return call(emu, 'PUT', `/${region}/clusters/${id}`, { id, properties: validProperties(overrides) });
}

/** One admin request (`/_emulator/<path>`): the admin token header, no API Authorization header. */
export function admin(
  emu: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const token = (emu as { adminToken?: string }).adminToken ?? '';
  return call(emu, method, `/_emulator/${path}`, body, { authorization: '', 'x-emulator-token': token, ...headers });
}
