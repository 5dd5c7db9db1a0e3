import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isWellFormed,
  MIN_SECRET_LENGTH,
  minimumEchoLength,
  REDACTED,
  Scrubber,
  spellingsOf,
} from '../../../src/secrets/index.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwZ2Vuc3VyZSJ9.c2lnbmF0dXJlLXNlY3JldA';
const PASSWORD = 'Secr3t!pw"\\ü';

function scrubberOf(...secrets: string[]): Scrubber {
  const scrubber = new Scrubber();
  for (const secret of secrets) scrubber.add(secret);
  return scrubber;
}

/** The reference: whether `text` holds a piece at least minimumEchoLength long of any spelling (a naive search). */
function holdsEcho(text: string, secrets: readonly string[]): boolean {
  for (const spelling of secrets.flatMap(spellingsOf)) {
    const min = minimumEchoLength(spelling.length);
    for (let from = 0; from + min <= spelling.length; from++) {
      if (text.includes(spelling.slice(from, from + min))) return true;
    }
  }
  return false;
}

const secretArb = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom(...'aZ9!@$%*?&"\\/+ :=é€'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    ),
    minLength: 8,
    maxLength: 40,
  })
  .filter((s) => s.length >= MIN_SECRET_LENGTH && !holdsEcho(REDACTED, [s]));

/** Texts that carry a secret the ways output does: in JSON, in a URL, in base64 with a prefix, cut short, as is. */
function carrierArb(secret: string): fc.Arbitrary<string> {
  const filler = fc.string({ maxLength: 30 });
  const cut = fc.integer({ min: 0, max: secret.length }).map((n) => secret.slice(n));
  return fc.oneof(
    fc.tuple(filler, filler).map(([a, b]) => `${a}${secret}${b}`),
    fc.tuple(filler, filler).map(([a, b]) => JSON.stringify({ statusMessage: `${a}${secret}${b}` })),
    fc.tuple(filler, filler).map(([a, b]) => JSON.stringify(JSON.stringify({ body: `${a}${secret}${b}` }))),
    filler.map((a) => `https://x/?q=${isWellFormed(`${a}${secret}`) ? encodeURIComponent(`${a}${secret}`) : ''}&p=1`),
    fc.tuple(filler, filler).map(([a, b]) => Buffer.from(`${a}${secret}${b}`).toString('base64')),
    fc.tuple(filler, filler).map(([a, b]) => Buffer.from(`${a}${secret}${b}`).toString('base64url')),
    fc.tuple(filler, cut).map(([a, piece]) => `${a}${piece}`),
    fc.tuple(fc.constantFrom(...spellingsOf(secret)), filler).map(([s, b]) => `${s}${b}${s}`),
  );
}

describe('Scrubber', () => {
  it('removes the token and a password in every spelling: raw, JSON, URL-encoded, base64 of user:secret', () => {
    const scrubber = scrubberOf(TOKEN, PASSWORD);
    const texts = [
      `Authorization: Bearer ${TOKEN}`,
      JSON.stringify({ statusMessage: `token ${TOKEN} and ${PASSWORD}` }),
      JSON.stringify(JSON.stringify({ password: PASSWORD })),
      `?password=${encodeURIComponent(PASSWORD)}`,
      `Basic ${Buffer.from(`orders_admin:${PASSWORD}`).toString('base64')}`,
      Buffer.from(PASSWORD).toString('base64'),
      Buffer.from(TOKEN).toString('base64url'),
    ];
    for (const text of texts) {
      const out = scrubber.scrub(text);
      expect(out).toContain(REDACTED);
      expect(holdsEcho(out, [TOKEN, PASSWORD]), out).toBe(false);
    }
  });

  it('removes long partial echoes (a message that cuts the value short) and keeps short common pieces', () => {
    const scrubber = scrubberOf('Orders-Passw0rd!');
    expect(scrubber.scrub('password "Orders-Passw…" is invalid')).toBe(`password "${REDACTED}…" is invalid`);
    expect(scrubber.scrub('…s-Passw0rd! was refused')).toBe(`…${REDACTED} was refused`);
    expect(scrubber.scrub('Orders service (production)')).toBe('Orders service (production)');
    expect(scrubberOf(TOKEN).scrub(`token ${TOKEN.slice(0, 16)}…`)).toBe(`token ${REDACTED}…`);
  });

  it('ignores secrets too short to tell from ordinary words', () => {
    const scrubber = scrubberOf('t', 'abc1234');
    expect(scrubber.isEmpty).toBe(true);
    expect(scrubber.scrub('the token abc1234 is t')).toBe('the token abc1234 is t');
  });

  it('leaves no echo of any secret in any text that carries one (property)', () => {
    fc.assert(
      fc.property(
        secretArb.chain((secret) => fc.tuple(fc.constant(secret), carrierArb(secret), fc.string({ maxLength: 20 }))),
        ([secret, text, other]) => {
          const out = scrubberOf(secret, `${other}-Other-Secret-9`).scrub(text);
          expect(holdsEcho(out, [secret])).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('changes nothing in a text that holds no echo, and scrubbing twice changes nothing more (property)', () => {
    fc.assert(
      fc.property(secretArb, fc.string({ unit: 'grapheme', maxLength: 200 }), (secret, text) => {
        const scrubber = scrubberOf(secret);
        const out = scrubber.scrub(text);
        if (!holdsEcho(text, [secret])) expect(out).toBe(text);
        expect(scrubber.scrub(out)).toBe(out);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps JSON parseable and URLs decodable: never cuts an escape or a surrogate pair in two (property)', () => {
    fc.assert(
      fc.property(
        secretArb.chain((secret) =>
          fc.tuple(fc.constant(secret), fc.jsonValue(), fc.integer({ min: 0, max: secret.length - 1 })),
        ),
        ([secret, value, cut]) => {
          const scrubber = scrubberOf(secret);
          const json = JSON.stringify({ value, a: secret, b: secret.slice(cut), c: [secret.slice(0, cut)] });
          expect(() => JSON.parse(scrubber.scrub(json))).not.toThrow();
          if (isWellFormed(secret) && isWellFormed(secret.slice(cut))) {
            const url = `q=${encodeURIComponent(secret)}&r=${encodeURIComponent(secret.slice(cut))}`;
            expect(() => decodeURIComponent(scrubber.scrub(url))).not.toThrow();
          }
          const text = `x${secret.slice(cut)}y${secret}`;
          if (isWellFormed(text)) expect(isWellFormed(scrubber.scrub(text))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds an echo at every offset of a long text (the probes never skip one)', () => {
    const scrubber = scrubberOf('Orders-Passw0rd!');
    for (let offset = 0; offset < 20; offset++) {
      const text = `${'x'.repeat(offset)}Orders-Passw0rd!${'y'.repeat(offset)}`;
      expect(scrubber.scrub(text)).toBe(`${'x'.repeat(offset)}${REDACTED}${'y'.repeat(offset)}`);
    }
  });
});
