#!/usr/bin/env node
// `npm run test:live`: the live conformance suite (docs/live-conformance.md). Its TypeScript (test/live/) is
// compiled here with the project's tsc into node_modules/.cache (so its imports resolve), then run in this very
// process, which therefore owns SIGINT/SIGTERM and can delete the scratch cluster before it exits.
//   PGENSURE_LIVE=1 ... node scripts/live-conformance.mjs [--sweep-only]   (without PGENSURE_LIVE=1: the emulator)
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'node_modules', '.cache', 'pgensure-live');
if (!existsSync(join(root, 'dist', 'cli', 'pgensure.cjs'))) {
  console.error('live: dist/ is missing: run `npm run build` first (npm run test:live does)');
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'test', 'live', 'tsconfig.json'), '--outDir', out], {
    stdio: 'inherit',
  });
} catch {
  console.error('live: the suite does not compile (see above)');
  process.exit(1);
}
const { main } = await import(pathToFileURL(join(out, 'test', 'live', 'main.js')).href);
process.exitCode = await main({ root, argv: process.argv.slice(2), env: process.env });
