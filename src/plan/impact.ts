import type { FieldChange } from '../compare/types.js';
import { worstImpact } from '../model/impact.js';
import type { Action, Change } from './types.js';

/** A change's impact: the worst of its fields', or the action's own (a delete destroys whatever its fields). */
export function judgeChange(action: Action, fields: readonly FieldChange[]): Pick<Change, 'impact' | 'reversible'> {
  switch (action) {
    case 'delete':
    case 'replace':
      return { impact: 'destructive', reversible: false };
    case 'create':
    case 'noop':
      return { impact: 'none', reversible: true };
    case 'update':
      return { impact: worstImpact(fields.map((f) => f.impact)), reversible: fields.every((f) => f.reversible) };
  }
}

/** A plan's impact: the worst change's, and whether every change can be undone. */
export function judgePlan(changes: readonly Change[]): { impact: Change['impact']; reversible: boolean } {
  return { impact: worstImpact(changes.map((c) => c.impact)), reversible: changes.every((c) => c.reversible) };
}
