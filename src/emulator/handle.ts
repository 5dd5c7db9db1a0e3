/** The programmatic handle of a started emulator (RunningEmulator): every misuse throws a UsageError. */
import type { Server } from 'node:http';
import { UsageError } from '../errors.js';
import type { EmulatorControl, Outcome } from './control.js';
import type { FaultInjector } from './faults.js';
import { checkFaultConfig } from './faults-config.js';
import type { StatePersister } from './persistence.js';
import type { RequestLog } from './request-log.js';
import type { Scheduler } from './schedule.js';
import { checkBehaviour, type Settings } from './settings.js';
import type { FaultConfig, RunningEmulator, ScheduleSpec } from './types.js';

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

function schedule(scheduler: Scheduler, control: EmulatorControl, spec: ScheduleSpec) {
  const { trigger } = spec;
  const nth = 'request' in trigger ? trigger.nth : undefined;
  if (nth !== undefined && !(Number.isInteger(nth) && nth >= 1))
    throw new UsageError('emulator: trigger.nth must be >= 1');
  if ('afterMs' in trigger && !(trigger.afterMs >= 0)) throw new UsageError('emulator: trigger.afterMs must be >= 0');
  control.beforeAccess();
  return scheduler.add(spec);
}

/** What buildHandle wires together. */
export interface HandleParts {
  url: string;
  server: Server;
  log: RequestLog;
  faults: FaultInjector;
  control: EmulatorControl;
  persister: StatePersister;
  scheduler: Scheduler;
  settings: Settings;
  adminToken: string;
}

/** The RunningEmulator over the started parts. */
export function buildHandle(parts: HandleParts): RunningEmulator {
  const { server, control, faults, persister, scheduler, settings } = parts;
  return {
    url: parts.url,
    endpointTemplate: `${parts.url}/{region}`,
    adminToken: parts.adminToken,
    requests: parts.log.requests,
    clearRequests: parts.log.clearRequests,
    setFaults: (config) => installFaults(faults, config),
    seedCluster: (region, properties, opts) => unwrap(control.seed(region, properties, opts), 'seedCluster'),
    editCluster: (region, id, change, by) => unwrap(control.edit(region, id, change, by), 'editCluster'),
    failCluster: (region, id, message, opts) =>
      void unwrap(control.fail(region, id, message, opts?.recoverAfterMs), 'failCluster'),
    holdCluster: (region, id, opts) => unwrap(control.hold(region, id, opts), 'holdCluster'),
    releaseCluster: (region, id) => unwrap(control.release(region, id), 'releaseCluster'),
    deleteCluster: (region, id, by) => void unwrap(control.remove(region, id, by), 'deleteCluster'),
    schedule: (spec) => schedule(scheduler, control, spec),
    scheduled: () => {
      control.beforeAccess();
      return scheduler.list();
    },
    cancelScheduled: () => void scheduler.cancel(),
    stallBackup: (region, id, agoMs) =>
      void unwrap(control.backup(region, id, { action: 'stall', agoMs }), 'stallBackup'),
    removeBackup: (region, id) => void unwrap(control.backup(region, id, { action: 'remove' }), 'removeBackup'),
    resumeBackup: (region, id) => void unwrap(control.backup(region, id, { action: 'resume' }), 'resumeBackup'),
    listBackups: (region) => control.listBackups(region),
    listClusters: (region) => control.list(region),
    credentialsOf: (region, id) => control.credentialsOf(region, id),
    stats: () => faults.stats(),
    behaviour: () => ({ ...settings.behaviour }),
    setBehaviour: (change) => {
      const problems = checkBehaviour(change);
      if (problems.length > 0) throw new UsageError(`emulator: invalid behaviour: ${problems.join('; ')}`);
      return settings.change(change);
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      persister.flush();
    },
  };
}
