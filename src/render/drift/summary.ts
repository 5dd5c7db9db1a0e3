import type { DriftedCluster, DriftReport } from '../../drift/types.js';
import { assertNever } from '../../errors.js';
import { countNoun } from '../shared/text.js';

/** The one-line verdict every drift format starts (Markdown) or ends (text) with. */
export function summarizeDrift(report: DriftReport): string {
  const s = report.summary;
  const unmanaged = s.unmanaged > 0 ? ` ${countNoun(s.unmanaged, 'unmanaged cluster')}.` : '';
  if (report.drifted.length === 0) {
    return `No drift: ${s.managed === 1 ? 'the managed cluster matches its file' : `${countNoun(s.managed, 'managed cluster')} match their files`}.${unmanaged}`;
  }
  const parts = [
    s.changed > 0 ? `${s.changed} changed` : '',
    s.missing > 0 ? `${s.missing} missing` : '',
    s.exists > 0 ? `${s.exists} not deleted` : '',
  ].filter(Boolean);
  return `Drift: ${report.drifted.length} of ${countNoun(s.managed, 'managed cluster')} ${report.drifted.length === 1 ? 'differs from its file' : 'differ from their files'} (${parts.join(', ')}).${unmanaged}`;
}

/** What happened to one cluster, in a few words: `changed`, `missing`, `exists despite ensure: absent`. */
export function describeStatus(item: DriftedCluster): string {
  switch (item.status) {
    case 'changed':
      return 'changed';
    case 'missing':
      return 'missing';
    case 'exists':
      return 'exists despite ensure: absent';
    default:
      return assertNever(item.status, 'drift status');
  }
}

/** `alice@example.com at 2030-01-01T00:00:00Z`, with placeholders for what the API did not say. */
export function describeLastModified(item: DriftedCluster): string | null {
  if (!item.live) return null;
  return `${item.live.lastModifiedBy ?? 'an unknown user'} at ${item.live.lastModifiedDate ?? 'an unknown time'}`;
}
