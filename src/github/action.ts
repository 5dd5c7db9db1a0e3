#!/usr/bin/env node
// The GitHub Action's entry (action.yml runs `node dist/github/action.js`): wires runAction to the process.
import { spawn } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { renderError } from '../cli/render-error.js';
import type { CliResult } from './publish.js';
import { createGitHubClient } from './rest.js';
import { runAction } from './run-action.js';

const BIN = fileURLToPath(new URL('../cli/pgensure.cjs', import.meta.url));

/** Runs the CLI of this same checkout; its stdout and stderr go to the job log as they come, and are kept. */
function runPgensure(argv: string[]): Promise<CliResult> {
  // The action's inputs (the GitHub token among them) are not pgensure's business.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('INPUT_')));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      env: { ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk);
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
      process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
    );
  });
}

runAction({
  env: process.env,
  runPgensure,
  readFile: (path) => readFile(path, 'utf8'),
  writeFile: (path, text) => writeFile(path, text),
  appendFile: (path, text) => appendFile(path, text),
  log: (line) => process.stderr.write(`${line}\n`),
  github: createGitHubClient,
  tempDir: process.env.RUNNER_TEMP || tmpdir(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const text = renderError(error, { debug: process.env.RUNNER_DEBUG === '1', format: 'text' });
    process.stderr.write(text);
    process.stdout.write(`::error title=pgensure action::${text.split('\n')[0]!.replace(/%/g, '%25')}\n`);
    process.exitCode = 1;
  },
);
