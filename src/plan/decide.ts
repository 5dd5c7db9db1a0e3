/** One document's change: create, update, replace, delete or no-op, decided from its comparison (product.md §3). */
import type { ClusterRead } from '../api/types.js';
import { issueAt } from '../compare/bind.js';
import { listCreateFields } from '../compare/fields.js';
import type { Comparison, FieldChange, LiveProperties } from '../compare/types.js';
import type { DesiredCluster } from '../desired/types.js';
import type { SpecIssue } from '../errors.js';
import { findField, isImmutableField } from '../model/cluster-fields.js';
import { pointerToDotted } from '../model/pointer.js';
import type { DecideContext, Decision } from './assemble.js';
import { existingClusterBody } from './body.js';
import { chooseNewId } from './ids.js';
import { judgeChange } from './impact.js';
import { describeLive } from './live.js';
import { patchForCreate, patchForDelete, patchFromFields } from './patch.js';
import type { Change } from './types.js';

const RESTORE_IGNORED =
  'restoreFromBackup.sourceBackupId applies only when creating; it is ignored for this existing cluster';
/** Shared by every decision without an issue (nobody adds to a decision's issues). */
const NO_ISSUES: SpecIssue[] = [];
const ROTATION = 'credentials rotation requested (--rotate-credentials): the credentials are re-sent';

/** A document without a live cluster: a create (at an id that is a function of the address), or nothing to do. */
export function decideUnbound(comparison: Comparison, ctx: DecideContext): Decision {
  const { doc, binding } = comparison;
  const base = baseOf(doc);
  if (doc.policy.ensure === 'absent') {
    const reasons = ['ensure: absent, and no such cluster exists'];
    const none = { fields: [], patch: [], defaulted: [], ...judgeChange('noop', []) };
    const change: Change = {
      ...base,
      ...none,
      action: 'noop',
      id: null,
      before: null,
      after: null,
      live: null,
      reasons,
    };
    return { change, issues: [] };
  }
  let id: string | undefined;
  const reasons: string[] = [];
  if (binding.kind === 'missing-id') {
    // A pinned id that is gone while a cluster of this name exists is a stale pin (e.g. after a replace): refuse
    // rather than create a second cluster with the same name.
    const named = ctx.index.byName.get(doc.address);
    if (named !== undefined) return { issues: [describeStalePin(doc, binding.id, named)] };
    id = binding.id;
    reasons.push(`no live cluster has metadata.id ${binding.id}: apply creates the cluster with this id`);
  } else {
    id = chooseNewId(doc.address, ctx.index, ctx.idFor, { forReplace: false });
    if (id === undefined)
      return { issues: [issueAt(doc, '/metadata/name', 'every cluster id of this address is taken')] };
  }
  // product.md §7: the plan says how the create is sent, and what happens where the API cannot create by PUT.
  reasons.push(
    `sent as PUT /clusters/${id}; where the API cannot create by PUT, as POST /clusters after checking that no cluster has this name (the server then picks the id)`,
  );
  const after = doc.properties;
  const fields = listCreateFields(doc);
  const judged = { fields, patch: patchForCreate(after), ...judgeChange('create', fields) };
  const change: Change = { ...base, ...judged, action: 'create', id, before: null, after, live: null, reasons };
  return { change, issues: [] };
}

/** A document bound to a live cluster: delete, replace, update or no-op. */
export function decideBound(comparison: Comparison, cluster: ClusterRead, ctx: DecideContext): Decision {
  const { doc, kept } = comparison;
  const before = comparison.live as LiveProperties;
  const base: BoundBase = {
    address: doc.address,
    region: doc.region,
    name: doc.name,
    source: doc.source,
    defaulted: doc.defaulted,
    id: cluster.id,
    before,
    live: describeLive(cluster, before, kept),
  };
  if (doc.policy.ensure === 'absent') {
    if (doc.policy.preventDestroy) {
      const message = 'ensure: absent would delete this cluster, but policy.preventDestroy is true';
      return { issues: [issueAt(doc, '/policy/ensure', message)] };
    }
    const judged = { fields: [], patch: patchForDelete(before), defaulted: [], ...judgeChange('delete', []) };
    const reasons = ['policy.ensure is absent'];
    const change: Change = { ...base, ...judged, action: 'delete', after: null, reasons };
    return { change, issues: [] };
  }
  // An in-sync cluster (the common case in a large fleet) takes the short way: one object, nothing else built.
  if (comparison.fields.length === 0 && kept.length === 0) return decideInSync(comparison, base, ctx);
  const immutable = comparison.fields.filter((field) => isImmutableField(field.pointer));
  if (immutable.length > 0) return decideReplace(comparison, base, immutable, ctx);
  const notes = doc.properties.restoreFromBackup?.sourceBackupId ? [RESTORE_IGNORED] : [];
  const after = existingClusterBody(doc.properties, kept);
  const keptPart = kept.length > 0 ? { kept } : {};
  const rotate = ctx.rotateCredentials.has(doc.address);
  const fields = rotate ? [...comparison.fields, describeRotation(doc)] : comparison.fields;
  const action = fields.length === 0 ? 'noop' : 'update';
  const reasons = rotate ? [...notes, ROTATION] : notes;
  const change = { ...base, action, after, reasons, fields, patch: patchFromFields(before, comparison.fields) };
  return { change: { ...change, ...keptPart, ...judgeChange(action, fields) } as Change, issues: [] };
}

/** A bound cluster without a readable difference or a kept field: a no-op (an update when credentials rotate). */
function decideInSync(comparison: Comparison, base: BoundBase, ctx: DecideContext): Decision {
  const { doc } = comparison;
  const rotate = ctx.rotateCredentials.has(doc.address);
  const notes = doc.properties.restoreFromBackup?.sourceBackupId ? [RESTORE_IGNORED] : [];
  const after = existingClusterBody(doc.properties, comparison.kept);
  if (rotate) {
    const fields = [describeRotation(doc)];
    const reasons = [...notes, ROTATION];
    const change: Change = {
      ...base,
      action: 'update',
      after,
      reasons,
      fields,
      patch: [],
      ...judgeChange('update', fields),
    };
    return { change, issues: [] };
  }
  // Written out, not spread: one object of one shape for tens of thousands of clusters.
  const change: Change = {
    address: base.address,
    region: base.region,
    name: base.name,
    source: base.source,
    defaulted: base.defaulted,
    id: base.id,
    before: base.before,
    live: base.live,
    action: 'noop',
    after,
    reasons: notes,
    fields: [],
    patch: [],
    impact: 'none',
    reversible: true,
  };
  return { change, issues: NO_ISSUES };
}

type BoundBase = ReturnType<typeof baseOf> & Pick<Extract<Change, { action: 'update' }>, 'id' | 'before' | 'live'>;

function decideReplace(
  comparison: Comparison,
  base: BoundBase,
  immutable: readonly FieldChange[],
  ctx: DecideContext,
): Decision {
  const { doc } = comparison;
  if (!doc.policy.allowReplace || doc.policy.preventDestroy) {
    const why = doc.policy.preventDestroy
      ? 'policy.preventDestroy is true'
      : 'set policy.allowReplace: true to delete and recreate the cluster (its data is lost)';
    const issues = immutable.map((field) =>
      issueAt(doc, field.pointer, `${field.path} is immutable and would force a replace; refused: ${why}`),
    );
    return { issues };
  }
  const replacementId = chooseNewId(doc.address, ctx.index, ctx.idFor, { forReplace: true });
  if (replacementId === undefined)
    return { issues: [issueAt(doc, '/metadata/name', 'every cluster id of this address is taken')] };
  const reasons = immutable.map((f) => `${f.path} is immutable: changing it forces a replace (delete, then create)`);
  if (doc.id !== undefined) reasons.push(`after apply, set metadata.id to ${replacementId} (the new cluster)`);
  // The replacement is a brand-new cluster: it is created with the full desired body, restoreFromBackup included.
  const fields = comparison.fields;
  const judged = { fields, patch: patchFromFields(base.before, fields), ...judgeChange('replace', fields) };
  const change: Change = { ...base, ...judged, action: 'replace', replacementId, after: doc.properties, reasons };
  return { change, issues: [] };
}

function baseOf(doc: DesiredCluster) {
  return { address: doc.address, region: doc.region, name: doc.name, source: doc.source, defaulted: doc.defaulted };
}

/** The credentials are re-sent: a field change of its own, with the table's impact for it. */
function describeRotation(doc: DesiredCluster): FieldChange {
  const pointer = '/credentials/password';
  const fact = findField(pointer)!;
  const verdict = fact.impact({ before: undefined, after: undefined, countBefore: undefined, countAfter: undefined });
  const after = doc.properties.credentials.password;
  return { pointer, path: pointerToDotted(pointer), kind: 'replace', after, ...verdict, defaulted: false };
}

function describeStalePin(doc: DesiredCluster, id: string, named: readonly ClusterRead[]) {
  const others = named.map((cluster) => cluster.id).join(', ');
  const message = `no live cluster has metadata.id ${id}, but ${others} is named "${doc.name}": set metadata.id to it (after a replace) or remove metadata.id`;
  return issueAt(doc, '/metadata/id', message);
}
