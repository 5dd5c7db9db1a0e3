#!/usr/bin/env node
// The CLI's entry point (package.json "bin"). It runs the CLI's bundle (dist/cli/bundle.cjs, one CommonJS file made
// by scripts/bundle.mjs) with the V8 code cache made for it at build time, so a command starts without resolving
// ~40 ES modules or compiling what it runs (figures in docs/performance.md). Node 22 has a compile cache of its own
// (module.enableCompileCache); Node 20 does not. Without a bundle (a dist/ built by tsc alone) it runs the ES
// modules (dist/cli/bin.js), as `node dist/cli/bin.js` always does: stack traces there name the sources' lines.
const { existsSync, readFileSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
const { join } = require('node:path') as typeof import('node:path');
const { Script } = require('node:vm') as typeof import('node:vm');

/** Set by scripts/bundle.mjs only: write the code cache of what this run compiled, at exit. */
const WRITE_CACHE = 'PGENSURE_BUILD_CODE_CACHE';

/**
 * The bundle, compiled with its code cache when there is one. A cache made by another Node version or under other
 * V8 flags is rejected by V8 (`cachedDataRejected`), and the bundle compiles as it would without one.
 */
function compileBundle(bundle: string): import('node:vm').Script {
  const cachedData = readCodeCache(`${bundle}.cache`);
  const source = readFileSync(bundle, 'utf8');
  // The wrapper Node gives every CommonJS module, so the bundle sees require, module and __filename as usual.
  return new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
}

function runBundle(bundle: string): void {
  const script = compileBundle(bundle);
  const out = process.env[WRITE_CACHE];
  if (out !== undefined && out !== '') process.once('exit', () => writeCodeCache(script, out));
  const bundleModule = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(bundleModule.exports, bundleModule.exports, require, bundleModule, bundle, __dirname);
}

/** At exit, the build's code cache; a path that cannot be written is a plain error, never a stack trace. */
function writeCodeCache(script: import('node:vm').Script, file: string): void {
  try {
    writeFileSync(file, script.createCachedData());
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? String(err);
    process.stderr.write(
      `Error: cannot write the code cache to ${file} (${why})\nHint: ${WRITE_CACHE} is set by scripts/bundle.mjs only; unset it\n`,
    );
    process.exitCode = 1;
  }
}

function readCodeCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined; // none (the build making it), or unreadable: compile as usual
  }
}

if (require.main === module) {
  const bundle = join(__dirname, 'bundle.cjs');
  if (existsSync(bundle)) runBundle(bundle);
  else void import('./bin.js');
} else {
  module.exports = { compileBundle }; // for the tests (test/e2e/launcher.e2e.test.ts)
}
