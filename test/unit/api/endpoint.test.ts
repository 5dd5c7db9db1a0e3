import { describe, expect, it } from 'vitest';
import { createApiClient, redactUserInfo, resolveEndpoint } from '../../../src/api/index.js';
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

describe('user info in an endpoint is redacted by parsing, in every message that shows the template', () => {
  const secretOf = (template: string): string => {
    try {
      resolveEndpoint(template, 'de-fra');
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      return (err as Error).message;
    }
    throw new Error('expected a UsageError');
  };

  it.each([
    ['must contain {region}', 'http://admin:Wint@ter2-Pass!@127.0.0.1:8484', 'http://***@127.0.0.1:8484'],
    ['not a valid URL', 'http://admin:Wint@ter2-Pass!@127.0.0.1:99999/{region}', 'http://***@127.0.0.1:99999/{region}'],
    ['http:// or https://', 'ftp://admin:Wint@ter2-Pass!@127.0.0.1/{region}', 'ftp://***@127.0.0.1/{region}'],
    ['not a valid URL', 'http://admin:pa/ss@w@rd@[bad/{region}', 'http://***@[bad/{region}'],
    ['http:// or https://', 'admin:Wint@ter2-Pass!@host/{region}', '***@host/{region}'],
  ])('%s: %s', (problem, template, shown) => {
    const message = secretOf(template);
    expect(message).toContain(problem);
    expect(message).toContain(shown);
    for (const part of ['Wint', 'ter2', 'admin', 'pa/ss', 'w@rd']) expect(message).not.toContain(part);
  });

  it('redactUserInfo cuts up to the last @ whatever a parser would make of it (better too much than a password)', () => {
    expect(redactUserInfo('https://postgresql.{region}.ionos.com')).toBe('https://postgresql.{region}.ionos.com');
    expect(redactUserInfo('https://gw.example.com/pg@v2/{region}')).toBe('https://***@v2/{region}');
    expect(redactUserInfo('http://&&&?!!:secret@127.0.0.1:8484')).toBe('http://***@127.0.0.1:8484');
    expect(redactUserInfo('https://u:p@gw.example.com/pg@v2/{region}')).toBe('https://***@v2/{region}');
    expect(redactUserInfo('http://$@host:/pass@127.0.0.1:8484')).toBe('http://***@127.0.0.1:8484');
    expect(redactUserInfo('https://u:p@x@gw.example.com?a=@b')).toBe('https://***@b');
  });
});
