/** startEmulator: wires store, faults, schedules, persistence and the node:http server into a RunningEmulator. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../errors.js';
import { type AdminContext, handleAdmin } from './admin.js';
import { EmulatorControl } from './control.js';
import { FaultInjector } from './faults.js';
import { checkFaultConfig } from './faults-config.js';
import { generateAdminToken } from './guard.js';
import { buildHandle } from './handle.js';
import { errorReply, sendReply } from './http-io.js';
import { checkStatePath, loadSnapshot, StatePersister } from './persistence.js';
import { createRandom } from './random.js';
import { createRequestLog, DEFAULT_MAX_RECORDED_BODY_BYTES, DEFAULT_REQUEST_LOG_LIMIT } from './request-log.js';
import { Scheduler } from './schedule.js';
import { createActionRunner } from './schedule-check.js';
import { handleApiRequest, type PipelineContext } from './server.js';
import { checkBehaviour, checkExtraProperties, pickBehaviour, Settings } from './settings.js';
import { EmulatorStore, type StoreDeps } from './store.js';
import type { EmulatorOptions, RunningEmulator } from './types.js';

/** Turns a listen error a user can cause (port taken, no permission, no such address) into a UsageError. */
function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host}:${port}`;
  if (error.code === 'EADDRINUSE') {
    return new UsageError(`port ${port} on ${host} is already in use`, {
      hint: 'stop what is listening there (another pgensure emulator?), or pick another port with --port (0 picks a free one)',
    });
  }
  if (error.code === 'EACCES') {
    return new UsageError(`no permission to listen on ${where}`, { hint: 'use a port above 1023, e.g. --port 8484' });
  }
  if (error.code === 'EADDRNOTAVAIL') {
    return new UsageError(`${host} is not an address of this machine`, { hint: 'use --host 127.0.0.1' });
  }
  return error;
}

async function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error as NodeJS.ErrnoException, host, port)));
    server.listen(port, host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  return server.address() as AddressInfo;
}

function createHandler(pipeline: PipelineContext, admin: AdminContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const isAdmin = url.pathname === '/_emulator' || url.pathname.startsWith('/_emulator/');
    const work = isAdmin ? handleAdmin(admin, req, res, url) : handleApiRequest(pipeline, req, res, url);
    work.catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const message = error instanceof Error ? error.message : 'unexpected error';
      sendReply(res, errorReply(500, 'EMULATOR_ERROR', `emulator bug: ${message}`));
    });
  };
}

/** Every option problem a caller (or a CLI flag) can cause, as one UsageError. */
function checkOptions(options: EmulatorOptions): void {
  const problems = [
    ...checkBehaviour(pickBehaviour(options as Record<string, unknown>)),
    ...checkExtraProperties(options.extraProperties ?? {}),
    ...(options.faults === undefined ? [] : checkFaultConfig(options.faults)),
  ];
  if (options.adminToken !== undefined && options.adminToken.length < 8) {
    problems.push('adminToken: must be at least 8 characters');
  }
  if (problems.length > 0) throw new UsageError(`emulator: invalid options: ${problems.join('; ')}`);
  if (options.statePath !== undefined) checkStatePath(options.statePath);
}

/** Starts a local v2 API emulator (behaviour spec: docs/emulator.md). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  checkOptions(options);
  const now = options.now ?? Date.now;
  const random = createRandom(options.seed);
  const settings = new Settings(pickBehaviour(options as Record<string, unknown>), options.extraProperties ?? {});
  const { store, persister } = openStore(options, { now, random, settings });
  const faults = new FaultInjector(now, random);
  if (options.faults !== undefined) faults.configure(options.faults);
  const log = createRequestLog(options.requestLogLimit ?? DEFAULT_REQUEST_LOG_LIMIT);
  // The URL and port are known only once the server listens; the contexts read them through these getters.
  const where = { url: '', port: 0 };
  const control = new EmulatorControl(store, () => where.url);
  const scheduler = new Scheduler(now, createActionRunner(control));
  control.beforeAccess = () => scheduler.runDue();
  const pipeline: PipelineContext = {
    store,
    faults,
    scheduler,
    get url() {
      return where.url;
    },
    get port() {
      return where.port;
    },
    token: options.token,
    persister,
    record: log.record,
    maxRecordedBodyBytes: options.maxRecordedBodyBytes ?? DEFAULT_MAX_RECORDED_BODY_BYTES,
    onRequest: options.onRequest,
  };
  const adminToken = options.adminToken ?? generateAdminToken();
  const admin: AdminContext = { control, faults, settings, scheduler, ...log, adminToken, port: () => where.port };
  const server = createServer(createHandler(pipeline, admin));
  const host = options.host ?? '127.0.0.1';
  where.port = (await listen(server, host, options.port ?? 0)).port;
  where.url = `http://${host.includes(':') ? `[${host}]` : host}:${where.port}`;
  const url = where.url;
  return buildHandle({ url, server, log, faults, control, persister, scheduler, settings, adminToken });
}

/** The store, restored from `statePath` when it holds a saved state, and the persister that keeps it there. */
function openStore(
  options: EmulatorOptions,
  env: Pick<StoreDeps, 'now' | 'random' | 'settings'>,
): { store: EmulatorStore; persister: StatePersister } {
  let persister: StatePersister | undefined;
  const store = new EmulatorStore({
    ...env,
    delayMs: options.provisioningDelayMs ?? 1500,
    onMutate: () => persister?.markDirty(),
  });
  persister = new StatePersister(options.statePath, () => store.snapshot());
  const saved = options.statePath === undefined ? undefined : loadSnapshot(options.statePath);
  if (saved !== undefined) store.restore(saved);
  persister.writeInitial();
  return { store, persister };
}
