import type { FieldChange } from '../../compare/types.js';
import { assertNever } from '../../errors.js';
import { isImmutableField, isWriteOnlyField } from '../../model/cluster-fields.js';
import { pointerToDotted } from '../../model/pointer.js';
import type { Change, UnmanagedCluster } from '../../plan/types.js';
import { describeImpactTag } from '../shared/impact.js';
import { codeSpan, escapeHtml, escapeMarkdown } from '../shared/markdown-escape.js';
import { formatValue, isDefaulted, listLeaves } from '../shared/values.js';

/** One row of the overview table: cluster | action | impact. */
export function renderTableRow(change: Change): string {
  return `| ${escapeMarkdown(change.address)} | ${change.action} | ${renderImpactCell(change)} |\n`;
}

/** `**downtime**, irreversible`: bold from switchover up, so a reviewer's eye lands there. */
export function renderImpactCell(verdict: Pick<Change, 'impact' | 'reversible'> & { estimate?: boolean }): string {
  const tag = describeImpactTag(verdict);
  const loud = verdict.impact === 'switchover' || verdict.impact === 'downtime' || verdict.impact === 'destructive';
  return loud ? `**${verdict.impact}**${tag.slice(verdict.impact.length)}` : tag;
}

/** One destructive change, loud, with its reasons. */
export function renderDestructiveItem(change: Change): string {
  const reasons = change.reasons.length > 0 ? `: ${change.reasons.map(escapeMarkdown).join('; ')}` : '';
  return `- **${change.action}** ${escapeMarkdown(change.address)} (${describeIds(change)})${reasons}\n`;
}

/** One list item for an unchanged cluster. */
export function renderNoopItem(change: Change): string {
  const reasons = change.reasons.length > 0 ? `: ${change.reasons.map(escapeMarkdown).join('; ')}` : '';
  return `- ${escapeMarkdown(change.address)}${reasons}\n`;
}

/** One list item for a cluster no file names. */
export function renderUnmanagedItem(cluster: UnmanagedCluster): string {
  const state = cluster.state ? `, ${escapeMarkdown(cluster.state)}` : '';
  return `- ${escapeMarkdown(cluster.address)} (${codeSpan(cluster.id)}${state})\n`;
}

/**
 * Every field of one change: before → after with its impact, defaults, write-only and kept fields marked. Open (a
 * heading and a table) when `open`, so a reviewer sees `cores 4 → 8` without a click; else a collapsed section.
 */
export function renderChangeDetails(change: Change, open: boolean): string {
  const title = `${change.action} ${change.address} (impact: ${describeImpactTag(change)})`;
  const reasons = change.reasons.map((reason) => `- ${escapeMarkdown(reason)}\n`).join('');
  const body = [`Cluster ID: ${describeIds(change)}\n\n`];
  if (reasons) body.push(reasons, '\n');
  body.push(renderFieldTable(change), renderKept(change));
  if (open) return [`##### ${escapeMarkdown(title)}\n\n`, ...body].join('');
  return [`<details><summary>${escapeHtml(title)}</summary>\n\n`, ...body, '</details>\n\n'].join('');
}

function describeIds(change: Change): string {
  if (change.action === 'replace') return `${codeSpan(change.id)}, replaced by ${codeSpan(change.replacementId)}`;
  return change.id === null ? 'no live cluster' : codeSpan(change.id);
}

function renderFieldTable(change: Change): string {
  switch (change.action) {
    case 'create':
      return renderValueTable(change.after, change.defaulted, change.fields);
    case 'delete':
      return renderValueTable(change.before, []);
    case 'update':
    case 'replace':
      return renderChangeTable(change.fields);
    case 'noop':
      return '';
    default:
      return assertNever(change, 'action');
  }
}

/** `_(from Defaults production, `defaults/prod.yaml:13`)_`. */
function describeFrom(from: FieldChange['from']): string {
  return from === undefined
    ? ''
    : ` _(from Defaults ${escapeMarkdown(from.defaults)}, ${codeSpan(`${from.file}:${from.line}`)})_`;
}

function renderValueTable(
  properties: object,
  defaulted: readonly string[],
  fields: readonly FieldChange[] = [],
): string {
  const from = new Map(fields.map((field) => [field.pointer, field.from]));
  const rows = listLeaves(properties).map(({ pointer, value }) => {
    const note = isDefaulted(defaulted, pointer, true) ? ' _(default)_' : describeFrom(from.get(pointer));
    return `| ${escapeMarkdown(pointerToDotted(pointer))} | ${renderCell(pointer, value)}${note} |\n`;
  });
  return `| Field | Value |\n|---|---|\n${rows.join('')}\n`;
}

function renderChangeTable(fields: readonly FieldChange[]): string {
  if (fields.length === 0) return '_No readable field changes._\n\n';
  const rows = fields.map((field) => {
    const notes = [
      field.defaulted ? ' _(default)_' : describeFrom(field.from),
      isImmutableField(field.pointer) ? ' _(forces replacement)_' : '',
    ].join('');
    const impact = `${renderImpactCell(field)}${field.why ? `: ${escapeMarkdown(field.why)}` : ''}`;
    const cells = [
      escapeMarkdown(field.path),
      renderCell(field.pointer, field.before),
      renderCell(field.pointer, field.after) + notes,
      impact,
    ];
    return `| ${cells.join(' | ')} |\n`;
  });
  return `| Field | Before | After | Impact |\n|---|---|---|---|\n${rows.join('')}\n`;
}

function renderKept(change: Change): string {
  const kept = change.kept ?? [];
  if (kept.length === 0) return '';
  const items = kept.map((f) => `- ${escapeMarkdown(f.path)}: ${escapeMarkdown(formatValue(f.pointer, f.value))}\n`);
  return `Kept as live (fields pgensure does not know; sent back unchanged):\n\n${items.join('')}\n`;
}

/** A value cell: escaped text; missing values and the write-only password in italics. */
function renderCell(pointer: string, value: unknown): string {
  const text = escapeMarkdown(formatValue(pointer, value));
  return value === undefined || isWriteOnlyField(pointer) ? `_${text}_` : text;
}
