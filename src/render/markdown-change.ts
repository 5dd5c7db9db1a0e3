import { assertNever } from '../errors.js';
import { isImmutablePath } from '../plan/rules.js';
import type { Change, UnmanagedCluster } from '../plan/types.js';
import {
  type FieldChange,
  formatValue,
  isDefaulted,
  isWriteOnlyPointer,
  listFieldChanges,
  listLeaves,
  pointerToPath,
} from './fields.js';
import { codeSpan, escapeHtml, escapeMarkdown } from './markdown-escape.js';
import { rateRisk } from './risk.js';

/** One row of the overview table: cluster | action | risk. */
export function renderTableRow(change: Change): string {
  const risk = rateRisk(change);
  const level = risk.level === 'high' ? '**high**' : risk.level;
  const cell = risk.why ? `${level}: ${risk.why}` : level;
  return `| ${escapeMarkdown(change.address)} | ${change.action} | ${cell} |\n`;
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

/** A collapsed section with every field of one change: before → after, defaults and write-only fields marked. */
export function renderChangeDetails(change: Change): string {
  const risk = rateRisk(change);
  const why = risk.why ? `: ${risk.why}` : '';
  const summary = escapeHtml(`${change.action} ${change.address} (${risk.level} risk${why})`);
  const reasons = change.reasons.map((reason) => `- ${escapeMarkdown(reason)}\n`).join('');
  const parts = [`<details><summary>${summary}</summary>\n\n`, `Cluster ID: ${describeIds(change)}\n\n`];
  if (reasons) parts.push(reasons, '\n');
  parts.push(renderFieldTable(change), '</details>\n\n');
  return parts.join('');
}

function describeIds(change: Change): string {
  if (change.action === 'replace') return `${codeSpan(change.id)}, replaced by ${codeSpan(change.replacementId)}`;
  return change.id === null ? 'no live cluster' : codeSpan(change.id);
}

function renderFieldTable(change: Change): string {
  switch (change.action) {
    case 'create':
      return renderValueTable(change.after, change.defaulted);
    case 'delete':
      return renderValueTable(change.before, []);
    case 'update':
    case 'replace':
      return renderChangeTable(listFieldChanges(change), change.defaulted);
    case 'noop':
      return '';
    default:
      return assertNever(change, 'action');
  }
}

function renderValueTable(properties: object, defaulted: readonly string[]): string {
  const rows = listLeaves(properties).map(({ pointer, value }) => {
    const note = isDefaulted(defaulted, pointer, true) ? ' _(default)_' : '';
    return `| ${escapeMarkdown(pointerToPath(pointer))} | ${renderCell(pointer, value)}${note} |\n`;
  });
  return `| Field | Value |\n|---|---|\n${rows.join('')}\n`;
}

function renderChangeTable(fields: readonly FieldChange[], defaulted: readonly string[]): string {
  if (fields.length === 0) return '_No readable field changes._\n\n';
  const rows = fields.map((field) => {
    const notes = [
      isDefaulted(defaulted, field.pointer, true) ? ' _(default)_' : '',
      isImmutablePath(field.pointer) ? ' _(forces replacement)_' : '',
    ].join('');
    const path = escapeMarkdown(pointerToPath(field.pointer));
    return `| ${path} | ${renderCell(field.pointer, field.before)} | ${renderCell(field.pointer, field.after)}${notes} |\n`;
  });
  return `| Field | Before | After |\n|---|---|---|\n${rows.join('')}\n`;
}

/** A value cell: escaped text; missing values and the write-only password in italics. */
function renderCell(pointer: string, value: unknown): string {
  const text = escapeMarkdown(formatValue(pointer, value));
  return value === undefined || isWriteOnlyPointer(pointer) ? `_${text}_` : text;
}
