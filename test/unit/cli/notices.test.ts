import { describe, expect, it } from 'vitest';
import type { RetryEvent } from '../../../src/api/index.js';
import { createNotices, describeRetry, silenceNotices } from '../../../src/cli/notices.js';
import { ApiError, NetworkError } from '../../../src/errors.js';

const FRA = 'http://127.0.0.1:8484/de-fra/clusters?offset=0&limit=100';
const LHR = 'http://127.0.0.1:8484/gb-lhr/versions?offset=0&limit=100';

function event(url: string, error: RetryEvent['error'], region: RetryEvent['region'] = 'de-fra'): RetryEvent {
  return { region, method: 'GET', url, attempt: 1, delayMs: 2100, reason: 'x', error };
}

function collect(enabled = true) {
  const lines: string[] = [];
  const notices = createNotices((text) => lines.push(text), enabled);
  const say = (e: RetryEvent) => {
    const { key, line } = describeRetry(e);
    notices.once(key, line);
  };
  return { lines, notices, say };
}

describe('retry notices', () => {
  it('one human line per API origin, however many requests and regions retry there', () => {
    const { lines, say } = collect();
    const refused = new NetworkError({ method: 'GET', url: FRA }, 'ECONNREFUSED');
    say(event(FRA, refused));
    say(event(FRA, refused));
    say(event(LHR, refused, 'gb-lhr'));
    expect(lines).toEqual(['de-fra: the API did not answer (connection refused); retrying…\n']);
  });

  it('each region of the real API has its own origin, so its own line (at most one)', () => {
    const { lines, say } = collect();
    const a = 'https://postgresql.de-fra.ionos.com/clusters';
    const b = 'https://postgresql.gb-lhr.ionos.com/clusters';
    say(event(a, new ApiError({ method: 'GET', url: a }, { status: 429, message: 'slow' })));
    say(event(b, new ApiError({ method: 'GET', url: b }, { status: 503, message: 'down' }), 'gb-lhr'));
    say(event(b, new NetworkError({ method: 'GET', url: b }, 'ECONNRESET'), 'gb-lhr'));
    expect(lines).toEqual([
      'de-fra: the API is rate limiting (HTTP 429); waiting 2.1 s, then retrying…\n',
      'gb-lhr: the API answered HTTP 503; retrying…\n',
    ]);
  });

  it('disabled (e.g. --log-level error or silent): nothing', () => {
    const { lines, say } = collect(false);
    say(event(FRA, new NetworkError({ method: 'GET', url: FRA }, 'ECONNREFUSED')));
    expect(lines).toEqual([]);
  });

  it('silenceNotices() stops every live source: nothing after the final error', () => {
    const first = collect();
    const second = collect();
    silenceNotices();
    const refused = new NetworkError({ method: 'GET', url: FRA }, 'ECONNREFUSED');
    first.say(event(FRA, refused));
    second.say(event(FRA, refused));
    expect([...first.lines, ...second.lines]).toEqual([]);
    const later = collect(); // a new command in the same process speaks again
    later.say(event(FRA, refused));
    expect(later.lines).toHaveLength(1);
  });
});
