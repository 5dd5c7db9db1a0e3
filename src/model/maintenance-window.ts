import { DAYS_OF_THE_WEEK, type MaintenanceWindow } from '../api/types.js';

/** How long a weekly maintenance window stays open from its start (product.md §8). */
export const WINDOW_HOURS = 4;
const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

/**
 * Whether `nowMs` lies in the weekly window (its day and `HH:MM:SS`, UTC, for 4 hours; a window may run past
 * midnight into the next day, and Saturday's past the week's end into Sunday).
 */
export function isWindowOpen(window: MaintenanceWindow, nowMs: number): boolean {
  return msSinceWindowStart(window, nowMs) < WINDOW_HOURS * HOUR_MS;
}

/** When the window opens next (ISO, UTC), counted from `nowMs` (now itself when it is open). */
export function nextWindowStart(window: MaintenanceWindow, nowMs: number): string {
  const since = msSinceWindowStart(window, nowMs);
  const start = since < WINDOW_HOURS * HOUR_MS ? nowMs - since : nowMs - since + WEEK_MS;
  return new Date(start).toISOString();
}

/** Time since the most recent start of the weekly window, in [0, one week). */
function msSinceWindowStart(window: MaintenanceWindow, nowMs: number): number {
  const [h = 0, m = 0, s = 0] = window.time.split(':').map(Number);
  const day = DAYS_OF_THE_WEEK.indexOf(window.dayOfTheWeek);
  // 1970-01-04 was a Sunday: count the week from there.
  const sunday = Date.UTC(1970, 0, 4);
  const offset = day * 24 * HOUR_MS + ((h * 60 + m) * 60 + s) * 1000;
  return (((nowMs - sunday - offset) % WEEK_MS) + WEEK_MS) % WEEK_MS;
}
