import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type CliIo, writeEssential } from '../../../src/cli/io.js';
import { askApproval } from '../../../src/cli/prompt.js';
import { UsageError } from '../../../src/errors.js';

/** A terminal made of streams: `terminal` decides whether stderr says it is a TTY (raw-mode line editing). */
function fakeTerminal(terminal: boolean) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  let shown = '';
  const stderr = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        shown += String(chunk);
        done();
      },
    }),
    { isTTY: terminal, columns: 80 },
  );
  const io = { stdin, stderr, stdout: new PassThrough(), env: {}, cwd: '/' } as unknown as CliIo;
  return { io, stdin, shown: () => shown };
}

describe('askApproval', () => {
  it.each([
    ['yes\n', true],
    ['  yes \n', true],
    ['y\n', false],
    ['YES\n', false],
    ['no\n', false],
  ])('takes %j as %s', async (typed, approved) => {
    const { io, stdin, shown } = fakeTerminal(false);
    const answer = askApproval(io);
    stdin.write(typed);
    await expect(answer).resolves.toBe(approved);
    expect(shown()).toContain("Only 'yes' will be accepted");
  });

  it('takes Ctrl-C on a terminal in raw mode as no, and moves to a fresh line', async () => {
    const { io, stdin, shown } = fakeTerminal(true);
    const answer = askApproval(io);
    stdin.write('ye\x03');
    await expect(answer).resolves.toBe(false);
    expect(shown().endsWith('\n')).toBe(true);
  });

  it('takes Ctrl-D on a terminal and a closed stdin as no', async () => {
    const raw = fakeTerminal(true);
    const first = askApproval(raw.io);
    raw.stdin.write('\x04');
    await expect(first).resolves.toBe(false);
    const cooked = fakeTerminal(false);
    const second = askApproval(cooked.io);
    cooked.stdin.end();
    await expect(second).resolves.toBe(false);
  });

  it('takes the SIGINT a terminal in cooked mode sends as no, and leaves no listener behind', async () => {
    const before = process.listenerCount('SIGINT');
    const beforeTerm = process.listenerCount('SIGTERM');
    const { io } = fakeTerminal(false);
    const answer = askApproval(io);
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    for (const listener of process.listeners('SIGINT').slice(before)) (listener as () => void)();
    await expect(answer).resolves.toBe(false);
    expect(process.listenerCount('SIGINT')).toBe(before);
    expect(process.listenerCount('SIGTERM')).toBe(beforeTerm);
  });

  it('refuses to ask when stdin is not a terminal', async () => {
    const { io } = fakeTerminal(false);
    (io.stdin as { isTTY?: boolean }).isTTY = false;
    await expect(askApproval(io)).rejects.toThrow(UsageError);
  });
});

describe('writeEssential', () => {
  it('writes to stdout, and to stderr as well when stdout cannot take it (its reader is gone)', async () => {
    const err: string[] = [];
    const stderr = { write: (text: string) => err.push(text) } as unknown as NodeJS.WritableStream;
    const closed = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    closed.on('error', () => {});
    writeEssential({ stdout: closed, stderr }, 'Apply complete! 3 created.\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(err).toEqual(['Apply complete! 3 created.\n']);

    const out: string[] = [];
    const open = new Writable({
      write(chunk, _encoding, done) {
        out.push(String(chunk));
        done();
      },
    });
    err.length = 0;
    writeEssential({ stdout: open, stderr }, 'Apply complete!\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect([out, err]).toEqual([['Apply complete!\n'], []]);
  });
});
