import type { DriftedCluster, DriftReport } from '../../drift/types.js';
import { formatAnnotation } from '../shared/annotations.js';
import { formatValue } from '../shared/values.js';
import { describeLastModified, describeStatus } from './summary.js';
import { renderDriftText } from './text.js';

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
  return formatAnnotation('warning', at, message, title);
}
