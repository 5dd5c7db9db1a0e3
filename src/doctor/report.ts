/** Assembles the doctor report from the regions' observations: pure, every check in CHECK_IDS order. */
import { checkClockSkew, checkRateLimitHeaders } from './checks-headers.js';
import { checkBackupLocations, checkPageSize, checkVersions } from './checks-lists.js';
import { checkEndpoint, checkLatency, checkToken } from './checks-reach.js';
import type {
  CheckId,
  CheckResult,
  CheckStatus,
  DoctorReport,
  DoctorSettings,
  RegionObservation,
  RegionReport,
} from './types.js';

/** Clock skew above 30 s fails (see docs: far above Date's 1 s resolution, far below what breaks a plan). */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 30_000;
/** A median GET slower than 3 s fails: plans of large estates and apply's polling get slow. */
export const DEFAULT_MAX_LATENCY_MS = 3000;
/** The official SDK's page size, which pgensure uses unless PGENSURE_PAGE_SIZE says otherwise. */
export const DEFAULT_PAGE_SIZE = 100;

const CHECKS: Record<CheckId, (obs: RegionObservation, settings: DoctorSettings) => CheckResult> = {
  endpoint: checkEndpoint,
  token: checkToken,
  latency: checkLatency,
  versions: checkVersions,
  'backup-locations': checkBackupLocations,
  'page-size': checkPageSize,
  'rate-limit-headers': checkRateLimitHeaders,
  'clock-skew': checkClockSkew,
};

/** Every check of one region, in the order of CHECK_IDS. */
export function checkRegion(obs: RegionObservation, settings: DoctorSettings): RegionReport {
  const checks = (Object.keys(CHECKS) as CheckId[]).map((id) => CHECKS[id](obs, settings));
  return { region: obs.region, url: obs.baseUrl, ok: checks.every((c) => c.status !== 'fail'), checks };
}

/** The whole report; `createdAt` comes in (the core reads no clock). */
export function assembleReport(
  observations: readonly RegionObservation[],
  settings: DoctorSettings,
  meta: { createdAt: string; endpoint: string },
): DoctorReport {
  const regions = observations.map((obs) => checkRegion(obs, settings));
  const checks: Record<CheckStatus, number> = { pass: 0, fail: 0, unverifiable: 0, skipped: 0 };
  for (const region of regions) for (const check of region.checks) checks[check.status] += 1;
  const failedRegions = regions.filter((r) => !r.ok).map((r) => r.region);
  return {
    formatVersion: 1,
    kind: 'pgensure-doctor',
    createdAt: meta.createdAt,
    endpoint: meta.endpoint,
    settings,
    regions,
    summary: { ok: failedRegions.length === 0, regions: regions.length, failedRegions, checks },
  };
}
