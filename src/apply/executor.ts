import type { ClusterRead, Region } from '../api/types.js';
import type { Plan } from '../plan/types.js';
import type { ApplyDeps, ApplyOptions, CreateMethods, RunContext } from './context.js';
import type { ApplyResult } from './events.js';
import { runChange } from './runner.js';
import { WriteSlots } from './slots.js';
import { RegionWatcher } from './watcher.js';

export type { ApplyDeps, ApplyOptions } from './context.js';

/**
 * Executes a plan: every change runs at once, with at most `parallelism` writes in flight; before every write the
 * cluster is read again and written only if it is still what the plan saw (product.md §6); waits are served by one
 * poll per region. One outcome per change, in plan order.
 */
export async function applyPlan(plan: Plan, deps: ApplyDeps, options: ApplyOptions): Promise<ApplyResult> {
  const addresses = new Map<string, string>();
  for (const change of plan.changes) {
    if (change.id) addresses.set(change.id, change.address);
    if (change.action === 'replace') addresses.set(change.replacementId, change.address);
  }
  const watchers = new Map<Region, RegionWatcher>();
  const onState = reportStates(addresses, deps.onEvent);
  const watcherFor = (region: Region): RegionWatcher => {
    let watcher = watchers.get(region);
    if (!watcher) {
      const watch = { ...options, sleep: deps.sleep, now: deps.now, onState };
      watcher = new RegionWatcher(region, deps.api, watch, deps.signal);
      watchers.set(region, watcher);
    }
    return watcher;
  };
  const slots = new WriteSlots(options.parallelism);
  const createMethods: CreateMethods = new Map();
  const outcomes = await Promise.all(
    plan.changes.map((change) => {
      const ctx: RunContext = {
        change,
        deps,
        options,
        watcher: watcherFor(change.region),
        slots,
        createMethods,
        track: (id) => addresses.set(id, change.address),
        progress: { began: false, wrote: false, id: change.id },
      };
      return runChange(ctx);
    }),
  );
  return { outcomes, interrupted: deps.signal.aborted };
}

/** Turns the watcher's observations into 'waiting' events, once per state change of each cluster. */
function reportStates(
  addresses: ReadonlyMap<string, string>,
  onEvent: ApplyDeps['onEvent'],
): (id: string, cluster: ClusterRead | null) => void {
  const last = new Map<string, string>();
  return (id, cluster) => {
    const state = cluster?.metadata.state ?? 'GONE';
    const address = addresses.get(id);
    if (!address || last.get(id) === state) return;
    last.set(id, state);
    onEvent({ type: 'waiting', address, phase: 'after-write', state });
  };
}
