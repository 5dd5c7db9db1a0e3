import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The e2e harness's own check that no secret leaves pgensure (issue 15: "no token, password, or base64 of either
 * appears in any output or file that pgensure writes"). Written apart from src/secrets on purpose: it must catch a
 * scrubber that misses something, so it shares no code with it.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Shorter values are not checked: the scrubber ignores them too (they are ordinary words), see src/secrets. */
const MIN_LENGTH = 8;
const SECRET_ENV = /TOKEN|PASSWORD|SECRET/;
const extra = new Set<string>();

/** Adds a value a test uses as a secret (beyond IONOS_TOKEN and *PASSWORD* variables, which are found by name). */
export function treatAsSecret(value: string): void {
  extra.add(value);
}

/** The secrets of a run: IONOS_TOKEN, every *TOKEN*, *PASSWORD*, *SECRET* variable, the demo password files. */
export function secretsOfRun(env: Record<string, string>): string[] {
  const fromEnv = Object.entries(env)
    .filter(([name]) => SECRET_ENV.test(name))
    .map(([, value]) => value);
  return [...new Set([...fromEnv, ...demoPasswordFiles(), ...extra])].filter((s) => s.length >= MIN_LENGTH);
}

const DEMO_SECRETS = join(ROOT, 'examples/clusters/secrets');
let demo: string[] | undefined;
function demoPasswordFiles(): string[] {
  demo ??= readdirSync(DEMO_SECRETS).map((name) =>
    readFileSync(join(DEMO_SECRETS, name), 'utf8').replace(/\r?\n$/, ''),
  );
  return demo;
}

/** How a secret could be written: as is, JSON-escaped, URL-encoded, base64 of it alone or after any prefix. */
function formsOf(secret: string): Map<string, string> {
  const forms = new Map<string, string>([
    ['raw', secret],
    ['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
    ['URL-encoded', encodeURIComponent(secret)],
    ['base64', Buffer.from(secret).toString('base64')],
    ['base64url', Buffer.from(secret).toString('base64url')],
  ]);
  // base64 of `user:secret` (any user): the characters that only the secret's bytes decide, for each alignment.
  for (const lead of [1, 2]) {
    const encoded = Buffer.from(`${'x'.repeat(lead)}${secret}`).toString('base64');
    const whole = Math.floor((lead + Buffer.byteLength(secret)) / 3) * 4;
    forms.set(`base64 after ${lead} byte(s)`, encoded.slice(lead + 1, whole));
  }
  return forms;
}

/** The first leak in `text`, described, or undefined. */
export function findLeak(text: string, secrets: readonly string[]): string | undefined {
  for (const secret of secrets) {
    for (const [form, spelling] of formsOf(secret)) {
      if (spelling.length >= MIN_LENGTH && text.includes(spelling))
        return `the ${form} form of a secret (${secret.slice(0, 3)}…, ${secret.length} chars)`;
    }
  }
  return undefined;
}

/** Every file under `dir` (node_modules skipped) with its modification time: what a run may change. */
export function snapshotFiles(dir: string): Map<string, number> {
  const files = new Map<string, number>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(path);
      else if (entry.isFile()) files.set(path, statSync(path).mtimeMs);
    }
  };
  walk(dir);
  return files;
}

/** The files under `dir` a run created or changed since `before` (up to 64 MiB each). */
export function filesWrittenSince(dir: string, before: ReadonlyMap<string, number>): string[] {
  return [...snapshotFiles(dir)]
    .filter(([path, mtime]) => before.get(path) !== mtime && statSync(path).size <= 64 * 1024 * 1024)
    .map(([path]) => path);
}
