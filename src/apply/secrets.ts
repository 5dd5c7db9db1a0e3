import { readFile } from 'node:fs/promises';
import type { ClusterProperties } from '../api/types.js';
import type { PasswordRef } from '../desired/types.js';
import { ApplyError } from '../errors.js';
import type { Change } from '../plan/types.js';

/** The v2 API's password rules (v2-contract.md §2.8), checked before anything is sent. */
const PASSWORD_RULES: readonly [RegExp, string][] = [
  [/^.{8,}$/s, 'at least 8 characters'],
  [/[a-z]/, 'a lowercase letter'],
  [/[A-Z]/, 'an uppercase letter'],
  [/[0-9]/, 'a digit'],
  [/[@$!%*?&]/, 'one of @$!%*?&'],
];

export interface SecretSources {
  env: Readonly<Record<string, string | undefined>>;
  readText: (path: string) => Promise<string>;
}

export const defaultSecretSources = (env: NodeJS.ProcessEnv): SecretSources => ({
  env,
  readText: (path) => readFile(path, 'utf8'),
});

/** A stable key for a password reference (what is printed; never the value). */
export function describeRef(ref: PasswordRef): string {
  return 'fromEnv' in ref ? `env ${ref.fromEnv}` : `file ${ref.fromFile}`;
}

/**
 * Resolves every password the plan's writes need, all before the first write, so a missing variable fails the
 * apply with nothing sent. Problems are collected for all clusters at once.
 */
export async function resolvePasswords(
  changes: readonly Change[],
  sources: SecretSources,
): Promise<Map<string, string>> {
  const resolved = new Map<string, string>();
  const problems: string[] = [];
  for (const change of changes) {
    if (change.action === 'noop' || change.action === 'delete') continue;
    const ref = change.after.credentials.password;
    const key = describeRef(ref);
    if (resolved.has(key)) continue;
    const value = await readRef(ref, sources).catch(() => undefined);
    const problem = value === undefined ? 'is not set or cannot be read' : checkPasswordRules(value);
    if (problem) problems.push(`${change.address}: the password from ${key} ${problem}`);
    else resolved.set(key, value!);
  }
  if (problems.length > 0) {
    throw new ApplyError(`cannot resolve credentials; nothing was written:\n  ${problems.join('\n  ')}`, {
      hint: 'set the environment variables (or files) the spec files name in credentials.password',
    });
  }
  return resolved;
}

async function readRef(ref: PasswordRef, sources: SecretSources): Promise<string | undefined> {
  if ('fromEnv' in ref) {
    const value = sources.env[ref.fromEnv];
    return value === undefined || value === '' ? undefined : value;
  }
  // A trailing newline is an artefact of editors and `echo`, never part of the password.
  const text = (await sources.readText(ref.fromFile)).replace(/\r?\n$/, '');
  return text === '' ? undefined : text;
}

function checkPasswordRules(value: string): string | null {
  const missing = PASSWORD_RULES.filter(([rule]) => !rule.test(value)).map(([, what]) => what);
  return missing.length === 0 ? null : `does not meet the API's rules (needs ${missing.join(', ')})`;
}

/** The exact PUT body: the plan's `after` with the password reference replaced by its value. */
export function bodyWithPassword(change: Change, passwords: ReadonlyMap<string, string>): ClusterProperties {
  if (change.action === 'noop' || change.action === 'delete' || !change.after) {
    throw new ApplyError(`${change.address}: a ${change.action} sends no body`);
  }
  const { credentials, ...rest } = change.after;
  const password = passwords.get(describeRef(credentials.password));
  if (password === undefined)
    throw new ApplyError(`${change.address}: password from ${describeRef(credentials.password)} was not resolved`);
  return { ...rest, credentials: { username: credentials.username, database: credentials.database, password } };
}
