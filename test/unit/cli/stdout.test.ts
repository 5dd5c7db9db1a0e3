import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type OutputStream, openStdout, type StdoutCalls } from '../../../src/cli/stdout.js';

/** A stand-in for process.stdout that records what reached it. */
function fallbackStream() {
  const texts: string[] = [];
  const stream: OutputStream = {
    isTTY: true,
    write(chunk, done) {
      texts.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      done?.(null);
      return true;
    },
  };
  return { texts, open: vi.fn(() => stream) };
}

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('stdout written with write(2)', () => {
  let dir: string;
  let fd: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pgensure-stdout-'));
    fd = openSync(join(dir, 'out'), 'w');
  });
  afterEach(() => {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  });

  const onFile = (): StdoutCalls => ({ fd, writesDirectly: () => true, write: (f, b, o) => writeSync(f, b, o) });

  it('writes strings and bytes in order, whole, before write returns, and says so', () => {
    const fallback = fallbackStream();
    const out = openStdout(fallback.open, () => {}, onFile());
    const done = vi.fn();
    expect(out.write('plan: ✓ 1 to change\n', done)).toBe(true);
    expect(done).toHaveBeenCalledWith(null);
    out.write(new TextEncoder().encode('bytes too\n'));
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('plan: ✓ 1 to change\nbytes too\n');
    expect(out.isTTY).toBe(false);
    expect(fallback.open).not.toHaveBeenCalled();
  });

  it('goes on after a short write until every byte is out', () => {
    const writes: number[] = [];
    const calls: StdoutCalls = {
      ...onFile(),
      write: (f, bytes, offset) => {
        const n = Math.min(3, bytes.length - offset);
        writes.push(n);
        return writeSync(f, bytes, offset, n);
      },
    };
    openStdout(fallbackStream().open, () => {}, calls).write('0123456789');
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('0123456789');
    expect(writes).toEqual([3, 3, 3, 1]);
  });

  it('uses process.stdout for a terminal or anything but a pipe, a file or a socket', () => {
    const fallback = fallbackStream();
    const out = openStdout(fallback.open, () => {}, { ...onFile(), writesDirectly: () => false });
    out.write('to the terminal\n');
    expect(fallback.texts).toEqual(['to the terminal\n']);
    expect(out.isTTY).toBe(true);
  });

  it('hands the rest to process.stdout when the descriptor would block, and every later text', () => {
    const fallback = fallbackStream();
    let calls = 0;
    const out = openStdout(fallback.open, () => {}, {
      ...onFile(),
      write: (f, bytes, offset) => {
        calls++;
        if (calls === 2) throw errno('EAGAIN');
        return writeSync(f, bytes, offset, 4);
      },
    });
    const done = vi.fn();
    out.write('abcdefghij', done);
    out.write('later\n');
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('abcd');
    expect(fallback.texts).toEqual(['efghij', 'later\n']);
    expect(done).toHaveBeenCalledWith(null);
    expect(fallback.open).toHaveBeenCalledTimes(1);
  });

  it('stops quietly when the reader went away (EPIPE), and tells every later writer', () => {
    const onFailure = vi.fn();
    const out = openStdout(fallbackStream().open, onFailure, {
      ...onFile(),
      write: () => {
        throw errno('EPIPE');
      },
    });
    const first = vi.fn();
    const later = vi.fn();
    expect(out.write('lost\n', first)).toBe(false);
    expect(out.write('summary\n', later)).toBe(false);
    expect(first.mock.calls[0]?.[0]).toMatchObject({ code: 'EPIPE' });
    expect(later.mock.calls[0]?.[0]).toMatchObject({ code: 'EPIPE' });
    expect(onFailure).not.toHaveBeenCalled();
  });

  it('reports any other error once (a full disk, a descriptor not open for writing) and writes nothing more', () => {
    const onFailure = vi.fn();
    const readOnly = openSync(join(dir, 'out'), 'r');
    try {
      const out = openStdout(fallbackStream().open, onFailure, { ...onFile(), fd: readOnly });
      out.write('one\n');
      out.write('two\n');
      expect(onFailure).toHaveBeenCalledTimes(1);
      expect(onFailure.mock.calls[0]?.[0]).toMatchObject({ code: 'EBADF' });
    } finally {
      closeSync(readOnly);
    }
  });
});
