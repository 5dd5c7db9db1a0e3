import type { BackupRead, Region } from '../api/types.js';
import type { FleetComparison } from '../compare/compare.js';
import type { LiveIndex } from '../compare/live-index.js';
import type { Comparison } from '../compare/types.js';
import type { SpecIssue } from '../errors.js';
import type { DecisionsAhead } from './ahead.js';
import { checkDocument } from './checks.js';
import { decideBound, decideUnbound } from './decide.js';
import type { IdForAddress } from './ids.js';
import { judgePlan } from './impact.js';
import { orderChanges, summarizeChanges } from './order.js';
import { withLiveStateNote } from './state-notes.js';
import type { Change, Plan, PlanInputs, RegionCatalog } from './types.js';
import { PLAN_FORMAT_VERSION } from './types.js';

/** Everything the planner needs, gathered by the shell; the planner itself does no I/O. */
export interface PlanInput {
  /** The documents bound to the live clusters of the scanned regions (compareFleet, with listUnmanaged as wanted). */
  fleet: FleetComparison;
  /** The regions whose live state was read. */
  regions: readonly Region[];
  catalogs: ReadonlyMap<Region, RegionCatalog>;
  /** Backups referenced by restoreFromBackup.sourceBackupId, by id. */
  backups: ReadonlyMap<string, BackupRead>;
  /** The id of each generation of an address (a name-based UUID in the shell; deterministic in tests). */
  idFor: IdForAddress;
  /** ISO timestamp of this plan. */
  now: string;
  /** Addresses whose credentials are re-sent even without other changes (--rotate-credentials). */
  rotateCredentials: ReadonlySet<string>;
  /** What the plan was made from, recorded for `apply --plan`. */
  inputs: PlanInputs;
  /** Decisions made while the pages arrived (DecisionsAhead), each used only where made from the same inputs. */
  ahead?: DecisionsAhead | undefined;
}

/** A plan, or the reasons it was refused (each at a file:line), never both half-done. */
export interface PlanResult {
  plan: Plan;
  issues: SpecIssue[];
}

/** What deciding one document needs besides its comparison. */
export interface DecideContext {
  catalogs: ReadonlyMap<Region, RegionCatalog>;
  backups: ReadonlyMap<string, BackupRead>;
  idFor: IdForAddress;
  rotateCredentials: ReadonlySet<string>;
  index: LiveIndex;
  nowMs: number;
}

/** desired + live + catalogue → Plan. Pure: same inputs, same plan. */
export function assemblePlan(input: PlanInput): PlanResult {
  const { comparisons, unmanaged, index } = input.fleet;
  const { catalogs, backups, idFor, rotateCredentials, ahead } = input;
  const ctx: DecideContext = { catalogs, backups, idFor, rotateCredentials, index, nowMs: Date.parse(input.now) };
  const issues: SpecIssue[] = [];
  const changes: Change[] = [];
  comparisons.forEach((comparison, position) => {
    const decided = ahead?.take(comparison, ctx, position) ?? decideDocument(comparison, ctx);
    issues.push(...decided.issues);
    if (decided.change) changes.push(withLiveStateNote(decided.change));
  });
  const ordered = orderChanges(changes);
  const plan: Plan = {
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: input.now,
    regions: [...input.regions].sort(),
    inputs: input.inputs,
    ...judgePlan(ordered),
    changes: ordered,
    unmanaged,
    summary: summarizeChanges(ordered),
  };
  return { plan, issues };
}

/** One document's change, or why it is refused. */
export interface Decision {
  change?: Change;
  issues: SpecIssue[];
}

/** One document's decision (DecisionsAhead makes it ahead with the same function). */
export function decideDocument(comparison: Comparison, ctx: DecideContext): Decision {
  const { doc, binding } = comparison;
  if (binding.kind === 'error') return { issues: [binding.issue] };
  const before = comparison.live;
  const checks = { catalog: ctx.catalogs.get(doc.region), backups: ctx.backups, nowMs: ctx.nowMs };
  const refused = checkDocument(doc, before, checks);
  if (refused.length > 0) return { issues: refused };
  return binding.kind === 'bound' ? decideBound(comparison, binding.cluster, ctx) : decideUnbound(comparison, ctx);
}
