import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** The functional core: everything comes in as arguments (clock and ids included); nothing reads the machine. */
const PURE_DIRS = ['model', 'compare', 'plan', 'render', 'drift', 'status'].filter((dir) => existsSync(join(SRC, dir)));

/** Every .ts file under a folder of src/, its subfolders included (render/plan, render/drift, render/shared). */
function listSources(dir: string): string[] {
  return readdirSync(join(SRC, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return listSources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const cases = PURE_DIRS.flatMap(listSources);

describe('functional core purity', () => {
  it('covers the model, the comparison core, plan/, drift/ and render/ (with its subfolders)', () => {
    expect(PURE_DIRS).toEqual(['model', 'compare', 'plan', 'render', 'drift', 'status']);
    expect(cases).toContain('render/plan/markdown.ts');
  });

  it.each(cases)('src/%s does no I/O and reads no clock, randomness or environment', (file) => {
    const source = readFileSync(join(SRC, file), 'utf8');
    expect(source).not.toMatch(/from ['"](node:|fs|path|os|child_process|undici|pino)/);
    // new Date(ms) formats a given time; new Date() reads the clock.
    expect(source).not.toMatch(/\bprocess\.|\bconsole\.|\bDate\.now\(|new Date\(\)|Math\.random\(|crypto\./);
  });
});
