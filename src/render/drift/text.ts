import type { DriftedCluster, DriftField, DriftReport } from '../../drift/types.js';
import type { UnmanagedCluster } from '../../plan/types.js';
import { paint, type Style } from '../shared/ansi.js';
import type { RenderOptions } from '../shared/options.js';
import { countNoun, sanitizeInline } from '../shared/text.js';
import { formatValue } from '../shared/values.js';
import { describeLastModified, describeStatus, summarizeDrift } from './summary.js';

const MARKS: Record<DriftedCluster['status'], { symbol: string; style: Style }> = {
  changed: { symbol: '~', style: 'yellow' },
  missing: { symbol: '!', style: 'red' },
  exists: { symbol: '-', style: 'red' },
};

const INDENT = '      ';

/** The terminal drift report: each drifted cluster with who changed it and its fields, unmanaged ones, a verdict. */
export function renderDriftText(report: DriftReport, options: RenderOptions): string {
  const color = options.color;
  const lines: string[] = [];
  if (report.drifted.length > 0) {
    lines.push('These clusters differ from their files (each field: in the files → live):', '');
    for (const item of report.drifted) lines.push(...renderItem(item, color), '');
  }
  if (report.unmanaged.length > 0) lines.push(...renderUnmanaged(report.unmanaged), '');
  lines.push(paint(color, 'bold', summarizeDrift(report)));
  return `${lines.join('\n')}\n`;
}

function renderItem(item: DriftedCluster, color: boolean): string[] {
  const mark = MARKS[item.status];
  const id = item.id === null ? 'no live cluster' : sanitizeInline(item.id);
  const where = `${sanitizeInline(item.source.file)}:${item.source.line}`;
  const header = `${paint(color, mark.style, mark.symbol.padStart(3))} ${sanitizeInline(item.address)} (${id}) ${describeStatus(item)} [${where}]`;
  const who = describeLastModified(item);
  const state = item.live?.state ? ` (${item.live.state})` : '';
  const lines = [header];
  if (who) lines.push(`${INDENT}last modified by ${sanitizeInline(who)}${state}`);
  lines.push(...item.fields.map((field) => renderField(field, color)));
  lines.push(...item.notes.map((note) => `${INDENT}# ${sanitizeInline(note)}`));
  return lines;
}

function renderField(field: DriftField, color: boolean): string {
  const desired = `${formatValue(field.pointer, field.desired)}${field.defaulted ? ' (default)' : ''}`;
  const immutable = field.immutable ? ' # immutable' : '';
  const values = `${desired} → ${formatValue(field.pointer, field.live)}${immutable}`;
  return `${INDENT}${paint(color, 'yellow', '~')} ${sanitizeInline(field.path)}: ${values}`;
}

function renderUnmanaged(unmanaged: readonly UnmanagedCluster[]): string[] {
  const verb = unmanaged.length === 1 ? 'is' : 'are';
  const lines = [`${countNoun(unmanaged.length, 'cluster')} ${verb} not managed by any file:`];
  for (const cluster of unmanaged) {
    const details = [cluster.id, cluster.state ?? 'state unknown'];
    if (cluster.lastModifiedBy || cluster.lastModifiedDate) {
      details.push(
        `last modified by ${cluster.lastModifiedBy ?? 'an unknown user'} at ${cluster.lastModifiedDate ?? 'an unknown time'}`,
      );
    }
    lines.push(`    ${sanitizeInline(cluster.address)} (${sanitizeInline(details.join(', '))})`);
  }
  return lines;
}
