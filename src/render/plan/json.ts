import { InternalError } from '../../errors.js';
import { isPlainObject, readPointer } from '../../model/pointer.js';
import type { Plan } from '../../plan/types.js';
import { orderKeys } from '../shared/json.js';

// The published order (product.md §4, schemas/plan.schema.json); keys a newer planner adds keep their place after these.
const PLAN_KEYS = [
  'formatVersion',
  'createdAt',
  'regions',
  'inputs',
  'impact',
  'reversible',
  'changes',
  'deferred',
  'unmanaged',
  'summary',
  'policy',
];
const CHANGE_KEYS = [
  'address',
  'region',
  'name',
  'id',
  'replacementId',
  'action',
  'impact',
  'reversible',
  'source',
  'before',
  'after',
  'defaulted',
  'fields',
  'kept',
  'patch',
  'reasons',
  'live',
];
const FIELD_KEYS = [
  'path',
  'pointer',
  'kind',
  'before',
  'after',
  'impact',
  'reversible',
  'estimate',
  'why',
  'defaulted',
  'from',
];
const UNMANAGED_KEYS = ['address', 'region', 'name', 'id', 'state', 'lastModifiedBy', 'lastModifiedDate'];
const SUMMARY_KEYS = ['create', 'update', 'replace', 'delete', 'noop'];

/** The JSON plan: the Plan object itself, keys in a stable order, 2-space indent, trailing newline. */
export function renderPlanJson(plan: Plan): string {
  assertNoLiteralPassword(plan);
  const ordered = {
    ...orderKeys(plan, PLAN_KEYS),
    changes: plan.changes.map((change) => ({
      ...orderKeys(change, CHANGE_KEYS),
      fields: change.fields.map((field) => orderKeys(field, FIELD_KEYS)),
    })),
    unmanaged: plan.unmanaged.map((cluster) => orderKeys(cluster, UNMANAGED_KEYS)),
    summary: orderKeys(plan.summary, SUMMARY_KEYS),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** The plan carries password references only; a literal would be printed verbatim, so refuse (a planner bug). */
function assertNoLiteralPassword(plan: Plan): void {
  for (const change of plan.changes) {
    if (hasLiteralPassword(change.after) || hasLiteralPassword(change.before)) {
      throw new InternalError(`the plan for ${change.address} carries a password value instead of a reference`, {
        hint: 'this is a bug in pgensure; nothing was printed',
      });
    }
  }
}

function hasLiteralPassword(properties: unknown): boolean {
  const password = readPointer(properties, '/credentials/password');
  if (password === undefined) return false;
  if (!isPlainObject(password)) return true;
  const keys = Object.keys(password);
  return keys.length !== 1 || (keys[0] !== 'fromEnv' && keys[0] !== 'fromFile');
}
