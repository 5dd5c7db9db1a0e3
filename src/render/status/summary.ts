import { describeAge, type StatusReport } from '../../status/index.js';
import { countNoun } from '../shared/text.js';

/** The one-line verdict every status format starts (Markdown) or ends (text) with. */
export function summarizeStatus(report: StatusReport): string {
  const s = report.summary;
  const checked = s.healthy + s.unhealthy;
  const maxAge = describeAge(report.maxRecoveryAgeMs);
  const absent = s.absent > 0 ? ` ${describeAbsent(s.absent)}.` : '';
  if (s.unhealthy > 0) {
    const p = s.problems;
    const parts = [
      p.missing > 0 ? `${p.missing} missing` : '',
      p.state > 0 ? `${p.state} not AVAILABLE` : '',
      p.noActiveBackup > 0 ? `${p.noActiveBackup} without an active backup` : '',
      p.staleRecoveryPoint > 0 ? `${p.staleRecoveryPoint} with a recovery point older than ${maxAge}` : '',
    ].filter(Boolean);
    return `Unhealthy: ${s.unhealthy} of ${countNoun(checked, 'managed cluster')} (${parts.join(', ')}).${absent}`;
  }
  if (checked === 0) return `Healthy: no cluster to check.${absent}`;
  const who = checked === 1 ? 'the managed cluster is' : `all ${checked} managed clusters are`;
  return `Healthy: ${who} AVAILABLE, with an active backup and a recovery point within ${maxAge}.${absent}`;
}

function describeAbsent(count: number): string {
  return `${countNoun(count, 'document')} with ensure: absent ${count === 1 ? 'is' : 'are'} not checked`;
}
