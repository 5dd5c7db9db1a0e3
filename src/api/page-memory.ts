import type { Region } from './types.js';

/**
 * Assumed of every server: a page holds at least this many items when the list has them. Nothing more is assumed:
 * a short page is the end only once the server has been seen to serve more on a page of that list, so a silent cap
 * of any size (even 2) can never make a list look shorter than it is — a cluster missed there would be planned as a
 * create. The price is one confirming request per listing that ends in a short non-empty page.
 */
export const ASSUMED_MIN_SERVED = 1;

/** Page sizes tried, largest first, after a 400 for a large limit (round values servers tend to cap at). */
const SMALLER_LIMITS = [1000, 500, 200, 100, 50, 20, 10, 5, 2, 1];

/** What one region has shown about its page sizes. Asking less is always safe; stopping early never is. */
interface RegionPaging {
  /** The limit to ask: the configured page size, lowered by 400s and by caps the server applied. */
  ask: number;
  /** Per list path: the largest limit answered without a 400 (a 400 at or below it is not about the limit). */
  accepted: Map<string, number>;
  /** Per list path: the server is known to return at least this many items on a page when it has them. */
  serves: Map<string, number>;
}

/**
 * Paging knowledge of one client, per region (and per list path for what proves the end of a list), so that a
 * cap or a refused limit is paid for once, not on every listing.
 */
export class PageMemory {
  private readonly regions = new Map<Region, RegionPaging>();
  private readonly pageSize: number;

  constructor(pageSize: number) {
    this.pageSize = pageSize;
  }

  /** The view of one list path of one region that a listing works with. */
  forPath(region: Region, path: string): PathPaging {
    let state = this.regions.get(region);
    if (state === undefined) {
      state = { ask: this.pageSize, accepted: new Map(), serves: new Map() };
      this.regions.set(region, state);
    }
    return new PathPaging(state, path);
  }
}

/** One list path of one region: which limit to ask, and when a short page proves the end. */
export class PathPaging {
  private readonly state: RegionPaging;
  private readonly path: string;

  constructor(state: RegionPaging, path: string) {
    this.state = state;
    this.path = path;
  }

  /** The limit to ask for now. */
  get ask(): number {
    return this.state.ask;
  }

  /** A page of `limit` was answered (not with a 400). */
  noteAccepted(limit: number): void {
    if (limit > (this.state.accepted.get(this.path) ?? 0)) this.state.accepted.set(this.path, limit);
  }

  /**
   * The server answered 400 to `limit`: the next smaller limit to try (asked from now on in the whole region), or
   * undefined when the 400 cannot be about the limit (it was 1, or this path already accepted it or a larger one).
   */
  smallerAfterRefusal(limit: number): number | undefined {
    if (limit <= 1 || limit <= (this.state.accepted.get(this.path) ?? 0)) return undefined;
    const next = SMALLER_LIMITS.find((candidate) => candidate < limit) ?? 1;
    this.state.ask = Math.min(this.state.ask, next);
    return this.state.ask;
  }

  /** The server returned `count` items on a page while it had at least that many left. */
  noteServed(count: number): void {
    const serves = this.state.serves.get(this.path) ?? 0;
    if (count > serves) this.state.serves.set(this.path, count);
  }

  /** The server caps pages at `cap` items (it said so, or more items came after a page of `cap`). */
  noteCap(cap: number): void {
    this.noteServed(cap);
    this.state.ask = Math.min(this.state.ask, cap);
  }

  /** A page of `count` items (fewer than the `limit` asked) is the end only if the server is known to serve more. */
  provesEnd(count: number, limit: number): boolean {
    return count < Math.min(limit, Math.max(ASSUMED_MIN_SERVED, this.state.serves.get(this.path) ?? 0));
  }
}
