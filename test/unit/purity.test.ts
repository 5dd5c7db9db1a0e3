import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** The functional core: everything comes in as arguments (clock and ids included); nothing reads the machine. */
const PURE_DIRS = ['plan', 'render', 'drift'].filter((dir) => existsSync(join(SRC, dir)));

const cases = PURE_DIRS.flatMap((dir) =>
  readdirSync(join(SRC, dir))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `${dir}/${name}`),
);

describe('functional core purity', () => {
  it('covers plan/ and render/', () => {
    expect(PURE_DIRS).toEqual(expect.arrayContaining(['plan', 'render']));
  });

  it.each(cases)('src/%s does no I/O and reads no clock, randomness or environment', (file) => {
    const source = readFileSync(join(SRC, file), 'utf8');
    expect(source).not.toMatch(/from ['"](node:|fs|path|os|child_process|undici|pino)/);
    expect(source).not.toMatch(/\bprocess\.|\bconsole\.|\bDate\.now\(|new Date\(|Math\.random\(|crypto\./);
  });
});
