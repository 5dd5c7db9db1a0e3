import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const RENDER_DIR = fileURLToPath(new URL('../../../src/render/', import.meta.url));

// render/ is the functional core: Plan in, string out. A stray import here would make output depend on the machine.
describe('src/render purity', () => {
  const files = readdirSync(RENDER_DIR).filter((name) => name.endsWith('.ts'));

  it.each(files)('%s does no I/O and reads no environment', (name) => {
    const source = readFileSync(join(RENDER_DIR, name), 'utf8');
    expect(source).not.toMatch(/from ['"](node:|fs|path|os|child_process|undici|pino)/);
    expect(source).not.toMatch(/\bprocess\.|\bconsole\.|\bDate\.now\(|new Date\(|Math\.random\(/);
  });
});
