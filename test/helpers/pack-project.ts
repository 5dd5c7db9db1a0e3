import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './run-cli.js';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, capturing its output; never throws on a non-zero exit. */
export function run(
  command: string,
  args: string[],
  opts: { cwd: string; env?: Record<string, string> },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1', ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

/**
 * A copy of the project as a fresh clone has it: the files git tracks or would track (so work not yet committed is
 * packed too), without dist/ or anything else ignored; node_modules is linked so prepack can build.
 */
export function stageCleanCopy(into: string): string {
  const dir = join(into, 'source');
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  for (const file of listed.split('\0')) {
    if (file === '' || !existsSync(join(ROOT, file))) continue; // deleted in the work tree but not yet in git
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(dir, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** `npm pack` of the staged copy (its prepack builds dist/): the tarball's path and the files it holds. */
export async function packProject(source: string, into: string): Promise<{ tarball: string; files: string[] }> {
  const result = await run('npm', ['pack', '--json', '--pack-destination', into], { cwd: source });
  if (result.code !== 0) throw new Error(`npm pack failed (${result.code}):\n${result.stderr}`);
  // prepack's own output (tsc, the build script) comes before npm's JSON on stdout.
  const json = JSON.parse(result.stdout.slice(result.stdout.indexOf('[\n'))) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  const [packed] = json;
  return { tarball: join(into, packed!.filename), files: packed!.files.map((file) => file.path) };
}

/** A new npm project that installs the tarball as a user would; its dependencies come from npm's cache when there. */
export async function installTarball(tarball: string, into: string): Promise<string> {
  const app = join(into, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pgensure-pack-test', private: true }));
  const args = ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball];
  const result = await run('npm', args, { cwd: app });
  if (result.code !== 0) throw new Error(`npm install of the tarball failed (${result.code}):\n${result.stderr}`);
  return app;
}

/** `npx pgensure emulator --port 0` in its own process group, and the endpoint it printed. */
export async function startInstalledEmulator(app: string): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const child = spawn('npx', ['pgensure', 'emulator', '--port', '0'], { cwd: app, detached: true, stdio: 'pipe' });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^PGENSURE_ENDPOINT=(\S+)$/m.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the emulator exited (${code}) before printing its endpoint: ${out}`)));
  });
  return { endpoint, stop: () => stopGroup(child) };
}

/** Ends the process group this test started (npx, and the node it runs), by its id. */
function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGTERM');
  });
}

/** A scratch folder for one packing, removed by the returned function. */
export function packScratch(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pgensure-pack-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
