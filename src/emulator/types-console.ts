/** Types of the console operations: holds, scheduled actions and their triggers, seed shorthand. */
import type { ClusterProperties, Region } from '../api/types.js';

/** v2 properties where only `name` is required: the rest comes from a sample cluster (docs/emulator.md §12.1). */
export type SeedShorthand = { name: string } & Record<string, unknown>;

/** How `holdCluster` holds a cluster. */
export interface HoldOptions {
  /** The state shown; default UPDATING. Any string, e.g. MAINTENANCE. */
  state?: string;
  /** Released automatically after this long; default: until `releaseCluster`. */
  forMs?: number;
  statusMessage?: string;
}

/** A console action, run by `schedule`. `change` (a function) is for in-process callers only. */
export type ConsoleAction =
  | { kind: 'edit'; properties?: Record<string, unknown>; change?: (p: ClusterProperties) => unknown; by?: string }
  | ({ kind: 'hold' } & HoldOptions)
  | { kind: 'release' }
  | { kind: 'fail'; message: string; recoverAfterMs?: number }
  | { kind: 'delete'; by?: string };

/** Which API requests a rule or trigger applies to; omitted parts match anything. */
export interface RequestMatcher {
  method?: string;
  /** Path after the region, e.g. `/clusters`, `/clusters/{id}` (`{...}` or `*` matches one segment). */
  path?: string;
  region?: Region;
}

/** When a scheduled action runs. */
export type Trigger = { afterMs: number } | { request: RequestMatcher; nth?: number; when?: 'before' | 'after' };

/** What to do to which cluster, and when. */
export interface ScheduleSpec {
  region: Region;
  id: string;
  action: ConsoleAction;
  trigger: Trigger;
}

/** A scheduled action and what became of it. */
export interface ScheduledAction {
  scheduleId: string;
  region: Region;
  id: string;
  action: ConsoleAction;
  trigger: Trigger;
  status: 'pending' | 'done' | 'failed' | 'cancelled';
  /** Matching requests seen so far (request triggers). */
  seen: number;
  /** When an `afterMs` trigger is due (ms epoch, emulator clock). */
  dueAt?: number;
  /** ms epoch (emulator clock) when it ran. */
  ranAt?: number;
  /** Why it failed (e.g. the cluster is gone). */
  problem?: string;
}
