/** Renders the doctor report: a region × check table with a hint per failure, or versioned JSON. Pure. */
import { paint } from '../render/shared/ansi.js';
import type { CheckId, CheckResult, DoctorReport, RegionReport } from './types.js';

const HEADERS: Record<CheckId, string> = {
  endpoint: 'endpoint',
  token: 'token',
  latency: 'latency',
  versions: 'versions',
  'backup-locations': 'locations',
  'page-size': 'page size',
  'rate-limit-headers': 'rate limit',
  'clock-skew': 'clock',
};

/** The JSON report, as `--format json` prints it. */
export function renderDoctorJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The terminal form: heading, table, failures with hints, notes, a closing verdict. */
export function renderDoctorText(report: DoctorReport, options: { color: boolean }): string {
  const { color } = options;
  const heading = `pgensure doctor: ${report.endpoint} (page size ${report.settings.pageSize}, read-only)`;
  const failures = groupFindings(report.regions, (c) => c.status === 'fail');
  const notes = groupFindings(report.regions, isNote);
  const lines = [paint(color, 'bold', heading), '', ...renderTable(report.regions, color)];
  if (failures.length > 0) {
    lines.push('', paint(color, 'bold', 'Failures:'));
    for (const f of failures) lines.push(`  ${f.where} ${f.id}: ${f.detail}`, `    hint: ${f.hint}`);
  }
  if (notes.length > 0) {
    lines.push('', paint(color, 'bold', 'Notes:'));
    for (const n of notes) lines.push(`  ${n.where} ${n.id}: ${n.detail}`);
  }
  lines.push('', renderVerdict(report, color));
  return `${lines.join('\n')}\n`;
}

function renderTable(regions: readonly RegionReport[], color: boolean): string[] {
  const ids = (regions[0]?.checks ?? []).map((c) => c.id);
  const rows = regions.map((r) => [r.region, ...r.checks.map(cellText)]);
  const header = ['region', ...ids.map((id) => HEADERS[id])];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const pad = (text: string, i: number) => text.padEnd(widths[i]!);
  const out = [header.map(pad).join('  ').trimEnd()];
  regions.forEach((region, r) => {
    const cells = rows[r]!.map((text, i) => {
      const check = i === 0 ? undefined : region.checks[i - 1];
      return styleCell(pad(text, i), check, color);
    });
    out.push(cells.join('  ').trimEnd());
  });
  return out;
}

function cellText(check: CheckResult): string {
  switch (check.status) {
    case 'pass':
      return check.summary;
    case 'fail':
      return `FAIL ${check.summary}`;
    case 'unverifiable':
      return `? ${check.summary}`;
    case 'skipped':
      return '-';
  }
}

function styleCell(text: string, check: CheckResult | undefined, color: boolean): string {
  if (check?.status === 'fail') return paint(color, 'red', text);
  if (check?.status === 'unverifiable') return paint(color, 'yellow', text);
  return text;
}

/** Unverifiable checks and rate-limit headers actually seen are worth a line; plain passes are not. */
function isNote(check: CheckResult): boolean {
  if (check.status === 'unverifiable') return true;
  return check.id === 'rate-limit-headers' && check.status === 'pass' && !check.summary.startsWith('none');
}

interface Finding {
  where: string;
  id: CheckId;
  detail: string;
  hint: string;
}

/** One line per distinct (check, detail, hint), naming every region it applies to (nine identical 401s = one line). */
function groupFindings(regions: readonly RegionReport[], keep: (c: CheckResult) => boolean): Finding[] {
  const groups = new Map<string, { regions: string[]; check: CheckResult }>();
  for (const region of regions)
    for (const check of region.checks.filter(keep)) {
      const key = JSON.stringify([check.id, check.detail, check.hint]);
      const group = groups.get(key) ?? { regions: [], check };
      group.regions.push(region.region);
      groups.set(key, group);
    }
  return [...groups.values()].map(({ regions: names, check }) => ({
    where: names.length === regions.length && names.length > 1 ? `all ${names.length} regions` : names.join(', '),
    id: check.id,
    detail: check.detail,
    hint: check.hint ?? '',
  }));
}

function renderVerdict(report: DoctorReport, color: boolean): string {
  const { summary } = report;
  const unsure = summary.checks.unverifiable;
  const aside = unsure === 0 ? '' : ` (${unsure} check${unsure === 1 ? '' : 's'} not verifiable, see Notes)`;
  if (summary.ok) {
    const regions = `${summary.regions} region${summary.regions === 1 ? '' : 's'}`;
    return paint(color, 'green', `All checks passed in ${regions}${aside}.`);
  }
  const failed = report.regions
    .filter((r) => !r.ok)
    .map(
      (r) =>
        `${r.region} (${r.checks
          .filter((c) => c.status === 'fail')
          .map((c) => c.id)
          .join(', ')})`,
    );
  const of = `${failed.length} of ${summary.regions} region${summary.regions === 1 ? '' : 's'}`;
  return paint(color, 'red', `${of} failed: ${failed.join(', ')}${aside}.`);
}
