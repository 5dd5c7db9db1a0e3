/** `pgensure doctor`: read-only checks of every region's endpoint and of what the API accepts. */
export { type ProbeOptions, probeRegion } from './probe.js';
export { renderDoctorJson, renderDoctorText } from './render.js';
export {
  assembleReport,
  checkRegion,
  DEFAULT_MAX_CLOCK_SKEW_MS,
  DEFAULT_MAX_LATENCY_MS,
  DEFAULT_PAGE_SIZE,
} from './report.js';
export type { CheckId, CheckResult, CheckStatus, DoctorReport, DoctorSettings, RegionObservation } from './types.js';
