import fc from 'fast-check';
import { stringify } from 'yaml';

/** A literal password a user wrote into a spec file: it must never appear in what pgensure says about the file. */
export const LITERAL_SECRET = 'Fuzz-Literal-Secr3t!pw';
/** The line (1-based) of `password:` in BASE_LINES, and its indentation. */
export const PASSWORD_LINE = 14;
const PASSWORD_INDENT = '    ';

/** A complete, valid spec document whose password is a reference (line PASSWORD_LINE). */
export const BASE_LINES = [
  'apiVersion: pgensure/v1',
  'kind: PostgresCluster',
  'metadata:',
  '  name: fuzz-one',
  '  region: de-fra',
  'spec:',
  '  version: "16"',
  '  instances: { count: 1, cores: 2, ram: 4, storageSize: 20 }',
  '  connection: { datacenterId: 5a029f4a-72e5-11ec-90d6-0242ac120003, lanId: "1", primaryInstanceAddress: 192.168.7.10/24 }',
  '  backup: { location: eu-central-3 }',
  '  credentials:',
  '    username: app',
  '    database: app',
  '    password: { fromEnv: FUZZ_PASSWORD }',
];
const BASE_TEXT = `${BASE_LINES.join('\n')}\n`;

const deep = (open: string, close: string) =>
  fc.integer({ min: 1, max: 3000 }).map((n) => `${open.repeat(n)}1${close.repeat(n)}`);

/** Values that break YAML readers: indicators, tags, aliases, directives, number forms, nesting, control bytes. */
const hostileScalar: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '*alias',
    '!tag x',
    '!!js/function "function(){}"',
    '!!binary aGVsbG8=',
    '!!set {a}',
    '!!omap [ {a: 1} ]',
    '!!timestamp 2001-12-14',
    '!!float 3',
    '!<tag:yaml.org,2002:str> x',
    '&a [*a]',
    '&a {b: *a}',
    '? complex',
    '0x10',
    '1e3',
    '+2',
    '02',
    '4.0',
    '.inf',
    '-.nan',
    '1_000',
    '99999999999999999999999',
    '~',
    '"unclosed',
    "'unclosed",
    '"\\x00\\uD800"',
    '|',
    '>-',
    '- item',
    '[a, b',
    '{a: 1, a: 2}',
    '@reserved',
    '`reserved',
    '%TAG ! tag:x,2000:',
    '\t tab',
    '\u2028line',
    '\uFEFFbom',
  ),
  deep('{a: ', '}'),
  deep('[', ']'),
  deep('- ', ''),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** A line to splice in: a hostile value under a known or unknown key, at some indentation, or raw text. */
const hostileLine = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('', '  ', '    ', ' ', '\t'),
      fc.constantFrom('description', 'cores', 'x', '- a', '? k', '<<'),
      hostileScalar,
    )
    .map(([indent, key, value]) => `${indent}${key}: ${value}`),
  fc.constantFrom('---', '...', '%YAML 1.1', '%YAML 2.0', '#', '', '  ', '-', '{', '}'),
  hostileScalar,
);

/** The base document with some lines replaced, inserted or removed (never holding LITERAL_SECRET). */
export const splicedSpec: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.nat(BASE_LINES.length), fc.constantFrom('replace', 'insert', 'delete', 'value'), hostileLine), {
    minLength: 1,
    maxLength: 4,
  })
  .map((edits) => {
    const lines = [...BASE_LINES];
    for (const [at, op, text] of edits) {
      const i = Math.min(at, lines.length - 1);
      if (op === 'replace') lines[i] = text;
      else if (op === 'insert') lines.splice(at, 0, text);
      else if (op === 'delete') lines.splice(i, 1);
      else lines[i] = `${lines[i]!.replace(/:.*$/, ':')} ${text.trimStart()}`;
    }
    return `${lines.join('\n')}\n`;
  });

/** The ways a literal password can be written (and mistyped) where the reference belongs. */
const literalPassword = fc.constantFrom(
  LITERAL_SECRET,
  `*${LITERAL_SECRET}`,
  `!${LITERAL_SECRET}`,
  `!!${LITERAL_SECRET}`,
  `&${LITERAL_SECRET} x`,
  `"${LITERAL_SECRET}"`,
  `'${LITERAL_SECRET}'`,
  `"${LITERAL_SECRET}`,
  `{${LITERAL_SECRET}}`,
  `{ ${LITERAL_SECRET}: 1 }`,
  `[${LITERAL_SECRET}]`,
  `{ fromEnv: ${LITERAL_SECRET} }`,
  `{ fromFile: x, ${LITERAL_SECRET}: y }`,
  `{ fromEnv: "${LITERAL_SECRET}\\q" }`,
  `|\n${PASSWORD_INDENT}  ${LITERAL_SECRET}`,
  `\n${PASSWORD_INDENT}  ${LITERAL_SECRET}: x`,
  `\n${PASSWORD_INDENT}  - ${LITERAL_SECRET}`,
  `${LITERAL_SECRET}: x`,
  `0x${'1234'.repeat(4)} # ${LITERAL_SECRET}`,
);

/** The base document with a literal password at PASSWORD_LINE (the rest intact): nothing may quote it. */
export const literalPasswordSpec: fc.Arbitrary<string> = literalPassword.map((value) => {
  const lines = [...BASE_LINES];
  lines[PASSWORD_LINE - 1] = `${PASSWORD_INDENT}password: ${value}`;
  return `${lines.join('\n')}\n`;
});

/** Arbitrary bytes, and the base document with bytes flipped, inserted or cut (NUL, invalid UTF-8, line breaks). */
export const corruptedBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc
    .array(
      fc.tuple(
        fc.nat(BASE_TEXT.length),
        fc.constantFrom(0x00, 0xff, 0x80, 0xc3, 0x0a, 0x0d, 0x09, 0x7b, 0x22, 0x3a),
        fc.boolean(),
      ),
      {
        minLength: 1,
        maxLength: 6,
      },
    )
    .map((edits) => {
      const bytes = [...Buffer.from(BASE_TEXT)];
      for (const [at, byte, insert] of edits) bytes.splice(at, insert ? 0 : 1, byte);
      return Uint8Array.from(bytes);
    }),
  fc.nat(BASE_TEXT.length).map((n) => Buffer.from(BASE_TEXT.slice(0, n))),
);

/** The base document as a value, with any JSON value put at any of its paths, written out by the yaml package. */
export const mutatedValueSpec: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.constantFrom('spec', 'metadata', 'instances', 'credentials', 'password', 'labels', 'x', '0'), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.anything({ maxDepth: 3 })),
    fc.record({ flow: fc.boolean(), anchors: fc.boolean() }),
  )
  .map(([path, value, options]) => {
    const doc = JSON.parse(JSON.stringify(baseValue())) as Record<string, unknown>;
    let at: Record<string, unknown> = doc;
    for (const key of path.slice(0, -1)) {
      const next = at[key];
      at[key] = next !== null && typeof next === 'object' ? next : {};
      at = at[key] as Record<string, unknown>;
    }
    at[path[path.length - 1]!] = value;
    const spec = doc['spec'];
    if (options.anchors && spec !== null && typeof spec === 'object') (spec as Record<string, unknown>)['copy'] = at;
    try {
      return stringify(doc, { collectionStyle: options.flow ? 'flow' : 'any', aliasDuplicateObjects: options.anchors });
    } catch {
      return BASE_TEXT;
    }
  });

function baseValue(): object {
  return {
    apiVersion: 'pgensure/v1',
    kind: 'PostgresCluster',
    metadata: { name: 'fuzz-one', region: 'de-fra' },
    spec: {
      version: '16',
      instances: { count: 1, cores: 2, ram: 4, storageSize: 20 },
      connection: {
        datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
        lanId: '1',
        primaryInstanceAddress: '192.168.7.10/24',
      },
      backup: { location: 'eu-central-3' },
      credentials: { username: 'app', database: 'app', password: { fromEnv: 'FUZZ_PASSWORD' } },
    },
  };
}
