import type { DriftedCluster, DriftField } from '../../drift/types.js';
import type { UnmanagedCluster } from '../../plan/types.js';
import { codeSpan, escapeHtml, escapeMarkdown } from '../shared/markdown-escape.js';
import { formatValue } from '../shared/values.js';
import { describeLastModified, describeStatus } from './summary.js';

/** Changed fields named in the overview table; the rest are counted. */
const TABLE_FIELDS_MAX = 3;

/** One row of the overview table: cluster | drift | last modified by | last modified. */
export function renderDriftRow(item: DriftedCluster): string {
  const names = item.fields.slice(0, TABLE_FIELDS_MAX).map((field) => escapeMarkdown(field.path));
  const more = item.fields.length > TABLE_FIELDS_MAX ? ` and ${item.fields.length - TABLE_FIELDS_MAX} more` : '';
  const what = names.length > 0 ? `${describeStatus(item)}: ${names.join(', ')}${more}` : describeStatus(item);
  const by = item.live?.lastModifiedBy ? escapeMarkdown(item.live.lastModifiedBy) : '';
  const at = item.live?.lastModifiedDate ? escapeMarkdown(item.live.lastModifiedDate) : '';
  return `| ${escapeMarkdown(item.address)} | ${what} | ${by} | ${at} |\n`;
}

/** A collapsible section per drifted cluster: who, where in the files, every field (files → live), notes. */
export function renderDriftDetails(item: DriftedCluster, open: boolean): string {
  const who = describeLastModified(item);
  const summary = escapeHtml(`${item.address} ${describeStatus(item)}${who ? `, last modified by ${who}` : ''}`);
  const id = item.id === null ? 'no live cluster' : codeSpan(item.id);
  const state = item.live?.state ? ` · state ${escapeMarkdown(item.live.state)}` : '';
  const parts = [
    `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n`,
    `Cluster ID: ${id}${state} · file: ${codeSpan(`${item.source.file}:${item.source.line}`)}\n\n`,
  ];
  if (item.fields.length > 0) parts.push(renderFieldTable(item.fields));
  if (item.notes.length > 0) parts.push(item.notes.map((note) => `- ${escapeMarkdown(note)}\n`).join(''), '\n');
  parts.push('</details>\n\n');
  return parts.join('');
}

function renderFieldTable(fields: readonly DriftField[]): string {
  const rows = fields.map((field) => {
    const path = `${escapeMarkdown(field.path)}${field.immutable ? ' _(immutable)_' : ''}`;
    const desired = `${renderCell(field.pointer, field.desired)}${field.defaulted ? ' _(default)_' : ''}`;
    return `| ${path} | ${desired} | ${renderCell(field.pointer, field.live)} |\n`;
  });
  return `| Field | In the files | Live |\n|---|---|---|\n${rows.join('')}\n`;
}

function renderCell(pointer: string, value: unknown): string {
  const text = escapeMarkdown(formatValue(pointer, value));
  return value === undefined ? `_${text}_` : text;
}

/** One list item for a cluster no file names. */
export function renderUnmanagedDriftItem(cluster: UnmanagedCluster): string {
  const state = cluster.state ? `, ${escapeMarkdown(cluster.state)}` : '';
  const who = cluster.lastModifiedBy ? `, last modified by ${escapeMarkdown(cluster.lastModifiedBy)}` : '';
  const when = cluster.lastModifiedDate ? ` at ${escapeMarkdown(cluster.lastModifiedDate)}` : '';
  return `- ${escapeMarkdown(cluster.address)} (${codeSpan(cluster.id)}${state}${who}${when})\n`;
}
