import { setFlagsFromString } from 'node:v8';
import type { ApiClient } from '../api/index.js';
import { UsageError } from '../errors.js';
import type { CliIo } from './io.js';
import type { Logger } from './logger.js';
import { createNotices, describeRetry } from './notices.js';

export const DEFAULT_ENDPOINT = 'https://postgresql.{region}.ionos.com';

/** The page sizes PGENSURE_PAGE_SIZE accepts (the client's MAX_PAGE_SIZE; kept here so the check loads nothing). */
const PAGE_SIZE_MAX = 1000;

/**
 * The API client for a command: token from IONOS_TOKEN, endpoint from --endpoint / PGENSURE_ENDPOINT, page size from
 * PGENSURE_PAGE_SIZE, pace from PGENSURE_MAX_RPS. Every environment value is checked before anything loads or is
 * sent. The client (and the parts of undici it uses) load here, lazily, so commands that never touch the network
 * start fast. Retries show as one human line per region on stderr (see notices.ts); the detail is at info level.
 */
export async function connectApi(io: CliIo, endpointFlag: string | undefined, logger: Logger): Promise<ApiClient> {
  const token = io.env.IONOS_TOKEN;
  if (!token) {
    throw new UsageError('IONOS_TOKEN is not set', {
      hint: 'export IONOS_TOKEN=<token> (e.g. from `ionosctl token generate`); for the emulator any value works',
    });
  }
  const endpointTemplate = endpointFlag ?? io.env.PGENSURE_ENDPOINT ?? DEFAULT_ENDPOINT;
  const pageSize = parsePageSize(io.env.PGENSURE_PAGE_SIZE);
  // Every region learns its own limit from its first 429 and then paces just under it (src/api/rate-learner.ts);
  // PGENSURE_MAX_RPS caps (and starts) the pace for users who know their contract's limit.
  const requestsPerSecond = parseMaxRps(io.env.PGENSURE_MAX_RPS);
  keepWasmBaseline();
  const [{ Agent, setGlobalDispatcher }, { createApiClient, resolveEndpoint }] = await Promise.all([
    import('../api/undici-lite.js'),
    import('../api/index.js'),
  ]);
  resolveEndpoint(endpointTemplate, 'de-fra'); // validates the template before anything is sent
  // Keep-alive connections to each regional origin; tuned here, in the shell, never at module load (nock relies on it).
  setGlobalDispatcher(new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 16 }));
  const notices = createNotices((text) => io.stderr.write(text), logger.isLevelEnabled('warn'));
  return createApiClient({
    endpointTemplate,
    token,
    logger,
    learnRateLimit: true,
    requestsPerSecond,
    pageSize,
    onRetry: (event) => {
      const { key, line } = describeRetry(event);
      notices.once(key, line);
    },
  });
}

/**
 * undici parses HTTP with llhttp, a WebAssembly module. V8 first compiles it quickly (Liftoff), then compiles its hot
 * functions again with TurboFan, which for this module takes ~30 MB of compiler memory while the first pages of a
 * listing arrive (measured: a 10,000-cluster listing's peak RSS 105–119 MB with it, 85–88 MB without, and less CPU
 * time without: the module spends its time finding the ends of bodies, which Liftoff code does fast enough). Set in
 * the shell before undici compiles the module (on its first connection); it changes only how WebAssembly is compiled.
 */
function keepWasmBaseline(): void {
  setFlagsFromString('--liftoff-only');
}

/** PGENSURE_MAX_RPS: requests per second per region, at most; unset or empty = learn from the API alone. */
export function parseMaxRps(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const rps = Number(value);
  if (!Number.isFinite(rps) || rps <= 0) {
    throw new UsageError(`PGENSURE_MAX_RPS must be a positive number of requests per second, got "${value}"`, {
      hint: 'e.g. PGENSURE_MAX_RPS=10, or unset it to let pgensure learn the limit from 429 answers',
    });
  }
  return rps;
}

/** PGENSURE_PAGE_SIZE: items asked per list page, a whole number 1..1000; unset or empty = the SDK's 100. */
export function parsePageSize(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  const size = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(size) || size < 1 || size > PAGE_SIZE_MAX) {
    const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    throw new UsageError(`PGENSURE_PAGE_SIZE must be a whole number from 1 to ${PAGE_SIZE_MAX}, got ${shown}`, {
      hint: 'unset it to page with the API SDK default of 100 items; pgensure adapts when the server serves fewer',
    });
  }
  return size;
}
