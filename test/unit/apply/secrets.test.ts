import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSecretSources, resolvePasswords } from '../../../src/apply/secrets.js';
import type { PasswordRef } from '../../../src/desired/types.js';
import { ApplyError } from '../../../src/errors.js';
import type { Change } from '../../../src/plan/types.js';
import { REDACTED, scrubSecrets } from '../../../src/secrets/index.js';

const dir = mkdtempSync(join(tmpdir(), 'pgensure-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Only what resolvePasswords reads of a change. */
function updateWith(password: PasswordRef, address = 'de-fra/orders'): Change {
  return {
    action: 'update',
    address,
    after: { credentials: { username: 'app', database: 'app', password } },
  } as Change;
}

async function problemOf(password: PasswordRef, env: Record<string, string> = {}): Promise<string> {
  try {
    await resolvePasswords([updateWith(password)], defaultSecretSources(env));
  } catch (error) {
    expect(error).toBeInstanceOf(ApplyError);
    return (error as ApplyError).message;
  }
  throw new Error('expected an ApplyError');
}

describe('resolvePasswords with the default sources', () => {
  it('reads a password file (one trailing newline dropped) and an environment variable', async () => {
    writeFileSync(join(dir, 'ok.password'), 'File-Passw0rd!\n');
    const passwords = await resolvePasswords(
      [updateWith({ fromFile: join(dir, 'ok.password') }), updateWith({ fromEnv: 'PW' }, 'de-fra/b')],
      defaultSecretSources({ PW: 'Env-Passw0rd!' }),
    );
    expect([...passwords.values()]).toEqual(['File-Passw0rd!', 'Env-Passw0rd!']);
  });

  it('refuses a 20 MB password file with its limit, not a stack overflow (RangeError)', async () => {
    const path = join(dir, 'huge.password');
    writeFileSync(path, `Aa1!${'x'.repeat(20 * 1024 * 1024)}`);
    expect(await problemOf({ fromFile: path })).toContain(
      `the password from file ${path} cannot be used: larger than 4 KiB, the limit for a password file`,
    );
  });

  it('refuses a FIFO and /dev/zero as a password file at once (it used to wait forever, or read without end)', async () => {
    const fifo = join(dir, 'pipe.password');
    execFileSync('mkfifo', [fifo]);
    expect(await problemOf({ fromFile: fifo })).toContain('a named pipe (FIFO), not a regular file');
    expect(await problemOf({ fromFile: '/dev/zero' })).toContain('a device, not a regular file');
  });

  it('refuses invalid UTF-8 and NUL bytes (they used to be sent), naming the place and never the value', async () => {
    writeFileSync(join(dir, 'latin1.password'), Buffer.from([0x53, 0x65, 0x63, 0x72, 0xe9, 0x74, 0x31, 0x21, 0x41]));
    writeFileSync(join(dir, 'nul.password'), 'Secr3t!pw\0Tail');
    const latin1 = await problemOf({ fromFile: join(dir, 'latin1.password') });
    expect(latin1).toContain('not valid UTF-8 text (save the file as UTF-8) (line 1, column 5)');
    const nul = await problemOf({ fromFile: join(dir, 'nul.password') });
    expect(nul).toContain('a NUL byte: not a text file (line 1, column 10)');
    expect(nul).not.toContain('Secr3t');
    expect(await problemOf({ fromEnv: 'PW' }, { PW: 'Secr\uFFFDt-Passw0rd!' })).toContain('is not valid UTF-8 text');
  });

  it('makes every password it resolves a secret the process edges scrub', async () => {
    await resolvePasswords([updateWith({ fromEnv: 'PW' })], defaultSecretSources({ PW: 'Scrub-Me-Passw0rd!' }));
    expect(scrubSecrets('statusMessage: bad password Scrub-Me-Passw0rd!')).toBe(
      `statusMessage: bad password ${REDACTED}`,
    );
  });
});
