/** The live conformance suite's settings, from the environment (docs/live-conformance.md lists every variable). */
import { isRegion, type Region } from '../../src/api/types.js';

/** `live`: the real API (opted in with PGENSURE_LIVE=1); `emulator`: the bundled emulator, started by the suite. */
export type LiveMode = 'live' | 'emulator';

/** Everything the suite needs to run. */
export interface LiveConfig {
  mode: LiveMode;
  /** Only for live mode; the emulator mode makes its own. */
  token: string | undefined;
  region: Region;
  datacenterId: string;
  lanId: string;
  cidr: string;
  /** Live mode: PGENSURE_ENDPOINT or the real API; emulator mode: filled in once the emulator runs. */
  endpointTemplate: string | undefined;
  /** Per wait for AVAILABLE or gone. */
  waitTimeoutMs: number;
  /** How often the suite itself looks at the scratch cluster while the CLI works. */
  pollMs: number;
  reportPath: string;
  /** Extra flags for the bundled emulator (emulator mode only), e.g. `--put-create off`. */
  emulatorArgs: string[];
  sweepOnly: boolean;
}

const EMULATOR_REPORT = 'node_modules/.cache/pgensure-live-report.json';
export const REAL_ENDPOINT = 'https://postgresql.{region}.ionos.com';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the configuration; throws a LiveConfigError listing every missing or wrong variable at once. */
export function readLiveConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): LiveConfig {
  const live = env.PGENSURE_LIVE === '1';
  const problems: string[] = [];
  const sweepOnly = argv.includes('--sweep-only');
  for (const arg of argv.filter((a) => a !== '--sweep-only')) problems.push(`unknown argument ${arg}`);
  const common = {
    waitTimeoutMs: parseMinutes(env.PGENSURE_LIVE_TIMEOUT, live ? 45 : 1, problems),
    pollMs: parseSeconds(env.PGENSURE_LIVE_POLL, live ? 5 : 0.1, problems),
    // Live: where the user will look for it to send it; emulator (CI, development): outside the Git tree.
    reportPath: env.PGENSURE_LIVE_REPORT || (live ? 'pgensure-live-report.json' : EMULATOR_REPORT),
    emulatorArgs: (env.PGENSURE_LIVE_EMULATOR_ARGS ?? '').split(/\s+/).filter(Boolean),
    sweepOnly,
  };
  if (!live) {
    throwIfAny(problems);
    return {
      mode: 'emulator',
      token: undefined,
      region: 'de-fra',
      datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
      lanId: '2',
      cidr: '192.168.230.10/24',
      endpointTemplate: undefined,
      ...common,
    };
  }
  const region = env.PGENSURE_LIVE_REGION ?? '';
  if (!env.IONOS_TOKEN) problems.push('IONOS_TOKEN is not set (a token, e.g. from `ionosctl token generate`)');
  if (!isRegion(region))
    problems.push(
      `PGENSURE_LIVE_REGION must be one of de-txl de-fra fr-par es-vit gb-lhr gb-bhx us-las us-mci us-ewr (got "${region}")`,
    );
  const datacenterId = env.PGENSURE_LIVE_DATACENTER_ID ?? '';
  if (!UUID.test(datacenterId))
    problems.push(
      `PGENSURE_LIVE_DATACENTER_ID must be the UUID of a datacenter in that region (got "${datacenterId}")`,
    );
  const lanId = env.PGENSURE_LIVE_LAN_ID ?? '';
  if (!/^\d+$/.test(lanId))
    problems.push(`PGENSURE_LIVE_LAN_ID must be the numeric id of a private LAN in it (got "${lanId}")`);
  const cidr = env.PGENSURE_LIVE_CIDR || '192.168.230.10/24';
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr))
    problems.push(`PGENSURE_LIVE_CIDR must be an IPv4 address with a prefix, e.g. 192.168.230.10/24 (got "${cidr}")`);
  throwIfAny(problems);
  return {
    mode: 'live',
    token: env.IONOS_TOKEN,
    region: region as Region,
    datacenterId,
    lanId,
    cidr,
    endpointTemplate: env.PGENSURE_ENDPOINT || REAL_ENDPOINT,
    ...common,
  };
}

/** Every configuration problem at once. */
export class LiveConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`the live conformance suite cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

function throwIfAny(problems: string[]): void {
  if (problems.length > 0) throw new LiveConfigError(problems);
}

function parseSeconds(value: string | undefined, fallback: number, problems: string[]): number {
  if (value === undefined || value === '') return fallback * 1000;
  const seconds = Number(value);
  if (!(seconds > 0)) problems.push(`PGENSURE_LIVE_POLL must be a number of seconds (got "${value}")`);
  return seconds * 1000;
}

function parseMinutes(value: string | undefined, fallback: number, problems: string[]): number {
  if (value === undefined || value === '') return fallback * 60_000;
  const minutes = Number(value);
  if (!(minutes > 0)) problems.push(`PGENSURE_LIVE_TIMEOUT must be a number of minutes (got "${value}")`);
  return minutes * 60_000;
}
