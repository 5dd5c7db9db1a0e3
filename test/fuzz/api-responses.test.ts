import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createApiClient } from '../../src/api/index.js';
import { buildPlan, loadSelectedDocuments, type SelectedDocuments, toPlanRequest } from '../../src/cli/build-plan.js';
import { formatsOf, renderReport } from '../../src/render/index.js';
import { addSecret, scrubSecrets } from '../../src/secrets/index.js';
import { findLeak } from '../helpers/secret-check.js';
import {
  API_PASSWORD,
  API_SPEC,
  API_TOKEN,
  pickAnswer,
  type ServerScript,
  serverScript,
} from './support/api-answers.js';
import { expectNoPieceOf, expectUserError, listing, renderedError } from './support/invariants.js';
import { type RawServer, startRawServer } from './support/raw-server.js';
import { fuzzTimeoutMs, runFuzz } from './support/run.js';

const dir = mkdtempSync(join(tmpdir(), 'pgensure-fuzz-api-'));
let raw: RawServer;
let client: ApiClient;
let selected: SelectedDocuments;
let request: ReturnType<typeof toPlanRequest>;
// Its own pool: connections the hostile server left in any state end with the suite.
const dispatcher = new Agent({ keepAliveTimeout: 1000, connections: 4 });

beforeAll(async () => {
  // As the CLI does: the token from the environment, a fromEnv password from parse time.
  addSecret(API_TOKEN);
  addSecret(API_PASSWORD);
  writeFileSync(join(dir, 'spec.yaml'), API_SPEC);
  raw = await startRawServer();
  request = toPlanRequest({ endpoint: raw.endpointTemplate }, ['spec.yaml'], { cwd: dir, env: {} });
  selected = await loadSelectedDocuments(request);
  // Retries without waiting (Retry-After included) and short timeouts: a case is bounded by the attempts alone.
  client = createApiClient({
    endpointTemplate: raw.endpointTemplate,
    token: API_TOKEN,
    dispatcher,
    sleep: async () => {},
    timeoutMs: 250,
    bodyTimeoutMs: 250,
    retry: { maxAttempts: 3, maxTimeouts: 1 },
  });
});
afterAll(async () => {
  await raw?.close();
  await dispatcher.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the user would read: the plan in every format, or the error as text and as annotations. */
async function planOutput(): Promise<string> {
  try {
    const plan = await buildPlan(client, request, selected);
    return formatsOf('plan')
      .map((format) => renderReport('plan', format, plan, { color: false }))
      .join('\n');
  } catch (error) {
    expectUserError(error, 'planning against a hostile server');
    return renderedError(error);
  }
}

/**
 * `pgensure plan` against a server answering `script`: a plan or a typed error (never an internal one), only
 * reads sent, nothing written, and no spelling (nor 16-character piece) of the token or the password in what the
 * user sees once it passed the process's edge (scrubSecrets).
 */
async function checkAgainst(script: ServerScript): Promise<void> {
  const counts = new Map<string, number>();
  raw.requests.length = 0;
  raw.answer = (_method, path) => pickAnswer(script, path, counts);
  const before = listing(dir);
  const shown = scrubSecrets(await planOutput());
  expect(listing(dir)).toEqual(before);
  expect(raw.requests.filter((r) => !r.startsWith('GET '))).toEqual([]);
  expect(findLeak(shown, [API_TOKEN, API_PASSWORD])).toBeUndefined();
  expectNoPieceOf(shown, API_TOKEN, 16);
  expectNoPieceOf(shown, API_PASSWORD, 16);
}

describe('fuzz: API responses (a hostile server controls the JSON and the HTTP framing)', () => {
  it('plan against hostile answers', { timeout: fuzzTimeoutMs(60_000) }, async () => {
    await runFuzz('api-responses', serverScript, checkAgainst, 150);
  });
});
