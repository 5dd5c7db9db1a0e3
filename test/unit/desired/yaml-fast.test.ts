import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSimpleYaml, parseSimpleYamlBare, type RawDocument } from '../../../src/desired/yaml-fast.js';
import { parseYamlFully } from '../../../src/desired/yaml-full.js';

/** Documents in a shape toEqual can compare (positions as a plain object). */
const comparable = (docs: RawDocument[]) => docs.map((d) => ({ value: d.value, nodes: Object.fromEntries(d.nodes) }));

/** A document's own place as its nodes give it: its `kind:` key, else its root's first line. */
const placeOf = (d: RawDocument) => {
  const kind = d.nodes.get('/kind');
  const root = d.nodes.get('')!;
  return kind === undefined ? { line: root.line, col: root.col } : { line: kind.keyLine, col: kind.keyCol };
};

/**
 * The fast reader either declines or agrees exactly with the yaml package, values and positions alike; and read
 * without positions (what plan does) it declines the same texts and gives the same values and document places.
 */
function expectAgreement(text: string): boolean {
  const fast = parseSimpleYaml(text);
  const bare = parseSimpleYamlBare(text);
  expect(bare === undefined).toBe(fast === undefined);
  if (fast === undefined) return false;
  expect(bare!.map((d) => d.value)).toEqual(fast.map((d) => d.value));
  expect(bare!.map((d) => d.source)).toEqual(fast.map(placeOf));
  const full = parseYamlFully(text);
  expect(full.error).toBeUndefined();
  expect(comparable(fast)).toEqual(comparable(full.documents));
  return true;
}

// Scalars written as-is: ordinary ones the reader takes, and every kind of trap it must decline or read right.
const NICE = [
  '16',
  '007',
  '0',
  'true',
  'False',
  'yes',
  'eu-central-3',
  '192.168.1.10/24',
  '03:00:00',
  '"16"',
  "'it''s'",
  'a#b',
  'a b  ',
  'x{y',
  'ü',
  '"a: b"',
  "'#'",
  // Unicode spaces are content to YAML (only space and tab separate), unlike to String.prototype.trim.
  'x\u1680',
  'a\u00a0 ',
  '\u2003x',
  'z\u3000 ',
];
const TRAPS = [
  'Null',
  'NULL',
  'FALSE',
  'True',
  '-0',
  '.5',
  '5.',
  '1E3',
  '.NaN',
  '-.inf',
  '0xff',
  '-1',
  '+1',
  '1.5',
  '1e3',
  '0x1F',
  '0o17',
  '.inf',
  '.nan',
  '~',
  'null',
  '',
  'a: b',
  'a:',
  '#c',
  '- x',
  '[1]',
  'x,y',
  'x}',
  '"open',
  "'open",
  '&a x',
  '*a',
  '!!str 5',
  '|',
  '>',
  '@x',
  '`x',
  '%x',
  '? x',
  ': x',
  '"a\\tb"',
  '"x" y',
  '123456789012345678',
  '1_000',
  '{a: 1,}',
  '{a: {b: 1}}',
  '{}',
  '{a: [1]}',
];
// Any one-line text at all, as the plain scalar it would be written as.
const anyText = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/[\n\r]/.test(s));
const scalar = fc.oneof(
  { weight: 15, arbitrary: fc.constantFrom(...NICE) },
  { weight: 1, arbitrary: fc.constantFrom(...TRAPS) },
  { weight: 2, arbitrary: anyText },
);
const key = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('a', 'name', 'b-c', 'x_y', 'k1', 'Region') },
  { weight: 1, arbitrary: fc.constantFrom('true', 'null', 'a b', '1a', '_u', 'x.y', '"q"') },
);

type Tree = { entries: { key: string; value: string | Tree; comment: boolean; blank: boolean }[]; step: number };
const { tree } = fc.letrec<{ tree: Tree; value: string | Tree }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    scalar.map((s) => `{ k: ${s}, m: {n: 1} }`),
    tie('tree'),
  ),
  tree: fc.record({
    entries: fc.uniqueArray(fc.record({ key, value: tie('value'), comment: fc.boolean(), blank: fc.boolean() }), {
      selector: (entry) => entry.key,
      minLength: 1,
      maxLength: 4,
    }),
    step: fc.integer({ min: 1, max: 3 }),
  }),
}));

function render(t: Tree, indent: number): string[] {
  return t.entries.flatMap(({ key: k, value, comment, blank }) => {
    const pad = ' '.repeat(indent);
    const head = blank ? [''] : [];
    const note = comment ? ' # note' : '';
    if (typeof value === 'string') return [...head, `${pad}${k}:${value === '' ? '' : ' '}${value}${note}`];
    return [...head, `${pad}${k}:${note}`, ...(comment ? [`${pad}  # inside`] : []), ...render(value, indent + t.step)];
  });
}

const separator = fc.constantFrom('---', '---', '---', '--- # next', '---x', '');
const stream = fc
  .tuple(fc.array(tree, { minLength: 1, maxLength: 3 }), separator, fc.boolean())
  .map(
    ([docs, sep, lead]) =>
      `${lead ? '# head\n---\n' : ''}${docs.map((d) => render(d, 0).join('\n')).join(`\n${sep}\n`)}\n`,
  );

// PGENSURE_YAML_RUNS=100000 for a long run (README, Development); ~0.4 ms a text here, so it gets the time it needs.
const RUNS = Number(process.env.PGENSURE_YAML_RUNS ?? 1000);

describe('parseSimpleYaml', () => {
  it('agrees with the yaml package whenever it accepts a text (property)', { timeout: 5000 + RUNS * 2 }, () => {
    fc.assert(
      fc.property(stream, (text) => void expectAgreement(text)),
      { numRuns: RUNS },
    );
  });

  it('accepts a good share of generated texts, so the property above tests something', () => {
    const accepted = fc.sample(stream, { numRuns: 400, seed: 42 }).filter((t) => parseSimpleYaml(t) !== undefined);
    expect(accepted.length).toBeGreaterThan(80);
  });

  it('reads spec-shaped documents with their positions', () => {
    const text =
      '# c\napiVersion: pgensure/v1\nspec:\n  # inner\n  a: { b: "1", c: 2 }  # tail\n  d:\n     e: x y\n---\nk: v\n';
    expect(expectAgreement(text)).toBe(true);
    const [first, second] = parseSimpleYaml(text)!;
    expect(first!.value).toEqual({ apiVersion: 'pgensure/v1', spec: { a: { b: '1', c: 2 }, d: { e: 'x y' } } });
    expect(first!.nodes.get('/spec/a/c')).toEqual({ keyLine: 5, keyCol: 16, line: 5, col: 19, collection: false });
    expect(first!.nodes.get('/spec/d')).toEqual({ keyLine: 6, keyCol: 3, line: 7, col: 6, collection: true });
    expect(second!.value).toEqual({ k: 'v' });
  });

  it('keeps trailing Unicode spaces, which YAML treats as content (found by the import round-trip property)', () => {
    const text = 'a: x\u1680\nb: y\u00a0  # c\n';
    expect(expectAgreement(text)).toBe(true);
    expect(parseSimpleYaml(text)![0]!.value).toEqual({ a: 'x\u1680', b: 'y\u00a0' });
  });

  it.each([
    ['a sequence', 'a:\n  - 1\n'],
    ['an anchor', 'a: &x 1\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  x\n'],
    ['a multi-line plain scalar', 'a: x\n  y\n'],
    ['a null value', 'a:\nb: 1\n'],
    ['a float', 'a: 1.5\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a quoted key', '"a": 1\n'],
    ['an escape', 'a: "x\\ty"\n'],
    ['CRLF line ends', 'a: 1\r\n'],
    ['a tab', 'a:\t1\n'],
    ['odd indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['an indented root', '  a: 1\n'],
    ['a document end marker', 'a: 1\n...\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['content after ---', '--- a: 1\n'],
    ['an unclosed flow map', 'a: { b: 1\n'],
    ['a number with a leading zero', 'a: 02\n'],
    ['flow maps nested deeper than 16', `a: ${'{b: '.repeat(17)}1${'}'.repeat(17)}\n`],
  ])('declines %s', (_, text) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
  });

  it('declines a flow map nested 2,500 deep without overflowing the stack (it used to throw a RangeError)', () => {
    const text = `x: ${'{a: '.repeat(2500)}1${'}'.repeat(2500)}\n`;
    expect(() => parseSimpleYaml(text)).not.toThrow();
    expect(parseSimpleYaml(text)).toBeUndefined();
  });

  it('returns no document for empty and comment-only streams', () => {
    expect(parseSimpleYaml('')).toEqual([]);
    expect(parseSimpleYaml('# only\n---\n---\n')).toEqual([]);
  });
});
