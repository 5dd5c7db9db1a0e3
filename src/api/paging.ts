import { ApiError } from '../errors.js';

/** One fetched page: its items, the limit the server says it applied, and where it came from. */
export interface FetchedPage<T> {
  items: T[];
  limit: number | undefined;
  url: string;
}

/**
 * Pages with offset/limit until a SHORT page (fewer items than the limit). `_links.next` is never
 * trusted: the server keeps it populated past the last page. Pages are sequential by nature (offsets).
 */
export async function collectPages<T extends { id: string }>(
  fetchPage: (offset: number, limit: number) => Promise<FetchedPage<T>>,
  pageSize: number,
): Promise<T[]> {
  let all: T[] | undefined;
  let offset = 0;
  let previousFirstId: string | undefined;
  for (;;) {
    const page = await fetchPage(offset, pageSize);
    const { items } = page;
    const firstId = items[0]?.id;
    if (firstId !== undefined && firstId === previousFirstId) throw createRepeatedPageError(page.url);
    if (all === undefined) all = items;
    else for (const item of items) all.push(item);
    // A server that caps the limit below ours says so in `limit`; a full page at its cap is not the end.
    const limit = page.limit !== undefined && page.limit > 0 ? Math.min(pageSize, page.limit) : pageSize;
    if (items.length === 0 || items.length < limit) return all;
    offset += items.length;
    previousFirstId = firstId;
  }
}

// Guards against a server that ignores `offset`: without it, full pages would repeat forever.
function createRepeatedPageError(url: string): ApiError {
  return new ApiError(
    { method: 'GET', url },
    { status: 200, message: 'the server returned the same page again (offset ignored?); stopped paging' },
  );
}
