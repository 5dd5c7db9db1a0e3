import { describe, expect, it } from 'vitest';
import { checkSpecSources } from '../../../src/desired/index.js';
import { aSpecDocument, formatIssue } from './support.js';

const BASE_SPEC = [
  '  version: "16"',
  '  instances: { count: 1, cores: 2, ram: 4, storageSize: 20 }',
  '  connection: { datacenterId: 5a029f4a-72e5-11ec-90d6-0242ac120003, lanId: "1", primaryInstanceAddress: 192.168.7.10/24 }',
  '  backup: { location: eu-central-3 }',
];
const CREDENTIALS = ['  credentials:', '    username: app', '    database: app'];

/** Issues for one in-memory file, formatted `file:line:col path: message`. */
async function issuesFor(text: string, file = 'x.yaml'): Promise<string[]> {
  const { issues } = await checkSpecSources([{ file, text }]);
  return issues.map(formatIssue);
}

/** A document whose spec is BASE_SPEC with lines replaced by key (e.g. '  instances:') or appended. */
function withSpec(
  changes: Record<string, string | null>,
  tail: string[] = [...CREDENTIALS, '    password: { fromEnv: PW }'],
) {
  const spec = BASE_SPEC.flatMap((line) => {
    const key = Object.keys(changes).find((k) => line.startsWith(k));
    if (key === undefined) return [line];
    return changes[key] === null ? [] : [changes[key]!];
  });
  const added = Object.entries(changes)
    .filter(([k, v]) => v !== null && !BASE_SPEC.some((line) => line.startsWith(k)))
    .map(([, v]) => v!);
  return aSpecDocument({ spec: [...spec, ...added, ...tail] });
}

const withPassword = (...lines: string[]) => withSpec({}, [...CREDENTIALS, ...lines]);

describe('literal passwords', () => {
  const literal =
    'x.yaml:14:15 spec.credentials.password: literal passwords are refused: use {fromEnv: VAR} or {fromFile: PATH}';

  it.each([
    ['a plain scalar', 'password: hunter2-Literal'],
    ['a quoted scalar', "password: 'hunter2-Literal'"],
    ['a number', 'password: 12345678'],
    ['a boolean', 'password: true'],
  ])('refuses %s, without repeating it', async (_, line) => {
    expect(await issuesFor(withPassword(`    ${line}`))).toEqual([literal]);
  });

  it('refuses a block scalar and a list', async () => {
    expect(await issuesFor(withPassword('    password: |', '      hunter2-Literal'))).toEqual([literal]);
    // A list is reported at its key, like every collection.
    expect(await issuesFor(withPassword('    password: [hunter2-Literal]'))).toEqual([
      literal.replace(':14:15 ', ':14:5 '),
    ]);
  });

  it('asks for a reference when the password is empty', async () => {
    expect(await issuesFor(withPassword('    password:'))).toEqual([
      'x.yaml:14:14 spec.credentials.password: missing password: use {fromEnv: VAR} or {fromFile: PATH}',
    ]);
  });

  it('never echoes a value anywhere under credentials', async () => {
    const texts = [
      withPassword('    password: { value: hunter2-Literal }'),
      withPassword('    password: { fromEnv: "hunter2 Literal" }'),
      withPassword('    password: "hunter2\\qLiteral"'),
      withSpec({}, ['  credentials: hunter2-Literal']),
      withSpec({}, [...CREDENTIALS.slice(0, 2), '    database: 12345', '    password: hunter2-Literal']),
    ];
    const all = (await Promise.all(texts.map((t) => issuesFor(t)))).flat();
    expect(all).toEqual([
      'x.yaml:14:5 spec.credentials.password: must be {fromEnv: VAR} or {fromFile: PATH}',
      'x.yaml:14:17 spec.credentials.password: an unknown key (the keys here are fromEnv, fromFile)',
      'x.yaml:14:26 spec.credentials.password.fromEnv: must be an environment variable name like PGENSURE_DB_PASSWORD',
      'x.yaml:14:23 : invalid YAML: invalid escape sequence in a double-quoted value',
      'x.yaml:11:16 spec.credentials: must be a map',
      'x.yaml:13:15 spec.credentials.database: must be a string',
      'x.yaml:14:15 spec.credentials.password: literal passwords are refused: use {fromEnv: VAR} or {fromFile: PATH}',
    ]);
    for (const issue of all) expect(issue).not.toMatch(/hunter2|12345/);
  });

  it.each([
    ['an alias', 'password: *Secr3t!pw', 'invalid YAML: an alias (*name) with no anchor (&name) before it'],
    ['a local tag', 'password: !Secr3t!pw', 'invalid YAML: unsupported tag'],
    ['a tag that looks standard', 'password: !!Secr3t!pw', 'invalid YAML: unsupported tag'],
  ])('reports a literal password that YAML reads as %s at the password, never echoing it', async (_, line, words) => {
    const issues = await issuesFor(withPassword(`    ${line}`));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^x\.yaml:14:15 spec\.credentials\.password: /);
    expect(issues[0]).toContain(words);
    expect(issues[0]).not.toContain('Secr3t');
  });

  it('never names a key written under credentials, which may be the password itself (found by the fuzz suite)', async () => {
    expect(await issuesFor(withPassword('    password: { Hunter2-Secret!: 1 }'))).toEqual([
      'x.yaml:14:5 spec.credentials.password: must be {fromEnv: VAR} or {fromFile: PATH}',
      'x.yaml:14:17 spec.credentials.password: an unknown key (the keys here are fromEnv, fromFile)',
    ]);
    expect(await issuesFor(withPassword('    password: { fromEvn: PW }'))).toEqual([
      'x.yaml:14:5 spec.credentials.password: must be {fromEnv: VAR} or {fromFile: PATH}',
      'x.yaml:14:17 spec.credentials.password: an unknown key (did you mean "fromEnv"?)',
    ]);
  });

  it('explains the reference union in one message', async () => {
    expect(await issuesFor(withPassword('    password: { value: x }'))).toEqual([
      'x.yaml:14:5 spec.credentials.password: must be {fromEnv: VAR} or {fromFile: PATH}',
      'x.yaml:14:17 spec.credentials.password: an unknown key (the keys here are fromEnv, fromFile)',
    ]);
    expect(await issuesFor(withPassword('    password: {}'))).toEqual([
      'x.yaml:14:5 spec.credentials.password: must be {fromEnv: VAR} or {fromFile: PATH}',
    ]);
    expect(await issuesFor(withPassword('    password: { fromEnv: "1PW" }'))).toEqual([
      'x.yaml:14:26 spec.credentials.password.fromEnv: must be an environment variable name like PGENSURE_DB_PASSWORD',
    ]);
  });
});

describe('schema messages', () => {
  it('says what a number must be, and what it got', async () => {
    const text = withSpec({ '  instances:': '  instances: { count: 0, cores: 2.5, ram: "16GB", storageSize: 5000 }' });
    expect(await issuesFor(text)).toEqual([
      'x.yaml:8:23 spec.instances.count: must be >= 1 (got 0)',
      'x.yaml:8:33 spec.instances.cores: must be a whole number (got 2.5)',
      'x.yaml:8:43 spec.instances.ram: must be a whole number (got "16GB")',
      'x.yaml:8:64 spec.instances.storageSize: must be <= 4096 (got 5000)',
    ]);
  });

  it('points a missing key at the map that lacks it', async () => {
    const text = withSpec({ '  instances:': '  instances: { count: 1, cores: 2, ram: 4 }', '  backup:': null });
    expect(await issuesFor(text)).toEqual([
      'x.yaml:6:1 spec.backup: missing required key "backup" (or the legacy backupLocation)',
      'x.yaml:8:3 spec.instances.storageSize: missing required key "storageSize"',
    ]);
    expect(
      await issuesFor('apiVersion: pgensure/v1\nkind: PostgresCluster\nmetadata: { name: a, region: de-fra }\n'),
    ).toEqual(['x.yaml:1:1 spec: missing required key "spec"']);
  });

  it('checks the v2 name rule and the region', async () => {
    const long = `a${'b'.repeat(62)}-`;
    expect(await issuesFor(aSpecDocument({ name: long, region: 'de-ber' }))).toEqual([
      `x.yaml:4:9 metadata.name: must be at most 63 characters (got "${long.slice(0, 37)}...")`,
      `x.yaml:4:9 metadata.name: must begin and end with a letter or digit, with only letters, digits, "-", "_" and "." between (got "${long.slice(0, 37)}...")`,
      'x.yaml:5:11 metadata.region: must be one of de-txl, de-fra, fr-par, es-vit, gb-lhr, gb-bhx, us-las, us-mci, us-ewr (got "de-ber")',
    ]);
  });

  it('checks UUIDs, LAN ids and date-times', async () => {
    const text = withSpec({
      '  connection:': '  connection: { datacenterId: dc-1, lanId: two, primaryInstanceAddress: 192.168.7.10/24 }',
      '  restoreFromBackup:':
        '  restoreFromBackup: { sourceBackupId: 9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f, recoveryTargetDatetime: yesterday }',
    });
    expect(await issuesFor(text)).toEqual([
      'x.yaml:9:31 spec.connection.datacenterId: must be a UUID like 5a029f4a-72e5-11ec-90d6-0242ac120003 (got "dc-1")',
      'x.yaml:9:44 spec.connection.lanId: must be a LAN id made of digits, like "2" (got "two")',
      'x.yaml:11:102 spec.restoreFromBackup.recoveryTargetDatetime: must be a date-time like 2024-05-01T12:00:00Z (got "yesterday")',
    ]);
  });

  it('rejects addresses in 10.208.0.0/12 and nothing around it', async () => {
    const at = (address: string) =>
      withSpec({
        '  connection:': `  connection: { datacenterId: 5a029f4a-72e5-11ec-90d6-0242ac120003, lanId: "1", primaryInstanceAddress: ${address} }`,
      });
    for (const ok of ['10.207.255.10/24', '10.224.0.10/24', '110.208.0.1/24'])
      expect(await issuesFor(at(ok))).toEqual([]);
    for (const reserved of ['10.208.0.5/24', '10.215.1.1/16', '10.223.255.254/24']) {
      expect(await issuesFor(at(reserved))).toEqual([
        `x.yaml:9:105 spec.connection.primaryInstanceAddress: must not be in 10.208.0.0/12, which IONOS reserves (got "${reserved}")`,
      ]);
    }
    expect(await issuesFor(at('192.168.1.10'))).toHaveLength(1);
    expect(await issuesFor(at('192.168.1.10/33'))).toHaveLength(1);
  });

  it('allows STRICTLY_SYNCHRONOUS from three instances on', async () => {
    for (const count of [3, 5]) {
      const text = withSpec({
        '  instances:': `  instances: { count: ${count}, cores: 2, ram: 4, storageSize: 20 }`,
        '  replicationMode:': '  replicationMode: STRICTLY_SYNCHRONOUS',
      });
      expect(await issuesFor(text)).toEqual([]);
    }
  });

  it('names unknown keys, with a suggestion only for a near miss', async () => {
    const text = withSpec({ '  Version:': '  Version: "16"', '  colour:': '  colour: blue' });
    expect(await issuesFor(`${text}extra: 1\n`)).toEqual([
      'x.yaml:11:3 spec.Version: unknown key "Version" (did you mean "version"?)',
      'x.yaml:12:3 spec.colour: unknown key "colour"',
      'x.yaml:17:1 extra: unknown key "extra"',
    ]);
  });
});

describe('YAML that reads as something else than it seems', () => {
  it.each([
    ['0x10', 16],
    ['1e3', 1000],
    ['+2', 2],
    ['02', 2],
    ['4.0', 4],
    ['0o7', 7],
    ['12345678901234567890', 12345678901234567000],
  ])('refuses the number %s for an integer field, saying what YAML read', async (written, read) => {
    expect(
      await issuesFor(
        withSpec({ '  instances:': `  instances: { count: 1, cores: ${written}, ram: 4, storageSize: 20 }` }),
      ),
    ).toEqual([
      `x.yaml:8:33 spec.instances.cores: ${written} is read as the number ${read}: write ${read}, or quote "${written}" if it is text`,
    ]);
  });

  it('lets the schema judge plain decimals, and quoted numbers as the strings they are', async () => {
    const cores = (v: string) =>
      withSpec({ '  instances:': `  instances: { count: 1, cores: ${v}, ram: 4, storageSize: 20 }` });
    expect(await issuesFor(cores('1.5'))).toEqual([
      'x.yaml:8:33 spec.instances.cores: must be a whole number (got 1.5)',
    ]);
    expect(await issuesFor(cores('"0x10"'))).toEqual([
      'x.yaml:8:33 spec.instances.cores: must be a whole number (got "0x10")',
    ]);
    expect(await issuesFor(cores('-2'))).toEqual(['x.yaml:8:33 spec.instances.cores: must be >= 1 (got -2)']);
  });

  it('never echoes a number written under credentials', async () => {
    const issues = await issuesFor(
      withSpec({}, [...CREDENTIALS.slice(0, 2), '    database: 0x1234ab', '    password: { fromEnv: PW }']),
    );
    expect(issues).toEqual([
      'x.yaml:13:15 spec.credentials.database: a number not written in plain decimal: write it in plain decimal, or quote it if it is text',
    ]);
  });

  it.each([
    ['!!js/function', 'description: !!js/function "function () {}"', 11, 16],
    ['!!binary', 'description: !!binary aGVsbG8=', 11, 16],
    ['!!set', 'description: !!set { a }', 11, 16],
    ['!!timestamp', 'description: !!timestamp 2024-01-01', 11, 16],
    ['a local tag after an anchor', 'description: &d !custom text', 11, 19],
  ])('refuses %s instead of dropping the tag silently, at the tag', async (_, line, row, col) => {
    expect(await issuesFor(withSpec({ '  description:': `  ${line}` }))).toEqual([
      `x.yaml:${row}:${col} spec.description: invalid YAML: unsupported tag (pgensure reads only !!str, !!int, !!bool, !!null, !!map and !!seq): quote a value that begins with "!"`,
    ]);
  });

  it('refuses an alias inside its own anchor (a cyclic value) and an alias that nests too deep', async () => {
    expect(await issuesFor(withSpec({ '  description:': '  description: &d [*d]' }))).toEqual([
      'x.yaml:11:20 spec.description.0: invalid YAML: an alias inside the node its anchor names (a cycle)',
    ]);
    const deep = `{a: ${'{a: '.repeat(20)}1${'}'.repeat(21)}`;
    const text = withSpec({ '  description:': `  description: &d ${deep}` }, [
      ...CREDENTIALS,
      '    password: { fromEnv: PW }',
      `  extra: [[[[[[[[[[[[[[*d]]]]]]]]]]]]]]`,
    ]);
    expect((await issuesFor(text)).join('\n')).toContain(':16:24 : nested more than 32 levels deep');
  });

  it.each([
    ['a flow map', '  { k: 1 }: x', 7, 3],
    ['a flow list after ?', '  ? [a, b]\n  : x', 7, 5],
    ['an alias to a map', '  *m : x', 7, 3],
  ])('refuses %s as a key at the key, without the stringified key or a Node warning', async (_, line, row, col) => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const text = withSpec({ '  version:': `${line}\n  version: "16"` }).replace('metadata:', 'metadata: &m');
      expect(await issuesFor(text)).toEqual([
        `x.yaml:${row}:${col} spec: invalid YAML: a key that is a list or a map: a key is a plain name (quote it if it holds [ ] { } or ?)`,
      ]);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((w) => w.message)).toEqual([]);
  });
});

describe('documents that are not ours, and broken YAML', () => {
  it('refuses a document of another kind, or one that is not a map', async () => {
    expect(await issuesFor('apiVersion: pgensure/v1\nkind: Database\n')).toEqual([
      'x.yaml:2:7 kind: not a pgensure document: expected apiVersion: pgensure/v1 and kind: PostgresCluster, Defaults, Policy (got apiVersion: "pgensure/v1", kind: "Database")',
    ]);
    expect(await issuesFor('- a\n- b\n')).toEqual([
      'x.yaml:1:1 : not a pgensure document: expected apiVersion: pgensure/v1 and kind: PostgresCluster, Defaults, Policy (got a list)',
    ]);
    expect(await issuesFor('name: x\n')).toEqual([
      'x.yaml:1:1 apiVersion: not a pgensure document: expected apiVersion: pgensure/v1 and kind: PostgresCluster, Defaults, Policy (got apiVersion: nothing, kind: nothing)',
    ]);
  });

  it('reports duplicate keys as a YAML error', async () => {
    expect(await issuesFor(`${aSpecDocument()}kind: PostgresCluster\n`)).toEqual([
      'x.yaml:12:1 : invalid YAML: Map keys must be unique',
    ]);
  });

  it('checks the documents before a broken one, and other files', async () => {
    const broken = `${aSpecDocument({ name: 'first' })}colour: red\n---\nkind: [\n---\n${aSpecDocument({ name: 'never' })}colour: red\n`;
    const { issues, clusters } = await checkSpecSources([
      { file: 'a.yaml', text: broken },
      { file: 'b.yaml', text: aSpecDocument({ name: 'other' }) },
    ]);
    expect(issues.map(formatIssue)).toEqual([
      'a.yaml:12:1 colour: unknown key "colour"',
      'a.yaml:15:1 : invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(clusters.map((c) => c.address)).toEqual(['de-fra/other']);
  });

  it('lists every other place of a duplicate address', async () => {
    const { issues } = await checkSpecSources(
      ['a', 'b', 'c'].map((f) => ({ file: `${f}.yaml`, text: aSpecDocument() })),
    );
    expect(issues.map(formatIssue)).toEqual([
      'a.yaml:4:9 metadata.name: duplicate address de-fra/app: also at b.yaml:4:9, c.yaml:4:9',
      'b.yaml:4:9 metadata.name: duplicate address de-fra/app: also at a.yaml:4:9, c.yaml:4:9',
      'c.yaml:4:9 metadata.name: duplicate address de-fra/app: also at a.yaml:4:9, b.yaml:4:9',
    ]);
  });

  it('allows one name in two regions', async () => {
    const { issues, clusters } = await checkSpecSources([
      { file: 'a.yaml', text: aSpecDocument({ region: 'de-fra' }) },
      { file: 'b.yaml', text: aSpecDocument({ region: 'de-txl' }) },
    ]);
    expect(issues).toEqual([]);
    expect(clusters.map((c) => c.address)).toEqual(['de-fra/app', 'de-txl/app']);
  });
});
