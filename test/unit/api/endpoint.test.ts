import { describe, expect, it } from 'vitest';
import { createApiClient, resolveEndpoint } from '../../../src/api/index.js';
import { UsageError } from '../../../src/errors.js';

describe('resolveEndpoint', () => {
  it.each([
    ['https://postgresql.{region}.ionos.com', 'de-fra', 'https://postgresql.de-fra.ionos.com'],
    ['https://postgresql.{region}.ionos.com/', 'gb-lhr', 'https://postgresql.gb-lhr.ionos.com'],
    ['http://127.0.0.1:4010/{region}', 'us-ewr', 'http://127.0.0.1:4010/us-ewr'],
    ['http://127.0.0.1:4010/{region}/', 'us-ewr', 'http://127.0.0.1:4010/us-ewr'],
    ['https://gw.example.com/pg/{region}/v2//', 'fr-par', 'https://gw.example.com/pg/fr-par/v2'],
  ] as const)('%s + %s -> %s', (template, region, expected) => {
    expect(resolveEndpoint(template, region)).toBe(expected);
  });

  it.each([
    ['no placeholder', 'https://postgresql.de-fra.ionos.com', 'must contain {region}'],
    ['not a URL', '{region}', 'not a valid URL'],
    ['ftp', 'ftp://host/{region}', 'http:// or https://'],
    ['query', 'https://h/{region}?x=1', 'query or fragment'],
    ['fragment', 'https://h/{region}#x', 'query or fragment'],
  ])('refuses %s', (_name, template, message) => {
    expect(() => resolveEndpoint(template, 'de-fra')).toThrow(UsageError);
    expect(() => resolveEndpoint(template, 'de-fra')).toThrow(message);
  });

  it('refuses credentials in the URL without echoing them', () => {
    let thrown: unknown;
    try {
      resolveEndpoint('https://user:hunter2@postgresql.{region}.ionos.com', 'de-fra');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).not.toContain('hunter2');
  });

  it('refuses an unknown region', () => {
    expect(() => resolveEndpoint('https://postgresql.{region}.ionos.com', 'mars-1' as never)).toThrow(UsageError);
  });

  it('createApiClient validates the template up front', () => {
    expect(() => createApiClient({ endpointTemplate: 'https://x.ionos.com', token: 't' })).toThrow('{region}');
  });
});
