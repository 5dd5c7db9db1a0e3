import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './run-cli.js';

/** A scratch copy of examples/ (and the schema it references) that a test may edit freely. */
export function copyExamples(): {
  dir: string;
  specs: string;
  edit: (file: string, from: string | RegExp, to: string) => void;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'pgensure-e2e-'));
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  cpSync(join(ROOT, 'schemas'), join(dir, 'schemas'), { recursive: true });
  const specs = join(dir, 'examples', 'clusters');
  return {
    dir,
    specs,
    edit(file, from, to) {
      const path = join(specs, file);
      const text = readFileSync(path, 'utf8');
      const next = text.replace(from, to);
      if (next === text) throw new Error(`edit of ${file} changed nothing`);
      writeFileSync(path, next);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The demo passwords the examples reference (env names used by examples/clusters/*.yaml). */
export const DEMO_PASSWORDS: Record<string, string> = {
  PGENSURE_DEMO_ORDERS_PASSWORD: 'Orders-E2e-Passw0rd!',
  PGENSURE_DEMO_BILLING_PASSWORD: 'Billing-E2e-Passw0rd!',
};
