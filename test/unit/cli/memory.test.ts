import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  COLLECT_FROM_CLUSTERS,
  collectAfterFetch,
  collectBeforeFetch,
  fitYoungGeneration,
  HOLD_UP_TO_BYTES,
  MAX_FILES_TO_SIZE,
} from '../../../src/cli/memory.js';

const dir = mkdtempSync(join(tmpdir(), 'pgensure-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A spec file of `bytes` bytes. */
function aFile(name: string, bytes: number): string {
  const path = join(dir, name);
  writeFileSync(path, 'x'.repeat(bytes));
  return path;
}

describe('fitYoungGeneration', () => {
  it('holds the young generation for spec files up to the limit', () => {
    expect(fitYoungGeneration([aFile('a.yaml', 1000), aFile('b.yaml', 2000)], [], '')).toBe(true);
  });

  it('lets it grow for larger spec files, or more files than it sizes', () => {
    const half = aFile('half.yaml', HOLD_UP_TO_BYTES / 2);
    expect(fitYoungGeneration([half, half, aFile('c.yaml', 1)], [], '')).toBe(false);
    expect(
      fitYoungGeneration(
        Array.from({ length: MAX_FILES_TO_SIZE + 1 }, () => aFile('d.yaml', 1)),
        [],
        '',
      ),
    ).toBe(false);
  });

  it("leaves it alone when the user sized it (node's flags or NODE_OPTIONS)", () => {
    const small = [aFile('e.yaml', 10)];
    expect(fitYoungGeneration(small, ['--max-semi-space-size=32'], '')).toBe(false);
    expect(fitYoungGeneration(small, [], '--max-old-space-size=4096 --min-semi-space-size=8')).toBe(false);
  });
});

describe('collectAfterFetch and collectBeforeFetch', () => {
  it.each([
    ['after the fetch', collectAfterFetch],
    ['before the fetch', collectBeforeFetch],
  ])('collect %s once the fleet is large, and not for a small one', (_, collectFor) => {
    let collections = 0;
    const count = () => {
      collections++;
    };
    expect(collectFor(COLLECT_FROM_CLUSTERS - 1, count)).toBe(false);
    expect(collections).toBe(0);
    expect(collectFor(COLLECT_FROM_CLUSTERS, count)).toBe(true);
    expect(collections).toBe(1);
  });

  it("runs V8's full collection (taken from a fresh context), and again when asked", () => {
    const before = process.memoryUsage().heapUsed;
    let garbage: unknown[] | undefined = Array.from({ length: 1_000_000 }, (_, i) => ({ i }));
    expect(garbage.length).toBe(1_000_000); // ~30 MB, more than the allowance below
    garbage = undefined;
    expect(collectAfterFetch(COLLECT_FROM_CLUSTERS)).toBe(true);
    expect(collectAfterFetch(COLLECT_FROM_CLUSTERS)).toBe(true);
    expect(process.memoryUsage().heapUsed).toBeLessThan(before + 8_000_000);
  });
});
