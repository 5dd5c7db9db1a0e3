/** The local IONOS DBaaS PostgreSQL v2 API emulator (behaviour spec: docs/emulator.md). */

export { ADMIN_ROUTES } from './admin-doc.js';
export { listLocations, VERSIONS } from './catalog.js';
export { ADMIN_TOKEN_HEADER } from './guard.js';
export { parseMatcher } from './matcher.js';
export { SAMPLE_CLUSTER } from './seed-shorthand.js';
export { DEFAULT_BEHAVIOUR } from './settings.js';
export { startEmulator } from './start.js';
export { API_IDENTITY, CONSOLE_IDENTITY } from './store.js';
export type {
  Behaviour,
  ConsoleAction,
  EmulatorOptions,
  EmulatorStats,
  FaultConfig,
  HoldOptions,
  LatencyRule,
  RecordedRequest,
  RequestMatcher,
  RunningEmulator,
  ScheduledAction,
  ScheduleSpec,
  SeedOptions,
  SeedShorthand,
  Trigger,
} from './types.js';
