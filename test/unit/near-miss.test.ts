import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, findNearAddress, findNearMiss } from '../../src/near-miss.js';

/** The exact distance by brute force: breadth-first search over single edits (tiny alphabets and lengths only). */
function distanceBySearch(from: string, to: string, alphabet: readonly string[]): number {
  const seen = new Set([from]);
  let frontier = [from];
  for (let steps = 0; ; steps++) {
    if (frontier.includes(to)) return steps;
    const next: string[] = [];
    for (const word of frontier)
      for (const neighbour of singleEdits(word, alphabet))
        if (!seen.has(neighbour)) {
          seen.add(neighbour);
          next.push(neighbour);
        }
    frontier = next;
  }
}

function singleEdits(word: string, alphabet: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i <= word.length; i++) {
    for (const c of alphabet) out.push(word.slice(0, i) + c + word.slice(i)); // insert
    if (i < word.length) {
      out.push(word.slice(0, i) + word.slice(i + 1)); // delete
      for (const c of alphabet) out.push(word.slice(0, i) + c + word.slice(i + 1)); // substitute
    }
    if (i + 1 < word.length) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)); // swap
  }
  return out;
}

describe('editDistance (Damerau–Levenshtein)', () => {
  it.each([
    ['versoin', 'version', 1],
    ['sepc', 'spec', 1],
    ['preventDestory', 'preventDestroy', 1],
    ['plna', 'plan', 1],
    ['fromat', 'format', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['', '', 0],
    // The unrestricted distance: swap "ca" to "ac", then insert "b" between them. The restricted variant says 3.
    ['ca', 'abc', 2],
    ['de-fr', 'de-fra', 1],
    ['ünïcode', 'ünïcoed', 1],
  ])('%s → %s is %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
  });

  const small = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 3 });
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'é'), maxLength: 10 });

  it('equals the fewest single edits (insert, delete, substitute, swap neighbours), found by brute force', () => {
    fc.assert(
      fc.property(small, small, (a, b) => editDistance(a, b) === distanceBySearch(a, b, ['a', 'b', 'c'])),
      { numRuns: 300 },
    );
  });

  it('is a metric: zero only for equal words, symmetric, and obeys the triangle inequality', () => {
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
      }),
    );
  });

  it('lies between the difference in length and the longer length', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = editDistance(a, b);
        expect(d).toBeGreaterThanOrEqual(Math.abs([...a].length - [...b].length));
        expect(d).toBeLessThanOrEqual(Math.max([...a].length, [...b].length));
      }),
    );
  });

  it('counts a swap of two different neighbouring characters as one edit', () => {
    fc.assert(
      fc.property(word, fc.nat(), (w, at) => {
        const chars = [...w];
        fc.pre(chars.length >= 2);
        const i = at % (chars.length - 1);
        fc.pre(chars[i] !== chars[i + 1]);
        const swapped = [...chars];
        [swapped[i], swapped[i + 1]] = [chars[i + 1]!, chars[i]!];
        expect(editDistance(w, swapped.join(''))).toBe(1);
      }),
    );
  });
});

describe('findNearMiss', () => {
  const COMMANDS = ['validate', 'plan', 'apply', 'drift', 'import', 'emulator'];

  it.each([
    ['plna', 'plan'],
    ['valdate', 'validate'],
    ['improt', 'import'],
    ['aply', 'apply'],
    ['PLAN', 'plan'],
    ['emualtor', 'emulator'],
    ['pla', 'plan'], // the only command starting so
  ])('%s → %s', (typed, meant) => {
    expect(findNearMiss(COMMANDS, typed)).toBe(meant);
  });

  it.each([
    ['xyz', 'nothing is close'],
    ['plot', 'two edits from plan: too many for a four-letter word'],
    ['pl', 'too short to guess from'],
    ['ap', 'too short to complete'],
  ])('guesses nothing for %s (%s)', (typed) => {
    expect(findNearMiss(COMMANDS, typed)).toBeUndefined();
  });

  it('allows two typos in longer words, and prefers the closest candidate', () => {
    expect(findNearMiss(['preventDestroy', 'allowReplace', 'ensure'], 'prevntDestory')).toBe('preventDestroy');
    expect(findNearMiss(['json', 'jsonl'], 'jsno')).toBe('json');
  });

  it('guesses nothing when two candidates are equally close', () => {
    expect(findNearMiss(['de-fra', 'de-fr2'], 'de-frx')).toBeUndefined();
    expect(findNearMiss(['replicationMode', 'replicationSlots'], 'replication')).toBeUndefined();
  });

  it('completes a unique beginning', () => {
    expect(findNearMiss(['auto-approve', 'parallelism'], 'auto')).toBe('auto-approve');
    expect(findNearMiss(['storageSize', 'cores'], 'storage')).toBe('storageSize');
  });

  it('finds what apiVersion and kind mistakes meant (for spec loading)', () => {
    expect(findNearMiss(['pgensure/v1'], 'pgensure/v2')).toBe('pgensure/v1');
    expect(findNearMiss(['PostgresCluster', 'Defaults', 'Policy'], 'PostgresClsuter')).toBe('PostgresCluster');
    expect(findNearMiss(['PostgresCluster', 'Defaults', 'Policy'], 'postgrescluster')).toBe('PostgresCluster');
  });

  it('always returns one of the candidates, and the typed word itself when it is one', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }), { maxLength: 6 }), fc.string({ maxLength: 8 }), (known, w) => {
        const near = findNearMiss(known, w);
        if (near !== undefined) expect(known).toContain(near);
        if (known.includes(w) && known.filter((k) => k.toLowerCase() === w.toLowerCase()).length === 1)
          expect(near).toBe(w);
      }),
    );
  });
});

describe('didYouMean', () => {
  it('is ready to append to a message, or empty', () => {
    expect(didYouMean(['json', 'text'], 'jsno')).toBe(' (did you mean "json"?)');
    expect(didYouMean(['json', 'text'], 'jsno', (c) => `--format ${c}`)).toBe(' (did you mean --format json?)');
    expect(didYouMean(['json', 'text'], 'html')).toBe('');
  });
});

describe('findNearAddress', () => {
  const ADDRESSES = ['de-fra/orders-prod', 'de-fra/billing', 'es-vit/billing-staging', 'fr-par/billing'];

  it('finds the address of a bare name, when only one region has it', () => {
    expect(findNearAddress(ADDRESSES, 'orders-prod')).toBe('de-fra/orders-prod');
    expect(findNearAddress(ADDRESSES, 'billing')).toBeUndefined();
  });

  it('finds an address one or two typos away', () => {
    expect(findNearAddress(ADDRESSES, 'de-fra/orders-prd')).toBe('de-fra/orders-prod');
    expect(findNearAddress(ADDRESSES, 'de-fr/orders-prod')).toBe('de-fra/orders-prod');
    expect(findNearAddress(ADDRESSES, 'us-las/orders')).toBeUndefined();
  });
});
