import { afterEach, beforeEach } from 'vitest';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { type CliRun, runCli } from './run-cli.js';
import { copyExamples } from './workspace.js';

/** What an e2e test works with: its own emulator, its own scratch copy of examples/, and the built CLI aimed at both. */
export interface E2eWorld {
  emulator: RunningEmulator;
  ws: ReturnType<typeof copyExamples>;
  /** Runs the built CLI in the workspace with IONOS_TOKEN and PGENSURE_ENDPOINT set (plus `env` and `extraEnv`). */
  cli(args: string[], extraEnv?: Record<string, string>): Promise<CliRun>;
}

/**
 * Registers beforeEach/afterEach hooks that give every test a fresh emulator and workspace, so scenarios never leak
 * into each other. The returned object's fields are replaced before each test.
 */
export function useE2eWorld(
  token: string,
  options: { env?: Record<string, string>; provisioningDelayMs?: number; emulator?: EmulatorOptions } = {},
): E2eWorld {
  const world = {
    cli(args: string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
      return runCli(args, {
        cwd: world.ws.dir,
        env: { IONOS_TOKEN: token, PGENSURE_ENDPOINT: world.emulator.endpointTemplate, ...options.env, ...extraEnv },
      });
    },
  } as E2eWorld;
  beforeEach(async () => {
    world.emulator = await startEmulator({
      port: 0,
      provisioningDelayMs: options.provisioningDelayMs ?? 60,
      ...options.emulator,
    });
    world.ws = copyExamples();
  });
  afterEach(async () => {
    await world.emulator.close();
    world.ws.remove();
  });
  return world;
}
