import { ApiError } from '../errors.js';
import type { PathPaging } from './page-memory.js';
import { OverBudgetError } from './transport.js';

/** One fetched page: its items, the limit the server says it applied, and where it came from. */
export interface FetchedPage<T> {
  items: T[];
  limit: number | undefined;
  url: string;
  /** The size of the page's body in bytes. */
  bytes: number;
}

/**
 * Fetches the page at `offset` with `limit`, its body at most `budgetBytes` (else OverBudgetError); rejects with the
 * call's error (an ApiError 400 is handled here).
 */
export type PageFetcher<T> = (offset: number, limit: number, budgetBytes: number) => Promise<FetchedPage<T>>;

/** Told when paging adapts to the server (for logs). */
export type PagingNote = (message: string, fields: Record<string, number>) => void;

/** A listing stops with an error beyond these (product.md §7). */
export const MAX_PAGES = 1000;
export const MAX_ITEMS = 100_000;
/**
 * The bodies of one listing may add up to this much. The contract bounds pages and items, but 1,000 pages of up to
 * 32 MiB each would still be 32 GB; 48 MiB holds ~50,000 real clusters (~1 KB each) and keeps a plan that reads two
 * hostile regions at once under 300 MB.
 */
export const MAX_LIST_BYTES = 48 * 1024 * 1024;

/**
 * Pages with offset/limit and stops only on proof of the end: an empty page, or a short page whose size is below
 * what this endpoint is known to serve (a full page was seen, or an earlier listing proved its end). Any other short
 * page may be a silent cap, so the next offset is asked once to confirm; if more comes, the short page's size was
 * the cap, and paging goes on at that size. `_links.next` is never trusted (it stays set past the last page), and
 * an echoed `limit` is only used to go on, never to stop. Bounded: see MAX_PAGES, MAX_ITEMS, repeated ids, and
 * pages larger than asked.
 */
export async function collectPages<T extends { id: string }>(
  fetchPage: PageFetcher<T>,
  paging: PathPaging,
  note: PagingNote,
): Promise<T[]> {
  const listing: Listing<T> = { all: [], seen: new Set(), offset: 0, limit: paging.ask, bytes: 0, url: '' };
  for (let pages = 1; ; pages++) {
    if (pages > MAX_PAGES) throw stopError(listing.url, `more than ${MAX_PAGES} pages`);
    const budget = MAX_LIST_BYTES - listing.bytes;
    const fetched = await fetchAdapting(
      (o, l) => fetchWithin(fetchPage, o, l, budget),
      listing.offset,
      listing.limit,
      paging,
      note,
    );
    listing.limit = fetched.limit;
    if (takePage(listing, fetched.page, paging, note) === 'end') return listing.all;
  }
}

/** A listing in progress. */
interface Listing<T> {
  all: T[];
  seen: Set<string>;
  offset: number;
  limit: number;
  bytes: number;
  url: string;
  /** The size of a short page not yet proven to be the last. */
  unconfirmed?: number | undefined;
}

/** Checks and keeps a page's items; says whether the list ended, and adapts the limit to what the server does. */
function takePage<T extends { id: string }>(
  listing: Listing<T>,
  page: FetchedPage<T>,
  paging: PathPaging,
  note: PagingNote,
): 'end' | 'more' {
  const n = page.items.length;
  listing.url = page.url;
  listing.bytes += page.bytes;
  if (n > listing.limit) throw stopError(page.url, `the page has ${n} items although ${listing.limit} were asked`);
  addItems(listing.all, listing.seen, page);
  const { unconfirmed } = listing;
  if (unconfirmed !== undefined) {
    if (n === 0) {
      paging.noteServed(unconfirmed);
      return 'end';
    }
    note('the server caps pages below the limit asked, silently; paging at its size', {
      cap: unconfirmed,
      limit: listing.limit,
    });
    paging.noteCap(unconfirmed);
    listing.limit = Math.min(listing.limit, unconfirmed);
    listing.unconfirmed = undefined;
  }
  if (n === 0) return 'end';
  listing.offset += n;
  if (n >= listing.limit) {
    paging.noteServed(listing.limit);
  } else if (page.limit !== undefined && page.limit < listing.limit && n === page.limit) {
    paging.noteCap(page.limit); // the server says it applied a smaller limit: a full page at its cap
    listing.limit = page.limit;
  } else if (paging.provesEnd(n, listing.limit)) {
    return 'end';
  } else {
    listing.unconfirmed = n;
  }
  return 'more';
}

// The last page of an oversized listing is cut off while it arrives, not read, decoded and parsed first.
async function fetchWithin<T>(fetchPage: PageFetcher<T>, offset: number, limit: number, budget: number) {
  try {
    return await fetchPage(offset, limit, budget);
  } catch (error) {
    if (error instanceof OverBudgetError) throw stopError(error.url, LIST_TOO_LARGE);
    throw error;
  }
}

const LIST_TOO_LARGE = `the pages add up to more than ${MAX_LIST_BYTES >> 20} MiB`;

async function fetchAdapting<T>(
  fetchPage: (offset: number, limit: number) => Promise<FetchedPage<T>>,
  offset: number,
  limit: number,
  paging: PathPaging,
  note: PagingNote,
): Promise<{ page: FetchedPage<T>; limit: number }> {
  let firstRefusal: ApiError | undefined;
  for (let asked = limit; ; ) {
    try {
      const page = await fetchPage(offset, asked);
      paging.noteAccepted(asked);
      return { page, limit: asked };
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 400) throw error;
      firstRefusal ??= error;
      const smaller = paging.smallerAfterRefusal(asked);
      if (smaller === undefined) throw firstRefusal; // not about the limit (or 1 refused too): the real error
      note('the server refused the page size (HTTP 400); asking for smaller pages', { refused: asked, limit: smaller });
      asked = smaller;
    }
  }
}

function addItems<T extends { id: string }>(all: T[], seen: Set<string>, page: FetchedPage<T>): void {
  for (const item of page.items) {
    if (seen.has(item.id)) {
      throw stopError(page.url, `the id ${JSON.stringify(item.id).slice(0, 80)} came twice`, REPEAT_HINT);
    }
    seen.add(item.id);
    all.push(item);
  }
  if (all.length > MAX_ITEMS) throw stopError(page.url, `more than ${MAX_ITEMS} items`);
}

const REPEAT_HINT =
  'the list changed while it was read, or the server ignores `offset`: run the command again; if it persists, the API pages wrongly';
const BOUND_HINT = 'the API pages wrongly or endlessly; PGENSURE_PAGE_SIZE changes the page size asked';

function stopError(url: string, problem: string, hint = BOUND_HINT): ApiError {
  return new ApiError({ method: 'GET', url }, { status: 200, message: `${problem}; stopped paging` }, { hint });
}
