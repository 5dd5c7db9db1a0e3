import { addSecret } from './index.js';

/**
 * Makes the value of the environment variable a parsed document's `spec.credentials.password.fromEnv` names a secret
 * of the run, as soon as the document is read: an API message that echoes the password is then scrubbed in `plan`
 * too, and in the plan `apply` prints before it resolves the passwords. (`fromFile` passwords become secrets when
 * apply reads them.)
 */
export function addReferencedSecrets(
  document: unknown,
  env: Readonly<Record<string, string | undefined>>,
  seen: Set<string> = new Set(),
): void {
  const name = fromEnvOf(document);
  // The documents of a file mostly name one variable: `seen` (the names already read, e.g. for this file) spares
  // reading process.env, a call into the C++ side, once per document.
  if (name === undefined || seen.has(name)) return;
  seen.add(name);
  addSecret(env[name]);
}

function fromEnvOf(document: unknown): string | undefined {
  const spec = field(document, 'spec');
  const password = field(field(spec, 'credentials'), 'password');
  const name = field(password, 'fromEnv');
  return typeof name === 'string' ? name : undefined;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
