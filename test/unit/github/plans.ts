import type { Impact } from '../../../src/github/plan-facts.js';

type Action = 'create' | 'update' | 'replace' | 'delete' | 'noop';

/** A JSON plan as `plan --out` writes it, with the impact fields (built by hand, only what the action reads). */
export function planJson(changes: Array<{ action: Action; impact: Impact; reversible?: boolean }>, worst?: Impact) {
  const summary = { create: 0, update: 0, replace: 0, delete: 0, noop: 0 };
  for (const change of changes) summary[change.action]++;
  const order = ['none', 'online', 'switchover', 'downtime', 'destructive'];
  const impact =
    worst ?? changes.reduce<Impact>((w, c) => (order.indexOf(c.impact) > order.indexOf(w) ? c.impact : w), 'none');
  return {
    formatVersion: 1,
    impact,
    reversible: changes.every((change) => change.reversible !== false),
    changes: changes.map((change, i) => ({
      address: `de-fra/cluster-${i}`,
      action: change.action,
      impact: change.impact,
      reversible: change.reversible ?? true,
      fields: [],
    })),
    unmanaged: [],
    summary,
  };
}
