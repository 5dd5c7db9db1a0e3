import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApiClient, resolveEndpoint } from '../../../src/api/index.js';
import { parsePageSize } from '../../../src/cli/connect.js';
import { UsageError } from '../../../src/errors.js';
import { createHarness, FRA, listPage, TOKEN } from './harness.js';

/** Runs `fn`; a thrown error must be a UsageError (what a user can cause is never an internal error). */
function outcomeOf(fn: () => unknown): 'ok' | UsageError {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
}

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));

describe('user-controlled input never crashes the client (property)', () => {
  it('any endpoint template: a base URL or a UsageError', () => {
    const template = fc.oneof(
      anyText,
      anyText.map((t) => `https://${t}/{region}`),
      fc.tuple(anyText, anyText).map(([a, b]) => `http://${a}{region}${b}`),
    );
    fc.assert(
      fc.property(template, (t) => void outcomeOf(() => resolveEndpoint(t, 'de-fra'))),
      { numRuns: 2000 },
    );
  });

  it('user info in a template never shows in the error, whatever it holds', () => {
    const part = fc.string({ minLength: 6, maxLength: 20 }).filter((p) => /^[^{}\s]+$/.test(p));
    const shapes = (u: string, p: string) => [
      `http://${u}:${p}@127.0.0.1:8484`, // no {region}
      `http://${u}:${p}@127.0.0.1:99999/{region}`, // not a valid URL
      `ftp://${u}:${p}@127.0.0.1/{region}`, // not http(s)
      `https://${u}:${p}@postgresql.{region}.ionos.com`, // credentials refused
    ];
    fc.assert(
      fc.property(part, part, (u, p) => {
        for (const template of shapes(u, p)) {
          const result = outcomeOf(() => resolveEndpoint(template, 'de-fra'));
          if (result === 'ok') continue;
          expect(result.message).not.toContain(p);
          expect(result.message).not.toContain(`${u}:`);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('any token: a client or a UsageError (never echoing the token)', () => {
    fc.assert(
      fc.property(anyText, (token) => {
        const result = outcomeOf(() => createApiClient({ endpointTemplate: FRA.replace('de-fra', '{region}'), token }));
        if (result !== 'ok' && token.length > 3) expect(result.message).not.toContain(token);
      }),
      { numRuns: 1000 },
    );
  });

  it('any PGENSURE_PAGE_SIZE: a page size 1..1000, unset, or a UsageError', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.integer().map(String), fc.double().map(String)), (value) => {
        const result = outcomeOf(() => {
          const size = parsePageSize(value);
          if (size !== undefined) expect(Number.isInteger(size) && size >= 1 && size <= 1000).toBe(true);
        });
        if (result !== 'ok') expect(result.message).not.toContain('\n');
      }),
      { numRuns: 2000 },
    );
  });

  it('any id or name filter is sent URL-encoded (lone surrogates included), an empty id is a UsageError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1 }), async (text) => {
        const h = createHarness({ token: TOKEN });
        const pool = h.agent.get(FRA);
        pool.intercept({ path: (p) => p.startsWith('/clusters/') }).reply(404, '');
        pool.intercept({ path: (p) => p.startsWith('/clusters?') }).reply(200, listPage([], 0, 100));
        expect(await h.client.getCluster('de-fra', text)).toBeNull();
        expect(await h.client.listClusters('de-fra', { nameContains: text })).toEqual([]);
      }),
      { numRuns: 300 },
    );
    const h = createHarness();
    await expect(h.client.getCluster('de-fra', '')).rejects.toBeInstanceOf(UsageError);
  });
});
