import type { DriftedCluster, DriftReport } from '../drift/types.js';
import { describeLastModified, describeStatus } from './drift-summary.js';
import { renderDriftText } from './drift-text.js';
import { formatValue, sanitizeInline } from './fields.js';

/**
 * GitHub Actions output: one `::warning` workflow command per drifted field (at the line of the spec file that sets
 * it) or per missing cluster, then the plain text report for the log.
 */
export function renderDriftGithub(report: DriftReport): string {
  const annotations = report.drifted.flatMap(renderAnnotations);
  const text = renderDriftText(report, { color: false });
  return annotations.length > 0 ? `${annotations.join('\n')}\n${text}` : text;
}

function renderAnnotations(item: DriftedCluster): string[] {
  const who = describeLastModified(item);
  const by = who ? ` (last modified by ${who})` : '';
  const title = `pgensure drift: ${item.address} ${describeStatus(item)}`;
  if (item.fields.length === 0) {
    return [annotate(item.source, title, `${item.address} ${describeStatus(item)}${by}: ${item.notes.join('; ')}`)];
  }
  return item.fields.map((field) => {
    const values = `${formatValue(field.pointer, field.desired)} in the files, ${formatValue(field.pointer, field.live)} live`;
    return annotate(field.source, title, `${field.path}: ${values}${by}`);
  });
}

function annotate(at: { file: string; line: number; col: number }, title: string, message: string): string {
  const props = `file=${escapeProperty(at.file)},line=${at.line},col=${at.col},title=${escapeProperty(title)}`;
  return `::warning ${props}::${escapeData(message)}`;
}

/** Workflow command data: one inert line (control characters spelled out), then GitHub's `%` escaping. */
function escapeData(text: string): string {
  return sanitizeInline(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command properties additionally encode `:` and `,`. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
