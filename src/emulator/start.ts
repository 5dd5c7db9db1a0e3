/** startEmulator: wires store, faults, persistence and the node:http server into a RunningEmulator. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClusterProperties, Region } from '../api/types.js';
import { UsageError } from '../errors.js';
import { type AdminContext, handleAdmin } from './admin.js';
import { EmulatorControl, type Outcome } from './control.js';
import { FaultInjector } from './faults.js';
import { checkFaultConfig } from './faults-config.js';
import { errorReply, sendReply } from './http-io.js';
import { loadSnapshot, StatePersister } from './persistence.js';
import { createRandom } from './random.js';
import { handleApiRequest, type PipelineContext } from './server.js';
import { EmulatorStore } from './store.js';
import type { EmulatorOptions, FaultConfig, RecordedRequest, RunningEmulator } from './types.js';

/** Turns a refused out-of-band operation into a typed error for in-process callers. */
function unwrap<T>(outcome: Outcome<T>, what: string): T {
  if (outcome.ok) return outcome.value;
  const details = outcome.problems.map((p) => p.message).join('; ');
  throw new UsageError(`emulator: ${what} refused (${outcome.status}): ${details}`);
}

function installFaults(faults: FaultInjector, config: FaultConfig): void {
  const problems = checkFaultConfig(config);
  if (problems.length > 0) throw new UsageError(`emulator: invalid fault configuration: ${problems.join('; ')}`);
  faults.configure(config);
}

async function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
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

/** The request recording: one array, cleared in place so references held by tests stay valid; seq never restarts. */
function createRequestLog() {
  const requests: RecordedRequest[] = [];
  let seq = 0;
  return {
    requests,
    record(entry: Omit<RecordedRequest, 'seq'>): RecordedRequest {
      const recorded = { seq: ++seq, ...entry };
      requests.push(recorded);
      return recorded;
    },
    clearRequests: (): void => void requests.splice(0, requests.length),
  };
}

/** Starts a local v2 API emulator (behaviour spec: docs/emulator.md). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const now = options.now ?? Date.now;
  const random = createRandom(options.seed);
  let url = '';
  let persister: StatePersister | undefined;
  const store = new EmulatorStore({
    now,
    random,
    delayMs: options.provisioningDelayMs ?? 1500,
    onMutate: () => persister?.markDirty(),
  });
  persister = new StatePersister(options.statePath, () => store.snapshot());
  const saved = options.statePath === undefined ? undefined : loadSnapshot(options.statePath);
  if (saved !== undefined) store.restore(saved);
  const faults = new FaultInjector(now, random);
  if (options.faults !== undefined) installFaults(faults, options.faults);
  const { requests, record, clearRequests } = createRequestLog();
  const control = new EmulatorControl(store, () => url);
  const pipeline: PipelineContext = {
    store,
    faults,
    get url() {
      return url;
    },
    token: options.token,
    persister,
    record,
  };
  const server = createServer(createHandler(pipeline, { control, faults, requests, clearRequests }));
  const host = options.host ?? '127.0.0.1';
  const address = await listen(server, host, options.port ?? 0);
  url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  return buildHandle({ url, server, requests, clearRequests, faults, control, persister });
}

function buildHandle(parts: {
  url: string;
  server: Server;
  requests: RecordedRequest[];
  clearRequests: () => void;
  faults: FaultInjector;
  control: EmulatorControl;
  persister: StatePersister;
}): RunningEmulator {
  const { server, control, faults, persister } = parts;
  return {
    url: parts.url,
    endpointTemplate: `${parts.url}/{region}`,
    requests: parts.requests,
    clearRequests: parts.clearRequests,
    setFaults: (config) => installFaults(faults, config),
    seedCluster: (region, properties, opts) => unwrap(control.seed(region, properties, opts), 'seedCluster'),
    editCluster: (region: Region, id: string, change: (p: ClusterProperties) => ClusterProperties, by: string) =>
      unwrap(control.edit(region, id, change, by), 'editCluster'),
    failCluster: (region, id, message, opts) =>
      void unwrap(control.fail(region, id, message, opts?.recoverAfterMs), 'failCluster'),
    listClusters: (region) => control.list(region),
    credentialsOf: (region, id) => control.credentialsOf(region, id),
    stats: () => faults.stats(),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      persister.flush();
    },
  };
}
