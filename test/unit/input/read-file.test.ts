import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  InputFileProblem,
  PASSWORD_FILE_LIMIT,
  readInputFile,
  readInputText,
  SPEC_FILE_LIMIT,
} from '../../../src/input/read-file.js';
import { locateInvalidUtf8 } from '../../../src/input/utf8.js';

const dir = mkdtempSync(join(tmpdir(), 'pgensure-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('readInputFile', () => {
  it('reads a regular file, and a symlink to one, as UTF-8 text', () => {
    const path = file('ok.yaml', 'name: café\n');
    symlinkSync(path, join(dir, 'link.yaml'));
    expect(readInputFile(path, SPEC_FILE_LIMIT)).toEqual({ text: 'name: café\n' });
    expect(readInputFile(join(dir, 'link.yaml'), SPEC_FILE_LIMIT)).toEqual({ text: 'name: café\n' });
  });

  it('refuses a FIFO at once instead of waiting for a writer, a device instead of reading without end, a directory', () => {
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    mkdirSync(join(dir, 'folder'));
    expect(readInputFile(fifo, SPEC_FILE_LIMIT)).toEqual({
      problem: 'a named pipe (FIFO), not a regular file: pgensure reads only regular files',
      line: 1,
      col: 1,
    });
    expect(readInputFile('/dev/zero', SPEC_FILE_LIMIT)).toMatchObject({ problem: expect.stringMatching(/^a device,/) });
    expect(readInputFile(join(dir, 'folder'), SPEC_FILE_LIMIT)).toMatchObject({
      problem: expect.stringMatching(/^a directory,/),
    });
    expect(readInputFile(join(dir, 'missing'), SPEC_FILE_LIMIT)).toMatchObject({
      problem: 'no such file or directory',
    });
  });

  it('refuses a file larger than the limit of its kind, reading no more than the limit and one byte', () => {
    const path = file('big.password', 'x'.repeat(PASSWORD_FILE_LIMIT.bytes + 1));
    expect(readInputFile(path, PASSWORD_FILE_LIMIT)).toEqual({
      problem: 'larger than 4 KiB, the limit for a password file',
      line: 1,
      col: 1,
    });
    expect(readInputFile(file('edge.password', 'x'.repeat(PASSWORD_FILE_LIMIT.bytes)), PASSWORD_FILE_LIMIT)).toEqual({
      text: 'x'.repeat(PASSWORD_FILE_LIMIT.bytes),
    });
  });

  it('refuses invalid UTF-8 and NUL bytes at their line and column, never quoting the text', () => {
    const bad = file(
      'bad.yaml',
      Buffer.concat([Buffer.from('a: 1\nname: Sécr'), Buffer.from([0xff]), Buffer.from('et\n')]),
    );
    expect(readInputFile(bad, SPEC_FILE_LIMIT)).toEqual({
      problem: 'not valid UTF-8 text (save the file as UTF-8)',
      line: 2,
      col: 11,
    });
    const nul = file('nul.yaml', 'a: 1\nb: 2\nkind: Post\0gres\n');
    expect(readInputFile(nul, SPEC_FILE_LIMIT)).toEqual({ problem: 'a NUL byte: not a text file', line: 3, col: 11 });
  });

  it('readInputText rejects with an InputFileProblem that carries the position', () => {
    const nul = file('nul.password', 'Secr3t!\0pw');
    expect(() => readInputText(nul, PASSWORD_FILE_LIMIT)).toThrow(InputFileProblem);
    try {
      readInputText(nul, PASSWORD_FILE_LIMIT);
    } catch (error) {
      expect(error).toMatchObject({ line: 1, col: 8 });
      expect(String(error)).not.toContain('Secr3t');
    }
  });
});

describe('locateInvalidUtf8', () => {
  it('agrees with a fatal TextDecoder on where the first bad byte is (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 10 }), (noise, text) => {
        const bytes = Buffer.concat([Buffer.from(text), noise]);
        const at = locateInvalidUtf8(bytes);
        const decodes = (b: Uint8Array) => {
          try {
            new TextDecoder('utf-8', { fatal: true }).decode(b);
            return true;
          } catch {
            return false;
          }
        };
        expect(at === -1).toBe(decodes(bytes));
        if (at !== -1) {
          expect(decodes(bytes.subarray(0, at))).toBe(true);
          expect(decodes(bytes.subarray(0, at + 4))).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
