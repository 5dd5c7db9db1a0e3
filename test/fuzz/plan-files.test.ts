import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readSavedPlan } from '../../src/cli/plan-file.js';
import { UsageError } from '../../src/errors.js';
import { diffSavedPlan } from '../../src/plan/saved.js';
import type { Plan } from '../../src/plan/types.js';
import { renderPlanJson } from '../../src/render/index.js';
import { addSecret, scrubSecrets } from '../../src/secrets/index.js';
import { aDesired, aLive, planFor, TEST_INPUTS } from '../helpers/builders.js';
import { findLeak } from '../helpers/secret-check.js';
import { expectUserError, listing } from './support/invariants.js';
import { fuzzTimeoutMs, runFuzz } from './support/run.js';

const TOKEN = 'fuzz-plan-token-3f9a61c2';
addSecret(TOKEN);
const dir = mkdtempSync(join(tmpdir(), 'pgensure-fuzz-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real plan: a create, an update, a no-op and a delete, as `plan --out` writes it. */
function aRealPlan(): Plan {
  const orders = aDesired({
    name: 'orders',
    properties: { instances: { count: 1, cores: 4, ram: 4, storageSize: 20 } },
  });
  const billing = aDesired({ name: 'billing' });
  const legacy = aDesired({ name: 'legacy', policy: { ensure: 'absent', preventDestroy: false, allowReplace: false } });
  const fresh = aDesired({ name: 'fresh', region: 'es-vit' });
  const live = new Map([
    [
      'de-fra',
      [
        aLive(orders, '00000000-0000-4000-8000-000000000001', {
          instances: { count: 1, cores: 2, ram: 4, storageSize: 20 },
        }),
        aLive(billing, '00000000-0000-4000-8000-000000000002'),
        aLive(legacy, '00000000-0000-4000-8000-000000000003'),
      ],
    ],
    ['es-vit', []],
  ] as const);
  return planFor({ desired: [orders, billing, legacy, fresh], live, inputs: TEST_INPUTS }).plan;
}

const REAL = aRealPlan();
const REAL_TEXT = renderPlanJson(REAL);
const REAL_VALUE = JSON.parse(REAL_TEXT) as unknown;

/** Every path (as keys) into a JSON value, for mutations to aim at. */
function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) pathsOf(item, [...prefix, i], out);
  } else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out);
  return out;
}
const PATHS = pathsOf(REAL_VALUE).filter((p) => p.length > 0);

// Deep nesting is written into the text, not built as a value: a value 10,000 arrays deep would overflow the stack
// of the generator (JSON.stringify) before it reached the reader under test.
const DEEP_MARK = 'fuzz-deep-mark:';
const deepValue = fc.integer({ min: 1, max: 5000 }).map((n) => `${DEEP_MARK}${n}`);
const expandDeepMarks = (text: string): string =>
  text.replace(new RegExp(`"${DEEP_MARK}(\\d+)"`, 'g'), (_, n: string) => `${'['.repeat(+n)}${']'.repeat(+n)}`);
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  deepValue,
  fc.constantFrom(TOKEN, `Bearer ${TOKEN}`, '', -1, 1e308, 2 ** 53 + 1, '__proto__', { __proto__: { x: 1 } }, null),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

type Mutation = { op: 'set' | 'delete' | 'rename'; path: number; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('set', 'delete', 'rename'),
  path: fc.nat(PATHS.length - 1),
  value: hostileValue,
});

function applyMutations(mutations: readonly Mutation[]): unknown {
  const root = structuredClone(REAL_VALUE) as Record<string | number, unknown>;
  for (const { op, path, value } of mutations) {
    const keys = PATHS[path]!;
    let parent: Record<string | number, unknown> = root;
    for (const key of keys.slice(0, -1)) {
      const next = parent[key];
      if (next === null || typeof next !== 'object') break;
      parent = next as Record<string | number, unknown>;
    }
    const last = keys[keys.length - 1]!;
    if (op === 'set') parent[last] = structuredClone(value);
    else if (op === 'delete') delete parent[last];
    else if (last in parent) {
      parent[`${String(last)}_`] = parent[last];
      delete parent[last];
    }
  }
  return root;
}

/** What a stranger could hand `apply --plan`: mutations of a real plan, cut or corrupted text, any JSON, any bytes. */
const planFile: fc.Arbitrary<{ content: string | Uint8Array; mutated: boolean }> = fc.oneof(
  fc
    .array(mutation, { minLength: 1, maxLength: 4 })
    .map((m) => ({ content: expandDeepMarks(JSON.stringify(applyMutations(m))), mutated: true })),
  fc.nat(REAL_TEXT.length).map((n) => ({ content: REAL_TEXT.slice(0, n), mutated: true })),
  fc
    .array(fc.tuple(fc.nat(REAL_TEXT.length), fc.constantFrom(0x00, 0xff, 0x22, 0x7b, 0x5d, 0x0a, 0x5c)), {
      minLength: 1,
      maxLength: 5,
    })
    .map((edits) => {
      const bytes = Buffer.from(REAL_TEXT);
      for (const [at, byte] of edits) bytes[Math.min(at, bytes.length - 1)] = byte;
      return { content: bytes, mutated: true };
    }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => ({ content: JSON.stringify(v) ?? 'null', mutated: true })),
  fc.uint8Array({ maxLength: 512 }).map((b) => ({ content: b, mutated: true })),
  fc.constant({ content: REAL_TEXT, mutated: false }),
);

/**
 * A plan file through `apply --plan`'s reader and checker (readSavedPlan, then diffSavedPlan against a fresh plan):
 * a UsageError, or a list of differences (the ApplyError apply would throw); nothing written; no token in the words.
 */
async function checkPlanFile({ content, mutated }: { content: string | Uint8Array; mutated: boolean }) {
  writeFileSync(join(dir, 'plan.json'), content);
  const before = listing(dir);
  let saved: Plan | undefined;
  let words = '';
  try {
    saved = await readSavedPlan(join(dir, 'plan.json'));
  } catch (error) {
    expectUserError(error, 'reading a saved plan');
    expect(error).toBeInstanceOf(UsageError);
    words = `${(error as UsageError).message}\n${(error as UsageError).hint ?? ''}`;
  }
  if (saved !== undefined) {
    let differences: string[];
    try {
      differences = diffSavedPlan(saved, REAL, TEST_INPUTS.endpoint);
    } catch (error) {
      throw new Error(`diffSavedPlan threw on a plan the reader accepted: ${String((error as Error).stack ?? error)}`);
    }
    if (!mutated) expect(differences).toEqual([]);
    words = differences.join('\n');
  }
  expect(listing(dir)).toEqual(before);
  expect(findLeak(scrubSecrets(words), [TOKEN])).toBeUndefined();
}

describe('fuzz: saved plan files (apply --plan FILE)', () => {
  it('mutations of a real plan, cut and corrupted text, any JSON, any bytes', {
    timeout: fuzzTimeoutMs(60_000),
  }, async () => {
    await runFuzz('plan-files', planFile, checkPlanFile, 150);
  });
});
