import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/run-cli.js';

// The package's bin (src/cli/pgensure.cts) runs dist/cli/bundle.cjs with its code cache. Every other e2e test runs
// the CLI through it; these check the launcher itself, on the real build and on stand-ins of a bundle.

/**
 * What V8 says of a bundle's code cache, in a fresh node (the tests' own process may run under other flags):
 * "false" (accepted), "true" (rejected), "undefined" (none was given).
 */
function cacheRejected(launcher: string, bundle: string): string {
  const script = `process.stdout.write(String(require(${JSON.stringify(launcher)}).compileBundle(${JSON.stringify(bundle)}).cachedDataRejected))`;
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
}

const run = (file: string, args: string[], env: Record<string, string> = {}) =>
  execFileSync(process.execPath, [file, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });

describe('the built launcher', () => {
  it('is the package bin, and V8 accepts the code cache the build made for this Node', () => {
    expect(BIN).toBe(join(ROOT, 'dist/cli/pgensure.cjs'));
    expect(existsSync(join(ROOT, 'dist/cli/bundle.cjs.cache'))).toBe(true);
    expect(cacheRejected(BIN, join(ROOT, 'dist/cli/bundle.cjs'))).toBe('false');
  });

  it('runs the CLI from the bundle: no ES module, and of the checkout only the launcher and the bundle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgensure-launcher-'));
    const loads = join(dir, 'loads.json');
    const preload = join(ROOT, 'test/fixtures/launcher/record-loads.cjs');
    try {
      const env = { PGENSURE_TEST_LOADS: loads, NODE_OPTIONS: `--require ${preload}` };
      expect(run(BIN, ['validate', join(ROOT, 'examples/clusters')], env)).toMatch(
        /^Valid: \d+ clusters? in \d+ files?\.\n/m,
      );
      const bundled = JSON.parse(readFileSync(loads, 'utf8')) as { esModules: boolean; commonJs: string[] };
      expect(bundled.esModules).toBe(false);
      const own = bundled.commonJs.filter((file) => file.startsWith(ROOT) && !file.includes('node_modules'));
      expect(own.map((file) => file.slice(ROOT.length))).toEqual([preload.slice(ROOT.length), 'dist/cli/pgensure.cjs']);
      // The same run of the ES modules, for contrast: the check can tell the two apart.
      run(join(ROOT, 'dist/cli/bin.js'), ['validate', join(ROOT, 'examples/clusters')], env);
      expect((JSON.parse(readFileSync(loads, 'utf8')) as { esModules: boolean }).esModules).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the launcher, with stand-ins for the bundle', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pgensure-launcher-'));
    copyFileSync(BIN, join(dir, 'pgensure.cjs'));
    writeFileSync(join(dir, 'bin.js'), "process.stdout.write('ran bin.js\\n');\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const writeBundle = () =>
    writeFileSync(
      join(dir, 'bundle.cjs'),
      "'use strict';\nprocess.stdout.write('ran ' + require('node:path').basename(__filename) + ' ' + process.argv.slice(2).join(' ') + '\\n');\n",
    );

  it('runs the ES modules (bin.js) when there is no bundle', () => {
    expect(run(join(dir, 'pgensure.cjs'), ['--version'])).toBe('ran bin.js\n');
  });

  it('runs the bundle with the arguments, as a CommonJS module, without a cache', () => {
    writeBundle();
    expect(run(join(dir, 'pgensure.cjs'), ['validate', 'x'])).toBe('ran bundle.cjs validate x\n');
  });

  it('writes a code cache only when the build asks, and V8 accepts it on the next start', () => {
    writeBundle();
    run(join(dir, 'pgensure.cjs'), []);
    expect(existsSync(join(dir, 'bundle.cjs.cache'))).toBe(false);
    expect(cacheRejected(join(dir, 'pgensure.cjs'), join(dir, 'bundle.cjs'))).toBe('undefined');
    run(join(dir, 'pgensure.cjs'), [], { PGENSURE_BUILD_CODE_CACHE: join(dir, 'bundle.cjs.cache') });
    expect(existsSync(join(dir, 'bundle.cjs.cache'))).toBe(true);
    expect(cacheRejected(join(dir, 'pgensure.cjs'), join(dir, 'bundle.cjs'))).toBe('false');
  });

  it('says plainly when the code cache cannot be written, and exits 1', () => {
    writeBundle();
    const result = spawnSync(process.execPath, [join(dir, 'pgensure.cjs')], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', PGENSURE_BUILD_CODE_CACHE: join(dir, 'missing', 'bundle.cjs.cache') },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `Error: cannot write the code cache to ${join(dir, 'missing', 'bundle.cjs.cache')} (ENOENT)\nHint: PGENSURE_BUILD_CODE_CACHE is set by scripts/bundle.mjs only; unset it\n`,
    );
  });

  it('compiles as usual when the cache is not one for this bundle (another Node, a corrupt file)', () => {
    writeBundle();
    writeFileSync(join(dir, 'bundle.cjs.cache'), Buffer.alloc(4096, 7));
    expect(cacheRejected(join(dir, 'pgensure.cjs'), join(dir, 'bundle.cjs'))).toBe('true');
    expect(run(join(dir, 'pgensure.cjs'), ['plan'])).toBe('ran bundle.cjs plan\n');
  });
});
