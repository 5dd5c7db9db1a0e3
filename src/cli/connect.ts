import type { ApiClient } from '../api/index.js';
import { UsageError } from '../errors.js';
import type { CliIo } from './io.js';
import type { Logger } from './logger.js';

export const DEFAULT_ENDPOINT = 'https://postgresql.{region}.ionos.com';

/**
 * The API client for a command: token from IONOS_TOKEN, endpoint from --endpoint / PGENSURE_ENDPOINT. undici is
 * loaded here, lazily, so commands that never touch the network (validate, --version) start fast.
 */
export async function connectApi(io: CliIo, endpointFlag: string | undefined, logger: Logger): Promise<ApiClient> {
  const token = io.env.IONOS_TOKEN;
  if (!token) {
    throw new UsageError('IONOS_TOKEN is not set', {
      hint: 'export IONOS_TOKEN=<token> (e.g. from `ionosctl token generate`); for the emulator any value works',
    });
  }
  const endpointTemplate = endpointFlag ?? io.env.PGENSURE_ENDPOINT ?? DEFAULT_ENDPOINT;
  const [{ Agent, setGlobalDispatcher }, { createApiClient, resolveEndpoint }] = await Promise.all([
    import('undici'),
    import('../api/index.js'),
  ]);
  resolveEndpoint(endpointTemplate, 'de-fra'); // validates the template before anything is sent
  // Keep-alive connections to each regional origin; tuned here, in the shell, never at module load (nock relies on it).
  setGlobalDispatcher(new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 16 }));
  // Every region learns its own limit from its first 429 and then paces just under it (src/api/rate-learner.ts);
  // PGENSURE_MAX_RPS caps (and starts) the pace for users who know their contract's limit.
  const requestsPerSecond = parseMaxRps(io.env.PGENSURE_MAX_RPS);
  return createApiClient({ endpointTemplate, token, logger, learnRateLimit: true, requestsPerSecond });
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
