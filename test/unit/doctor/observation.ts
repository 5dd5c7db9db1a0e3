import type { DoctorSettings, HttpExchange, RegionObservation } from '../../../src/doctor/types.js';

export const SETTINGS: DoctorSettings = { pageSize: 100, maxLatencyMs: 3000, maxClockSkewMs: 30_000 };

/** A 200 answer at t=1000..1020 ms with a Date header matching the local clock (no skew), unless overridden. */
export function exchange(overrides: Partial<HttpExchange> = {}): HttpExchange {
  return {
    path: '/clusters?offset=0&limit=1',
    startedAt: 1_700_000_000_000,
    answeredAt: 1_700_000_000_020,
    status: 200,
    headers: { date: new Date(1_700_000_000_000).toUTCString() },
    body: { items: [] },
    ...overrides,
  };
}

/** A list body with `count` items named c0, c1, ... (ids id-<offset+i>) and the given echoed limit. */
export function listBody(count: number, limit: number, offset = 0): unknown {
  const items = Array.from({ length: count }, (_, i) => ({ id: `id-${offset + i}`, properties: { name: `c${i}` } }));
  return { items, offset, limit };
}

/** A region where everything worked: override the parts a test is about. */
export function observation(overrides: Partial<RegionObservation> = {}): RegionObservation {
  const ok = exchange();
  return {
    region: 'de-fra',
    baseUrl: 'https://postgresql.de-fra.ionos.com',
    connect: [
      { step: 'dns', state: 'ok', ms: 3, detail: '2 addresses', code: null },
      { step: 'tcp', state: 'ok', ms: 12, detail: '192.0.2.1:443', code: null },
      { step: 'tls', state: 'ok', ms: 25, detail: 'TLSv1.3', code: null },
    ],
    httpFailure: undefined,
    auth: ok,
    latency: [20, 30, 25, 40, 22].map((ms) => exchange({ answeredAt: ok.startedAt + ms })),
    versions: exchange({ path: '/versions', body: { items: [{ properties: { version: '16' } }] } }),
    backupLocations: exchange({ path: '/backup-locations', body: { items: [{ properties: { location: 'de' } }] } }),
    firstPage: exchange({ path: '/clusters?offset=0&limit=100', body: listBody(100, 100) }),
    nextPage: undefined,
    exchanges: [ok],
    ...overrides,
  };
}
