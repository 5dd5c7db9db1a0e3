import { createRequire } from 'node:module';
import type {
  Dispatcher,
  Agent as UndiciAgent,
  getGlobalDispatcher as UndiciGetGlobalDispatcher,
  setGlobalDispatcher as UndiciSetGlobalDispatcher,
} from 'undici';

/**
 * The three pieces of undici the client uses, loaded from their own files. undici's index loads every feature
 * (fetch, WebSocket, caches, mocks, SQLite, ...) and costs ~3× the start-up time of these three on every network
 * command (figures in docs/performance.md). undici is pinned to an exact version in package.json and has no
 * `exports` map; the unit tests of the client fail at once if an upgrade moves these files.
 */
const require = createRequire(import.meta.url);

type RequestOptions = Dispatcher.RequestOptions;
type RequestFn = (this: Dispatcher, options: RequestOptions) => Promise<Dispatcher.ResponseData>;

const requestFn = require('undici/lib/api/api-request.js') as RequestFn;
const globals = require('undici/lib/global.js') as {
  getGlobalDispatcher: typeof UndiciGetGlobalDispatcher;
  setGlobalDispatcher: typeof UndiciSetGlobalDispatcher;
};

/** undici's Agent (keep-alive pools per origin). */
export const Agent = require('undici/lib/dispatcher/agent.js') as typeof UndiciAgent;

/** The dispatcher nock 15.0.0 and a global MockAgent replace; shared with Node's own fetch. */
export const getGlobalDispatcher: typeof UndiciGetGlobalDispatcher = globals.getGlobalDispatcher;

/** Installs `agent` as the global dispatcher (the CLI does this once, in its shell). */
export const setGlobalDispatcher: typeof UndiciSetGlobalDispatcher = globals.setGlobalDispatcher;

/** undici's `request()` on an explicit dispatcher: the same code path as `undici.request(url, {dispatcher})`. */
export function requestOn(dispatcher: Dispatcher, options: RequestOptions): Promise<Dispatcher.ResponseData> {
  return requestFn.call(dispatcher, options);
}
