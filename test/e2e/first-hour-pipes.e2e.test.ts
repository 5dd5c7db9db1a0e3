import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';
import {
  SAFETY_PASSWORD,
  SAFETY_PASSWORD_ENV,
  SAFETY_TOKEN,
  type SafetyWorld,
  startSafetyWorld,
  waitUntil,
} from '../helpers/safety-world.js';

/** Closed pipes and Ctrl-C: never a stack trace, never a lost exit code, never a lost apply summary. */
let world: SafetyWorld;
beforeEach(async () => {
  world = await startSafetyWorld({ provisioningDelayMs: 1200 });
  for (const name of ['alpha', 'bravo', 'charlie']) world.writeSpec({ name });
});
afterEach(() => world.close());

const NO_CRASH = /EPIPE|internal|please report|Unhandled|\n\s+at [\w.<]+ \(|node:/i;

function env(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NO_COLOR: '1',
    IONOS_TOKEN: SAFETY_TOKEN,
    PGENSURE_ENDPOINT: world.emulator.endpointTemplate,
    [SAFETY_PASSWORD_ENV]: SAFETY_PASSWORD,
  };
}

interface PipedRun {
  /** Closes the reading end of the CLI's stdout, as `| head -1` does once it has its line. */ closeStdout(): void;
  kill(signal: NodeJS.Signals): void;
  done: Promise<{ code: number | null; stderr: string }>;
}

/** The built CLI with a stdout pipe the test can close at any moment, like a reader that stops reading. */
function spawnPiped(args: string[]): PipedRun {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: world.dir,
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return {
    closeStdout: () => child.stdout.destroy(),
    kill: (signal) => child.kill(signal),
    done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr }))),
  };
}

describe('a stdout whose reader has gone (| head -1, | true)', () => {
  it.each([
    [['plan', 'specs'], 0],
    [['plan', 'specs', '--detailed-exitcode'], 2],
    [['plan', 'specs', '--format', 'json'], 0],
    [['validate', 'specs'], 0],
    [['--help'], 0],
  ])('pgensure %j keeps its exit code (%i) and prints no EPIPE stack', async (args, code) => {
    const run = spawnPiped(args);
    run.closeStdout();
    const { code: exit, stderr } = await run.done;
    expect(stderr).not.toMatch(NO_CRASH);
    expect(exit).toBe(code);
  });

  it('Ctrl-C on `pgensure apply | tee log` (tee dies too): the summary still reaches stderr, exit 1', async () => {
    const args = ['apply', 'specs', '--auto-approve', '--poll-interval', '40ms', '--parallelism', '1'];
    const run = spawnPiped(args);
    const exited = run.done.then(({ code, stderr }) => ({ code, stdout: '', stderr }));
    await waitUntil(() => world.writes().length >= 1, exited);
    run.closeStdout();
    run.kill('SIGINT');
    const { code, stderr } = await run.done;
    expect(stderr).not.toMatch(NO_CRASH);
    expect(code).toBe(1);
    expect(stderr).toContain('SIGINT: starting no new writes');
    expect(stderr).toMatch(/Apply interrupted\. 0 created, .*\n +in flight: +de-fra\/alpha \(create\)/);
    // The others were written before the signal landed (in flight: a write slot frees once alpha's write is sent,
    // so on a loaded machine bravo's may go out first), waiting for a slot (stopped) or never begun (not started):
    // whichever, each is listed.
    for (const name of ['bravo', 'charlie'])
      expect(stderr).toMatch(new RegExp(`(in flight|stopped|not started): +de-fra/${name} \\(create\\)`));
    expect(stderr).toContain('Re-run `pgensure apply` to converge');
  });
});

describe.skipIf(!existsSync('/dev/full'))('a stdout that cannot take the results (a full disk)', () => {
  it.each([[['validate', 'specs']], [['plan', 'specs', '--format', 'json']]])(
    'pgensure %j exits 1 and says the results were lost',
    async (args) => {
      const full = openSync('/dev/full', 'w');
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd: world.dir,
        env: env(),
        stdio: ['ignore', full, 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain('Error: the results could not be written to stdout (ENOSPC)');
      expect(stderr).toContain('Hint: free space or send stdout elsewhere');
      expect(stderr).not.toMatch(NO_CRASH);
    },
  );
});

// `script` (util-linux) runs the CLI on a pseudo-terminal, as a person at a keyboard does.
const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;

/** Runs `shell` under `script` on a terminal, types `keys` once the approval question shows, and reports. */
async function typeAtPrompt(shell: string, keys: string): Promise<{ code: number | null; screen: string }> {
  const child = spawn('script', ['-qec', shell, '/dev/null'], { cwd: world.dir, env: env(), stdio: 'pipe' });
  let screen = '';
  let typed = false;
  return new Promise((resolve) => {
    const onOutput = (chunk: Buffer) => {
      screen += chunk.toString();
      // The question is shown (on the terminal, or in err.txt when stderr goes to a file): answer it.
      if (!typed && (screen.includes("Only 'yes'") || readQuiet(join(world.dir, 'err.txt')).includes("Only 'yes'"))) {
        typed = true;
        setTimeout(() => child.stdin.write(keys), 200);
      }
    };
    child.stdout.on('data', onOutput);
    const poll = setInterval(() => onOutput(Buffer.from('')), 50);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, screen });
    });
  });
}

function readQuiet(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

describe.skipIf(!HAS_SCRIPT)('Ctrl-C at the approval prompt', () => {
  // `exec`: the CLI replaces the shell, as under an interactive shell's job control only the CLI gets the SIGINT.
  const apply = `exec '${process.execPath}' '${BIN}' apply specs > out.txt`;

  it.each([
    ['Ctrl-C on a terminal (raw mode: a key press)', apply, '\x03'],
    ['Ctrl-C with stderr in a file (cooked mode: the terminal sends SIGINT)', `${apply} 2> err.txt`, '\x03'],
    ['Ctrl-D', apply, '\x04'],
    ['answering no', apply, 'no\r'],
  ])('%s cancels like "no": nothing written, exit 1', async (_what, shell, keys) => {
    const { code, screen } = await typeAtPrompt(shell, keys);
    const out = readFileSync(join(world.dir, 'out.txt'), 'utf8');
    const err = readQuiet(join(world.dir, 'err.txt'));
    expect(code, screen + err).toBe(1);
    expect(out).toMatch(/Plan: 3 to create/);
    expect(out.trimEnd().endsWith('Apply cancelled; nothing was written.')).toBe(true);
    expect(screen + err).not.toMatch(/Aborted|internal|please report/i);
    expect(world.writes()).toEqual([]);
  });
});
