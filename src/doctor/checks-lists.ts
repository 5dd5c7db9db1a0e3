/** Pure checks on list reads: the catalogue (`/versions`, `/backup-locations`) and the page size really honoured. */
import type { CheckId, CheckResult, DoctorSettings, HttpExchange, RegionObservation } from './types.js';
import {
  blockedReason,
  describeStatus,
  echoedLimit,
  fail,
  itemId,
  itemProperty,
  listItems,
  pass,
  skipped,
  unverifiable,
} from './verdict.js';

/** `/versions` is readable and lists at least one version. */
export function checkVersions(obs: RegionObservation): CheckResult {
  return checkCatalog('versions', obs, obs.versions, 'version', 'PostgreSQL versions');
}

/** `/backup-locations` is readable and lists at least one location. */
export function checkBackupLocations(obs: RegionObservation): CheckResult {
  return checkCatalog('backup-locations', obs, obs.backupLocations, 'location', 'backup locations');
}

function checkCatalog(
  id: CheckId,
  obs: RegionObservation,
  exchange: HttpExchange | undefined,
  key: string,
  what: string,
): CheckResult {
  const blocked = blockedReason(obs);
  if (blocked !== undefined) return skipped(id, blocked);
  if (exchange === undefined) return skipped(id, 'the request got no answer');
  const path = exchange.path.split('?')[0];
  if (exchange.status < 200 || exchange.status >= 300)
    return fail(id, `HTTP ${exchange.status}`, `GET ${path} answered ${describeStatus(exchange)}`, catalogHint(what), {
      status: exchange.status,
      count: null,
      names: [],
    });
  const items = listItems(exchange.body);
  if (items === undefined)
    return fail(id, 'not a list', `GET ${path} did not answer a JSON list`, catalogHint(what), {
      status: exchange.status,
      count: null,
      names: [],
    });
  const names = items.map((item) => itemProperty(item, key) ?? '?');
  const data = { status: exchange.status, count: items.length, names };
  if (items.length === 0) return fail(id, 'empty', `GET ${path} lists no ${what}`, catalogHint(what), data);
  return pass(id, String(items.length), `${items.length} ${what}: ${names.join(', ')}`, data);
}

function catalogHint(what: string): string {
  return `pgensure checks every spec against the region's ${what} before planning; without them plan cannot run here. Retry later, or report it to IONOS support`;
}

/**
 * Whether the server returns the page size pgensure asks for. A short first page is the end of the list, an
 * announced cap (the body's `limit` says the smaller size: pgensure follows it), or a silent cap (more items
 * follow, yet `limit` echoes the asked size): that one fails, because a client trusting it stops too early.
 */
export function checkPageSize(obs: RegionObservation, settings: DoctorSettings): CheckResult {
  const first = obs.firstPage;
  const asked = settings.pageSize;
  const blocked = blockedReason(obs);
  if (blocked !== undefined) return skipped('page-size', blocked);
  if (first === undefined) return skipped('page-size', 'the request got no answer');
  const base = { asked, returned: null, echoedLimit: null, moreAfter: null, cap: null };
  if (first.status === 400)
    return fail(
      'page-size',
      '400 refused',
      `GET /clusters?limit=${asked} was refused (${describeStatus(first)})`,
      `set PGENSURE_PAGE_SIZE to a smaller page size${asked > 100 ? ', e.g. 100 (the official SDK uses 100)' : ''}`,
      { ...base, status: 400 },
    );
  const items = first.status >= 200 && first.status < 300 ? listItems(first.body) : undefined;
  if (items === undefined)
    return fail(
      'page-size',
      `HTTP ${first.status}`,
      `GET /clusters?limit=${asked} answered ${describeStatus(first)}`,
      'the cluster list could not be read: run with --log-level debug and report it',
      { ...base, status: first.status },
    );
  const echoed = echoedLimit(first.body) ?? null;
  const data = { ...base, status: first.status, returned: items.length, echoedLimit: echoed };
  if (items.length >= asked) return pass('page-size', String(asked), `limit=${asked} honoured`, { ...data, cap: null });
  return judgeShortPage(items, obs.nextPage, { asked, echoed, data });
}

interface ShortPage {
  asked: number;
  echoed: number | null;
  data: CheckResult['data'];
}

function judgeShortPage(items: unknown[], next: HttpExchange | undefined, page: ShortPage): CheckResult {
  const n = items.length;
  if (n === 0)
    return unverifiable('page-size', 'no clusters', 'no clusters in this region: the page size cannot be checked', {
      ...page.data,
      moreAfter: false,
    });
  const after = next === undefined || next.status < 200 || next.status >= 300 ? undefined : listItems(next.body);
  if (after === undefined)
    return unverifiable(
      'page-size',
      '?',
      `${n} clusters on the first page; the next page could not be read`,
      page.data,
    );
  return after.length === 0 ? judgeLastPage(n, page) : judgeMoreAfter(items, after, page);
}

/** The short first page was the whole list: a cap shows only when the body's limit admits it. */
function judgeLastPage(n: number, page: ShortPage): CheckResult {
  const { asked, echoed } = page;
  const data = { ...page.data, moreAfter: false };
  if (echoed !== null && echoed < asked && n === echoed)
    return pass('page-size', `cap ${n}`, `capped at ${n} per page, and the body's limit says so`, { ...data, cap: n });
  return unverifiable(
    'page-size',
    `all ${n}`,
    `all ${n} clusters fit in one page of limit=${asked}; a cap above ${n} cannot be seen with ${n} clusters`,
    data,
  );
}

/** More came after the short first page: offset ignored, an announced cap, or a silent one. */
function judgeMoreAfter(items: unknown[], after: unknown[], page: ShortPage): CheckResult {
  const { asked, echoed } = page;
  const n = items.length;
  const data = { ...page.data, moreAfter: true };
  if (new Set(items.map(itemId)).has(itemId(after[0])))
    return fail(
      'page-size',
      'offset ignored',
      `GET /clusters?offset=${n} returned an item of the first page again: the server ignores offset`,
      'pgensure cannot page this server correctly; please report it (with --log-level debug output)',
      data,
    );
  if (n >= Math.min(asked, echoed ?? asked))
    return pass('page-size', `cap ${n}`, `capped at ${n} per page, and the body's limit says so`, { ...data, cap: n });
  return fail(
    'page-size',
    `cap ${n}`,
    `asked limit=${asked}, got ${n} while more exist, and the body echoed limit=${echoed ?? 'nothing'}: a silent cap at ${n}`,
    `set PGENSURE_PAGE_SIZE=${n} (a client trusting the echoed limit would stop after the first page)`,
    { ...data, cap: n },
  );
}
