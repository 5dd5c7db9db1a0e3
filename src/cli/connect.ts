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
  return createApiClient({ endpointTemplate, token, logger });
}
