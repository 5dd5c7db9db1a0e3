import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDesiredClusters, readSpecSources } from '../../../src/desired/index.js';
import { SpecError } from '../../../src/errors.js';
import { aSpecDocument, fixture, formatIssue, issuesOf, ROOT } from './support.js';

const SECRET = 'Hunter2-Secret!';

describe('loadDesiredClusters: the eight-mistakes scenario', () => {
  const paths = [fixture('eight-mistakes'), `${fixture('eight-mistakes')}/missing.yaml`];
  const dir = 'test/fixtures/desired/eight-mistakes';

  it('reports every problem of every file at once, sorted by file, line and column', async () => {
    const issues = await issuesOf(paths);
    expect(issues.map(formatIssue)).toEqual([
      `${dir}/a-broken.yaml:9:3 : invalid YAML: Flow map in block collection must be sufficiently indented and end with a }`,
      `${dir}/b-orders.yaml:5:9 metadata.name: duplicate address de-fra/orders-prod: also at ${dir}/c-more.yaml:5:9`,
      `${dir}/b-orders.yaml:7:7 metadata.id: duplicate metadata.id 0b6c1f0e-6a8e-4f31-9d7c-2a1e5d7c9b10: also at ${dir}/c-more.yaml:7:7`,
      `${dir}/b-orders.yaml:9:12 spec.version: must be a string (got 16): quote it, "16"`,
      `${dir}/b-orders.yaml:12:12 spec.instances.cores: must be <= 62 (got 64)`,
      `${dir}/b-orders.yaml:18:29 spec.connection.primaryInstanceAddress: must be an IPv4 CIDR like 192.168.1.10/24 (got "192.168.1.300/24")`,
      `${dir}/b-orders.yaml:19:52 spec.maintenanceWindow.time: must be HH:MM:SS (got "25:00:00")`,
      `${dir}/b-orders.yaml:20:20 spec.replicationMode: must be one of ASYNCHRONOUS, STRICTLY_SYNCHRONOUS (got "SYNCHRONOUS")`,
      `${dir}/b-orders.yaml:23:3 spec.logEnabled: unknown key "logEnabled" (did you mean "logsEnabled"?)`,
      `${dir}/b-orders.yaml:27:15 spec.credentials.password: literal passwords are refused: use {fromEnv: VAR} or {fromFile: PATH}`,
      `${dir}/c-more.yaml:5:9 metadata.name: duplicate address de-fra/orders-prod: also at ${dir}/b-orders.yaml:5:9`,
      `${dir}/c-more.yaml:7:7 metadata.id: duplicate metadata.id 0b6c1f0e-6a8e-4f31-9d7c-2a1e5d7c9b10: also at ${dir}/b-orders.yaml:7:7`,
      `${dir}/c-more.yaml:24:105 spec.connection.primaryInstanceAddress: must not be in 10.208.0.0/12, which IONOS reserves (got "10.208.0.5/24")`,
      `${dir}/c-more.yaml:25:20 spec.replicationMode: STRICTLY_SYNCHRONOUS needs instances.count >= 3 (got 2)`,
      `${dir}/c-more.yaml:27:3 spec.backupLocation: use either backup or backupLocation, not both`,
      `${dir}/c-more.yaml:28:3 spec.credentials.database: missing required key "database"`,
      `${dir}/c-more.yaml:30:5 spec.credentials.password: use either fromEnv or fromFile, not both`,
      `${dir}/d-configmap.yaml:1:13 apiVersion: not a pgensure document: expected apiVersion: pgensure/v1 and kind: PostgresCluster, Defaults, Policy (got apiVersion: "v1", kind: "ConfigMap")`,
      `${dir}/missing.yaml:1:1 : no such file or directory`,
    ]);
  });

  it('never repeats the literal password', async () => {
    const issues = await issuesOf(paths);
    expect(JSON.stringify(issues)).not.toContain(SECRET);
    expect(JSON.stringify(issues)).not.toContain('Hunter2');
  });

  it('does not check the documents after a YAML syntax error', async () => {
    const issues = await issuesOf([`${fixture('eight-mistakes')}/a-broken.yaml`]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 9, col: 3, path: '' });
  });
});

describe('loadDesiredClusters: paths', () => {
  let scratch: string | undefined;
  afterEach(() => {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
    scratch = undefined;
  });

  it('searches directories recursively for *.yaml and *.yml in sorted order, skipping dot-entries', async () => {
    const clusters = await loadDesiredClusters([fixture('directory-walk')], { cwd: ROOT });
    // a.yml, b.yaml, nested/deeper/c.yaml; not .github/workflows/ci.yml, nested/notes.txt or nested/config.json.
    expect(clusters.map((c) => [c.address, c.source.file])).toEqual([
      ['de-txl/walk-a', 'test/fixtures/desired/directory-walk/a.yml'],
      ['de-txl/walk-b', 'test/fixtures/desired/directory-walk/b.yaml'],
      ['de-txl/walk-c', 'test/fixtures/desired/directory-walk/nested/deeper/c.yaml'],
    ]);
  });

  it('reads a file given by name whatever its extension, and reports it when it is not YAML of ours', async () => {
    const issues = await issuesOf([`${fixture('directory-walk')}/nested/notes.txt`]);
    expect(issues.map((i) => [i.file, i.line])).toEqual([['test/fixtures/desired/directory-walk/nested/notes.txt', 2]]);
    expect(issues[0]!.message).toMatch(/^invalid YAML: /);
  });

  it('skips node_modules, does not follow symlinked directories, and reads each file once', async () => {
    scratch = mkdtempSync(join(tmpdir(), 'pgensure-spec-'));
    mkdirSync(join(scratch, 'specs', 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(join(scratch, 'specs', 'node_modules', 'pkg', 'x.yaml'), 'not: ours\n');
    writeFileSync(join(scratch, 'specs', 'one.yaml'), aSpecDocument({ name: 'one' }));
    symlinkSync(join(scratch, 'specs'), join(scratch, 'specs', 'loop'), 'dir');
    const clusters = await loadDesiredClusters(['specs', 'specs/one.yaml', './specs'], { cwd: scratch });
    expect(clusters.map((c) => c.source.file)).toEqual(['specs/one.yaml']);
  });

  it('names files relative to the working directory, also when given absolute or outside it', async () => {
    const inside = await readSpecSources([join(ROOT, fixture('valid-basic'))], { cwd: join(ROOT, 'test') });
    expect(inside.sources.map((s) => s.file)).toEqual(['fixtures/desired/valid-basic/orders.yaml']);
    const outside = await readSpecSources(['../../fixtures/desired/valid-basic'], {
      cwd: join(ROOT, 'test/unit/desired'),
    });
    expect(outside.sources.map((s) => s.file)).toEqual(['../../fixtures/desired/valid-basic/orders.yaml']);
  });

  it('refuses a FIFO or /dev/zero given as a PATH at once, naming it (they used to hang, or read gigabytes)', async () => {
    scratch = mkdtempSync(join(tmpdir(), 'pgensure-spec-'));
    execFileSync('mkfifo', [join(scratch, 'pipe.yaml')]);
    const issues = await issuesOf(['pipe.yaml', '/dev/zero'], scratch);
    expect(issues.map(formatIssue)).toEqual([
      '../../dev/zero:1:1 : a device, not a regular file: pgensure reads only regular files'.replace(
        '../../dev/zero',
        relative(scratch, '/dev/zero'),
      ),
      'pipe.yaml:1:1 : a named pipe (FIFO), not a regular file: pgensure reads only regular files',
    ]);
  });

  it('reports a dangling *.yaml symlink and a FIFO in a directory instead of skipping them silently', async () => {
    scratch = mkdtempSync(join(tmpdir(), 'pgensure-spec-'));
    mkdirSync(join(scratch, 'specs'));
    writeFileSync(join(scratch, 'specs', 'one.yaml'), aSpecDocument({ name: 'one' }));
    symlinkSync('../gone/two.yaml', join(scratch, 'specs', 'two.yaml'));
    execFileSync('mkfifo', [join(scratch, 'specs', 'three.yaml')]);
    symlinkSync('/nowhere/notes.txt', join(scratch, 'specs', 'notes.txt')); // not *.yaml: not ours to report
    const issues = await issuesOf(['specs'], scratch);
    expect(issues.map(formatIssue)).toEqual([
      'specs/three.yaml:1:1 : a named pipe (FIFO), not a regular file: pgensure reads only regular files',
      'specs/two.yaml:1:1 : a symlink to ../gone/two.yaml, which does not exist',
    ]);
  });

  it('refuses invalid UTF-8 and NUL bytes at file:line:col, and a spec file over 8 MiB', async () => {
    scratch = mkdtempSync(join(tmpdir(), 'pgensure-spec-'));
    const latin1 = Buffer.from(aSpecDocument({ name: 'one' }).replace('name: one', 'name: caf\u00e9'), 'latin1');
    writeFileSync(join(scratch, 'latin1.yaml'), latin1);
    writeFileSync(join(scratch, 'nul.yaml'), aSpecDocument({ name: 'two' }).replace('kind: ', 'kind: \0'));
    writeFileSync(join(scratch, 'huge.yaml'), `# ${'x'.repeat(8 * 1024 * 1024)}\n`);
    const issues = await issuesOf(['latin1.yaml', 'nul.yaml', 'huge.yaml'], scratch);
    expect(issues.map(formatIssue)).toEqual([
      'huge.yaml:1:1 : larger than 8 MiB, the limit for a spec file',
      'latin1.yaml:4:12 : not valid UTF-8 text (save the file as UTF-8)',
      'nul.yaml:2:7 : a NUL byte: not a text file',
    ]);
  });

  it('ends a flow map nested 2,500 deep in an issue naming the file (it used to be an internal stack overflow)', async () => {
    scratch = mkdtempSync(join(tmpdir(), 'pgensure-spec-'));
    writeFileSync(join(scratch, 'deep.yaml'), `x: ${'{a: '.repeat(2500)}1${'}'.repeat(2500)}\n`);
    // Found by the fuzz suite: compact sequences overflow the yaml package's own parser (not only its composer).
    writeFileSync(join(scratch, 'deep-compact.yaml'), `spec:\n  x: 1\n${'- '.repeat(3000)}1\n`);
    writeFileSync(
      join(scratch, 'deep-block.yaml'),
      `${Array.from({ length: 40 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`,
    );
    const issues = await issuesOf(['deep.yaml', 'deep-block.yaml', 'deep-compact.yaml'], scratch);
    expect(issues.map((i) => [i.file, i.message])).toEqual([
      ['deep-block.yaml', 'nested more than 32 levels deep (pgensure documents are a few levels deep)'],
      ['deep-compact.yaml', 'nested more than 32 levels deep (pgensure documents are a few levels deep)'],
      ['deep.yaml', 'nested more than 32 levels deep (pgensure documents are a few levels deep)'],
    ]);
    expect(issues[0]).toMatchObject({ line: 33, col: 33 });
    expect(issues[1]).toMatchObject({ line: 3, col: 65 });
  });

  it('loads nothing, without issues, from no paths', async () => {
    await expect(loadDesiredClusters([], { cwd: ROOT })).resolves.toEqual([]);
  });
});

describe('loadDesiredClusters: documents', () => {
  it('skips empty and comment-only documents, and files with no document', async () => {
    const clusters = await loadDesiredClusters([fixture('multi-document')], { cwd: ROOT });
    expect(clusters.map((c) => [c.address, c.source])).toEqual([
      ['gb-lhr/multi-one', { file: 'test/fixtures/desired/multi-document/clusters.yaml', line: 4, col: 1 }],
      ['gb-bhx/multi-two', { file: 'test/fixtures/desired/multi-document/clusters.yaml', line: 18, col: 1 }],
    ]);
  });

  it('reads any YAML (anchors, aliases, block scalars, tags, CRLF) with the same meaning and positions', async () => {
    const clusters = await loadDesiredClusters([fixture('yaml-features')], { cwd: ROOT });
    const [one, two, crlf] = clusters;
    expect(clusters.map((c) => c.address)).toEqual([
      'us-las/features-one',
      'us-las/features-two',
      'us-mci/features-crlf',
    ]);
    expect(one!.properties.description).toBe('A description folded over two lines');
    expect(one!.properties.version).toBe('16');
    expect(one!.properties.credentials).toMatchObject({ username: 'app', database: 'app' });
    expect(two!.properties.description).toBe('Kept\nas written\n');
    expect(two!.properties.instances).toEqual({ count: 1, cores: 2, ram: 4, storageSize: 20 });
    expect(two!.positions.get('/instances')).toEqual({
      file: 'test/fixtures/desired/yaml-features/anchors.yaml',
      line: 30,
      col: 3,
    });
    expect(two!.positions.get('/instances/ram')).toEqual({
      file: 'test/fixtures/desired/yaml-features/anchors.yaml',
      line: 33,
      col: 10,
    });
    expect(one!.positions.get('/connection/lanId')).toEqual({
      file: 'test/fixtures/desired/yaml-features/anchors.yaml',
      line: 15,
      col: 12,
    });
    expect(crlf!.positions.get('/version')).toEqual({
      file: 'test/fixtures/desired/yaml-features/crlf.yaml',
      line: 7,
      col: 12,
    });
  });
});

describe('the hint for other YAML under a spec path', () => {
  it('tells the user what to do when a path holds YAML that is not a pgensure spec', async () => {
    const error = await loadDesiredClusters(['examples'], { cwd: ROOT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).hint).toContain('dot-directory');
  });
});
