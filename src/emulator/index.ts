/** The local IONOS DBaaS PostgreSQL v2 API emulator (behaviour spec: docs/emulator.md). */
export { listLocations, VERSIONS } from './catalog.js';
export { startEmulator } from './start.js';
export { API_IDENTITY, CONSOLE_IDENTITY } from './store.js';
export type {
  EmulatorOptions,
  EmulatorStats,
  FaultConfig,
  RecordedRequest,
  RunningEmulator,
  SeedOptions,
} from './types.js';
