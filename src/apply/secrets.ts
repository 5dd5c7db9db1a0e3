import type { ClusterProperties } from '../api/types.js';
import type { PasswordRef } from '../desired/types.js';
import { ApplyError } from '../errors.js';
import { InputFileProblem, PASSWORD_FILE_LIMIT, readInputText } from '../input/read-file.js';
import type { Change } from '../plan/types.js';
import { addSecret } from '../secrets/index.js';

/**
 * The v2 API's password rules (v2-contract.md §2.8), checked before anything is sent. Each is a test of one
 * character at a time (a regex over the whole value could overflow the stack on a huge one); the length is counted.
 */
const PASSWORD_RULES: readonly [RegExp, string][] = [
  [/[a-z]/, 'a lowercase letter'],
  [/[A-Z]/, 'an uppercase letter'],
  [/[0-9]/, 'a digit'],
  [/[@$!%*?&]/, 'one of @$!%*?&'],
];
const MIN_PASSWORD_LENGTH = 8;

/** Where passwords come from: the environment, and files (by default through the one input reader: a cap, no FIFOs). */
export interface SecretSources {
  env: Readonly<Record<string, string | undefined>>;
  /** The file's text; rejects with InputFileProblem to say why it cannot be used. */
  readText: (path: string) => Promise<string>;
}

export const defaultSecretSources = (env: NodeJS.ProcessEnv): SecretSources => ({
  env,
  readText: async (path) => readInputText(path, PASSWORD_FILE_LIMIT),
});

/** A stable key for a password reference (what is printed; never the value). */
export function describeRef(ref: PasswordRef): string {
  return 'fromEnv' in ref ? `env ${ref.fromEnv}` : `file ${ref.fromFile}`;
}

/**
 * Resolves every password the plan's writes need, all before the first write, so a missing variable fails the
 * apply with nothing sent. Problems are collected for all clusters at once, and never quote a value. Every value
 * resolved becomes a secret of the run: the process's edges scrub it from whatever they write (src/secrets).
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
    const read = await readRef(ref, sources);
    if ('value' in read) addSecret(read.value);
    const problem = 'value' in read ? checkPassword(read.value) : read.problem;
    if (problem !== null) problems.push(`${change.address}: the password from ${key} ${problem}`);
    else if ('value' in read) resolved.set(key, read.value);
  }
  if (problems.length > 0) {
    throw new ApplyError(`cannot resolve credentials; nothing was written:\n  ${problems.join('\n  ')}`, {
      hint: 'set the environment variables (or files) the spec files name in credentials.password',
    });
  }
  return resolved;
}

type RefRead = { value: string } | { problem: string };

async function readRef(ref: PasswordRef, sources: SecretSources): Promise<RefRead> {
  if ('fromEnv' in ref) {
    const value = sources.env[ref.fromEnv];
    return value === undefined || value === '' ? { problem: 'is not set' } : { value };
  }
  let raw: string;
  try {
    raw = await sources.readText(ref.fromFile);
  } catch (error) {
    if (!(error instanceof InputFileProblem)) return { problem: 'cannot be read' };
    const where = error.line > 1 || error.col > 1 ? ` (line ${error.line}, column ${error.col})` : '';
    return { problem: `cannot be used: ${error.message}${where}` };
  }
  // A trailing newline is an artefact of editors and `echo`, never part of the password.
  const text = dropFinalNewline(raw);
  return text === '' ? { problem: 'is empty' } : { value: text };
}

function dropFinalNewline(text: string): string {
  if (!text.endsWith('\n')) return text;
  return text.endsWith('\r\n') ? text.slice(0, -2) : text.slice(0, -1);
}

/** The API's rules, and text the API can take: a value the environment decoded with U+FFFD was not UTF-8. */
function checkPassword(value: string): string | null {
  if (value.includes('\uFFFD')) return 'is not valid UTF-8 text';
  if (value.includes('\0')) return 'holds a NUL byte';
  const missing = PASSWORD_RULES.filter(([rule]) => !rule.test(value)).map(([, what]) => what);
  if (value.length < MIN_PASSWORD_LENGTH) missing.unshift(`at least ${MIN_PASSWORD_LENGTH} characters`);
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
