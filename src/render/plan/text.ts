import { assertNever } from '../../errors.js';
import type { Change, DeferredChange, Plan, UnmanagedCluster } from '../../plan/types.js';
import { paint, type Style } from '../shared/ansi.js';
import { describeImpactTag } from '../shared/impact.js';
import type { RenderOptions } from '../shared/options.js';
import { countNoun, sanitizeInline } from '../shared/text.js';
import { renderPolicyText } from './policy-text.js';
import { summarizePlan } from './summary.js';
import { renderFieldChanges, renderFieldTree, renderKeptFields, renderNotes, sourcesOf } from './text-fields.js';

/** The header of each change: symbol (right-aligned, Terraform style), colour and what will happen. */
const HEADERS: Record<Change['action'], { symbol: string; style: Style | null; verb: string }> = {
  create: { symbol: '+', style: 'green', verb: 'will be created' },
  update: { symbol: '~', style: 'yellow', verb: 'will be updated in place' },
  replace: { symbol: '-/+', style: 'magenta', verb: 'will be replaced (deleted, then created)' },
  delete: { symbol: '-', style: 'red', verb: 'will be deleted' },
  noop: { symbol: '=', style: null, verb: 'needs no change' },
};

const CREATED = { symbol: '+', style: 'green' } as const;

/** The terminal plan: each change with its fields, then unmanaged clusters, policy, then the summary line. */
export function renderPlanText(plan: Plan, options: RenderOptions): string {
  const color = options.color;
  const changed = plan.changes.filter((change) => change.action !== 'noop');
  const lines: string[] = [];
  if (changed.length > 0) {
    lines.push('pgensure will perform the following actions:', '');
    for (const change of changed) {
      appendChange(lines, change, color);
      lines.push('');
    }
  } else if (plan.changes.length > 0) {
    // With nothing to do, say which clusters were checked; otherwise no-ops are only counted (less noise).
    lines.push('These clusters match their files:', '');
    for (const change of plan.changes) appendChange(lines, change, color);
    lines.push('');
  }
  if (plan.deferred && plan.deferred.length > 0) lines.push(...renderDeferred(plan.deferred), '');
  if (plan.unmanaged.length > 0) lines.push(...renderUnmanaged(plan.unmanaged), '');
  if (plan.policy !== undefined) lines.push(...renderPolicyText(plan.policy), '');
  lines.push(paint(color, 'bold', summarizePlan(plan)));
  return `${lines.join('\n')}\n`;
}

/** Appends one change's lines; pushed in place, because a plan of an in-sync fleet is one header per cluster. */
function appendChange(lines: string[], change: Change, color: boolean): void {
  lines.push(renderHeader(change, color));
  if (change.reasons.length > 0) lines.push(...renderNotes(change.reasons));
  if (change.kept !== undefined && change.kept.length > 0) lines.push(...renderKeptFields(change.kept));
  switch (change.action) {
    case 'create':
      lines.push(...renderFieldTree(change.after, CREATED, change.defaulted, color, '', 0, sourcesOf(change.fields)));
      return;
    case 'delete':
      lines.push(...renderFieldTree(change.before, { symbol: '-', style: 'red' }, [], color));
      return;
    case 'update':
    case 'replace':
      lines.push(...renderFieldChanges(change.fields, color));
      return;
    case 'noop':
      return;
    default:
      assertNever(change, 'action');
  }
}

function renderHeader(change: Change, color: boolean): string {
  const { symbol, style, verb } = HEADERS[change.action];
  const padded = symbol.padStart(3);
  const painted = style ? paint(color, style, padded) : padded;
  const tag = change.impact === 'none' ? '' : ` [${describeImpactTag(change)}]`;
  return `${painted} ${sanitizeInline(change.address)} (${describeIds(change)}) ${verb}${tag}`;
}

function describeIds(change: Change): string {
  if (change.action === 'replace') return `${sanitizeInline(change.id)} → ${sanitizeInline(change.replacementId)}`;
  return change.id === null ? 'no live cluster' : sanitizeInline(change.id);
}

function renderDeferred(deferred: readonly DeferredChange[]): string[] {
  const lines = [`${countNoun(deferred.length, 'change')} deferred: the cluster's maintenance window is closed now:`];
  for (const d of deferred) {
    const window = `${d.window.dayOfTheWeek} ${d.window.time} UTC, next ${d.opensAt}`;
    lines.push(`    ${sanitizeInline(d.address)} (${d.action}, impact ${d.impact}): window ${sanitizeInline(window)}`);
  }
  return lines;
}

function renderUnmanaged(unmanaged: readonly UnmanagedCluster[]): string[] {
  const verb = unmanaged.length === 1 ? 'is' : 'are';
  const them = unmanaged.length === 1 ? 'it' : 'them';
  const lines = [
    `${countNoun(unmanaged.length, 'cluster')} ${verb} not managed by any file; pgensure never touches ${them}:`,
  ];
  for (const cluster of unmanaged) {
    const state = cluster.state ? `, ${cluster.state}` : '';
    lines.push(`    ${sanitizeInline(cluster.address)} (${sanitizeInline(cluster.id)}${sanitizeInline(state)})`);
  }
  return lines;
}
