#!/usr/bin/env node
// Part of `npm run build`, after tsc and the generated validators: bundles the CLI (dist/cli/bin.js and every module
// of dist/ it reaches) into one CommonJS file, dist/cli/bundle.cjs, and makes V8's code cache for it
// (dist/cli/bundle.cjs.cache) by running the bundle once; dist/cli/pgensure.cjs, the package's bin, runs the two.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { GENERATED_VALIDATOR_FILE, hashSchemaSources } from '../dist/desired/schema.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/cli/bundle.cjs`;
const cache = `${bundle}.cache`;
const launcher = `${root}dist/cli/pgensure.cjs`;

rmSync(cache, { force: true });
await build({
  entryPoints: [`${root}dist/cli/bin.js`],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  // Every module's import.meta.url becomes the bundle's: the ways to package.json, schemas/ and dist/desired/ hold
  // from dist/cli/ as from any module of dist/<dir>/.
  define: { 'import.meta.url': '__pgensure_bundle_url' },
  plugins: [keepPackagesOutside(), bundleGeneratedFiles()],
  banner: { js: "'use strict';\nconst __pgensure_bundle_url = require('node:url').pathToFileURL(__filename).href;" },
});

/**
 * The dependencies stay in node_modules, loaded where they are used, except the two small modules of ajv's the
 * bundled cluster validator requires on every run (resolving a package from node_modules costs more than these do).
 */
function keepPackagesOutside() {
  const bundled = new Set(['ajv/dist/runtime/ucs2length', 'ajv-formats/dist/formats']);
  return {
    name: 'keep-packages-outside',
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, (args) =>
        bundled.has(args.path) ? undefined : { path: args.path, external: true },
      );
    },
  };
}

/**
 * dist/desired/generated-files.js loads the generated validators by a path made at run time, which a bundler cannot
 * follow. In the bundle it requires the cluster validator by name, so it is bundled and compiled once into the code
 * cache, and it is checked here against the schemas instead of at every start; the fleet's validators (Defaults and
 * Policy documents) stay outside, loaded and checked as from dist/.
 */
function bundleGeneratedFiles() {
  const path = `${root}dist/desired/${GENERATED_VALIDATOR_FILE}`;
  const hash = createRequire(import.meta.url)(path).schemaHash;
  if (hash !== hashSchemaSources(GENERATED_VALIDATOR_FILE)) {
    console.error(`scripts/bundle.mjs: ${path} is not generated from schemas/: run npm run build`);
    process.exit(1);
  }
  const contents = [
    "import { requireGeneratedFile as requireOutside } from './generated-files.js?outside';",
    'export function requireGeneratedFile(file) {',
    `  if (file !== ${JSON.stringify(GENERATED_VALIDATOR_FILE)}) return requireOutside(file);`,
    `  return { exports: require(${JSON.stringify(`./${GENERATED_VALIDATOR_FILE}`)}), checked: true };`,
    '}',
  ].join('\n');
  return {
    name: 'bundle-generated-files',
    setup(builder) {
      builder.onResolve({ filter: /\?outside$/ }, (args) => ({
        path: `${args.resolveDir}/${args.path.replace(/\?outside$/, '')}`,
        namespace: 'outside',
      }));
      builder.onLoad({ filter: /.*/, namespace: 'outside' }, (args) => ({
        contents: readFileSync(args.path, 'utf8'),
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
      builder.onLoad({ filter: /[\\/]dist[\\/]desired[\\/]generated-files\.js$/ }, (args) => ({
        contents,
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

// The launcher wraps the bundle in a function, where bin.js's hashbang would be a syntax error.
const text = readFileSync(bundle, 'utf8').replace(/^#!.*\n/, '');
writeFileSync(bundle, text);
// The bundle runs as a vm.Script, where import() fails on Node 20 (it needs --experimental-vm-modules): dependencies
// are loaded with require (src/require-package.ts), and esbuild turns the imports of modules of dist/ into calls.
// An import() that slipped in would fail only when reached, so the build fails instead.
const calls = text.match(/(?<![\w$.])import\([^)]*\)/g) ?? [];
if (calls.length > 0) {
  console.error(`scripts/bundle.mjs: the bundle may not call import() (it runs as a vm.Script): ${calls.join(', ')}`);
  process.exit(1);
}

// The code cache holds what a run compiled: `validate` of the examples (Defaults, a Policy with rules, both
// validators) compiles the CLI's shell and spec loading, the start-up of every command.
execFileSync(process.execPath, [launcher, 'validate', `${root}examples/fleet`], {
  env: { ...process.env, PGENSURE_BUILD_CODE_CACHE: cache },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const kb = (file) => `${Math.round(statSync(file).size / 1024)} KB`;
console.error(`bundled dist/cli/bundle.cjs (${kb(bundle)}) and its code cache (${kb(cache)})`);
