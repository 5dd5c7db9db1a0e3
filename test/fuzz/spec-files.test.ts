import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDesiredFleet } from '../../src/desired/index.js';
import { findLeak } from '../helpers/secret-check.js';
import { expectLocated, expectNoPieceOf, expectUserError, listing, renderedError } from './support/invariants.js';
import { fuzzTimeoutMs, runFuzz } from './support/run.js';
import {
  corruptedBytes,
  LITERAL_SECRET,
  literalPasswordSpec,
  mutatedValueSpec,
  splicedSpec,
} from './support/spec-arbitraries.js';

const dir = mkdtempSync(join(tmpdir(), 'pgensure-fuzz-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * One spec file through the loader, as `pgensure validate` reads it: a fleet, or a typed error whose every problem
 * is located in the file; nothing written; and, when the file holds a literal password, no piece of it in the output.
 */
async function checkSpecFile(content: string | Uint8Array, literal: boolean): Promise<void> {
  writeFileSync(join(dir, 'spec.yaml'), content);
  const before = listing(dir);
  let error: unknown;
  try {
    await loadDesiredFleet(['spec.yaml'], { cwd: dir });
  } catch (caught) {
    error = caught;
  }
  expect(listing(dir)).toEqual(before);
  if (error === undefined) return;
  expectUserError(error, 'loading a spec file');
  expectLocated(error, 'spec.yaml', Buffer.from(content).toString('utf8'));
  if (!literal) return;
  const shown = renderedError(error);
  expect(findLeak(shown, [LITERAL_SECRET])).toBeUndefined();
  expectNoPieceOf(shown, LITERAL_SECRET);
}

describe('fuzz: spec files (a stranger controls their bytes)', () => {
  it('arbitrary and corrupted bytes', { timeout: fuzzTimeoutMs(60_000) }, async () => {
    await runFuzz('spec-bytes', corruptedBytes, (bytes) => checkSpecFile(bytes, false), 150);
  });

  it('YAML with hostile lines spliced in', { timeout: fuzzTimeoutMs(60_000) }, async () => {
    await runFuzz('spec-yaml-splices', splicedSpec, (text) => checkSpecFile(text, false), 200);
  });

  it('any value at any path, written by the yaml package', { timeout: fuzzTimeoutMs(60_000) }, async () => {
    await runFuzz('spec-yaml-values', mutatedValueSpec, (text) => checkSpecFile(text, false), 150);
  });

  it('a literal password written every way is never echoed', { timeout: fuzzTimeoutMs(60_000) }, async () => {
    await runFuzz(
      'spec-literal-password',
      fc.tuple(literalPasswordSpec, fc.boolean()),
      ([text, crlf]) => checkSpecFile(crlf ? text.replace(/\n/g, '\r\n') : text, true),
      60,
    );
  });
});
