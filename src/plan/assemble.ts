import type { BackupRead, ClusterRead, Region } from '../api/types.js';
import type { DesiredCluster, DesiredProperties } from '../desired/types.js';
import type { SpecIssue } from '../errors.js';
import { type Binding, bindDocument, indexLive, issueAt } from './bind.js';
import { checkDocument } from './checks.js';
import { diffProperties } from './diff.js';
import { describeLive, readableProperties } from './live.js';
import { orderChanges, summarizeChanges } from './order.js';
import { isImmutablePath, pointerToDotted } from './rules.js';
import { withLiveStateNote } from './state-notes.js';
import type { Change, LiveProperties, Plan, RegionCatalog } from './types.js';
import { PLAN_FORMAT_VERSION } from './types.js';
import { findUnmanaged } from './unmanaged.js';

/** Everything the planner needs, gathered by the shell; the planner itself does no I/O. */
export interface PlanInput {
  desired: readonly DesiredCluster[];
  /** Live clusters of every scanned region (a region missing here was not read). */
  live: ReadonlyMap<Region, readonly ClusterRead[]>;
  catalogs: ReadonlyMap<Region, RegionCatalog>;
  /** Backups referenced by restoreFromBackup.sourceBackupId, by id. */
  backups: ReadonlyMap<string, BackupRead>;
  newId: () => string;
  /** ISO timestamp of this plan. */
  now: string;
  /** Addresses whose credentials are re-sent even without other changes (--rotate-credentials). */
  rotateCredentials: ReadonlySet<string>;
  /** List live clusters no document names (off when --target narrows the plan). */
  listUnmanaged: boolean;
}

/** A plan, or the reasons it was refused (each at a file:line), never both half-done. */
export interface PlanResult {
  plan: Plan;
  issues: SpecIssue[];
}

/** desired + live + catalogue → Plan. Pure: same inputs (and ids), same plan. */
export function assemblePlan(input: PlanInput): PlanResult {
  const index = indexLive(input.live);
  const issues: SpecIssue[] = [];
  const changes: Change[] = [];
  const boundIds = new Map<string, DesiredCluster>();
  const nowMs = Date.parse(input.now);
  for (const doc of input.desired) {
    const binding = bindDocument(doc, index);
    if (binding.kind === 'error') {
      issues.push(binding.issue);
      continue;
    }
    if (binding.kind === 'bound') {
      const other = boundIds.get(binding.cluster.id);
      if (other) {
        issues.push(
          issueAt(
            doc,
            '/metadata/name',
            `binds to cluster ${binding.cluster.id}, which ${other.address} (${other.source.file}:${other.source.line}) also binds to`,
          ),
        );
        continue;
      }
      boundIds.set(binding.cluster.id, doc);
    }
    const before = binding.kind === 'bound' ? readableProperties(binding.cluster) : null;
    const ctx = { catalog: input.catalogs.get(doc.region), backups: input.backups, nowMs };
    const docIssues = checkDocument(doc, before, ctx);
    const decided = docIssues.length > 0 ? null : decideChange(doc, binding, before, input);
    issues.push(...docIssues, ...(decided?.issues ?? []));
    if (decided?.change) changes.push(withLiveStateNote(decided.change));
  }
  const unmanaged = input.listUnmanaged ? findUnmanaged(input.live, boundIds) : [];
  const ordered = orderChanges(changes);
  const plan: Plan = {
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: input.now,
    regions: [...input.live.keys()].sort(),
    changes: ordered,
    unmanaged,
    summary: summarizeChanges(ordered),
  };
  return { plan, issues };
}

interface Decision {
  change?: Change;
  issues: SpecIssue[];
}

function decideChange(
  doc: DesiredCluster,
  binding: Binding,
  before: LiveProperties | null,
  input: PlanInput,
): Decision {
  const base = { address: doc.address, region: doc.region, name: doc.name, source: doc.source };
  if (binding.kind !== 'bound' || !before) {
    if (doc.policy.ensure === 'absent') {
      const reasons = ['ensure: absent, and no such cluster exists'];
      return {
        change: {
          ...base,
          action: 'noop',
          id: null,
          before: null,
          after: null,
          patch: [],
          reasons,
          live: null,
          defaulted: [],
        },
        issues: [],
      };
    }
    const after = doc.properties;
    const patch = diffProperties({}, comparable(after));
    const change: Change = {
      ...base,
      action: 'create',
      id: doc.id ?? input.newId(),
      before: null,
      after,
      patch,
      reasons: [],
      live: null,
      defaulted: doc.defaulted,
    };
    return { change, issues: [] };
  }
  const cluster = binding.cluster;
  const live = describeLive(cluster, before);
  if (doc.policy.ensure === 'absent') {
    if (doc.policy.preventDestroy) {
      return {
        issues: [
          issueAt(doc, '/policy/ensure', 'ensure: absent would delete this cluster, but policy.preventDestroy is true'),
        ],
      };
    }
    const patch = diffProperties(before, {});
    const change: Change = {
      ...base,
      action: 'delete',
      id: cluster.id,
      before,
      after: null,
      patch,
      reasons: ['policy.ensure is absent'],
      live,
      defaulted: [],
    };
    return { change, issues: [] };
  }
  const after = existingClusterBody(doc.properties);
  const patch = diffProperties(before, comparable(after));
  const immutable = patch.filter((op) => isImmutablePath(op.path));
  const notes = doc.properties.restoreFromBackup?.sourceBackupId
    ? ['restoreFromBackup.sourceBackupId applies only when creating; it is ignored for this existing cluster']
    : [];
  if (immutable.length > 0)
    return decideReplace(doc, { ...base, id: cluster.id, before, after, patch, live }, immutable, input);
  const rotate = input.rotateCredentials.has(doc.address);
  if (patch.length === 0 && !rotate) {
    return {
      change: {
        ...base,
        action: 'noop',
        id: cluster.id,
        before,
        after,
        patch,
        reasons: notes,
        live,
        defaulted: doc.defaulted,
      },
      issues: [],
    };
  }
  const reasons = rotate
    ? [...notes, 'credentials rotation requested (--rotate-credentials): the credentials are re-sent']
    : notes;
  return {
    change: {
      ...base,
      action: 'update',
      id: cluster.id,
      before,
      after,
      patch,
      reasons,
      live,
      defaulted: doc.defaulted,
    },
    issues: [],
  };
}

type ReplaceBase = Omit<Extract<Change, { action: 'replace' }>, 'action' | 'replacementId' | 'reasons' | 'defaulted'>;

function decideReplace(doc: DesiredCluster, base: ReplaceBase, immutable: Change['patch'], input: PlanInput): Decision {
  const reasons = immutable.map(
    (op) => `${pointerToDotted(op.path)} is immutable: changing it forces a replace (delete, then create)`,
  );
  if (!doc.policy.allowReplace || doc.policy.preventDestroy) {
    const why = doc.policy.preventDestroy
      ? 'policy.preventDestroy is true'
      : 'set policy.allowReplace: true to delete and recreate the cluster (its data is lost)';
    const issues = immutable.map((op) =>
      issueAt(doc, op.path, `${pointerToDotted(op.path)} is immutable and would force a replace; refused: ${why}`),
    );
    return { issues };
  }
  // The replacement is a brand-new cluster: it is created with the full desired body, restoreFromBackup included.
  const change: Change = {
    ...base,
    after: doc.properties,
    action: 'replace',
    replacementId: input.newId(),
    reasons,
    defaulted: doc.defaulted,
  };
  return { change, issues: [] };
}

/** The body for an existing cluster: restoreFromBackup is create-only and is never echoed back into an update. */
function existingClusterBody(properties: DesiredProperties): DesiredProperties {
  const { restoreFromBackup: _restore, ...rest } = properties;
  return rest;
}

/** The readable part of desired properties: write-only fields are never diffed. */
function comparable(properties: DesiredProperties): object {
  const { credentials: _credentials, restoreFromBackup: _restore, ...rest } = properties;
  return rest;
}
