/** The live status block an apply shows at the bottom of a terminal: pure rendering, then the ANSI to redraw it. */

/** One cluster still in progress, as the block shows it. */
export interface RunningCluster {
  address: string;
  /** The last state seen, or what is being done before any state was seen ("creating"). */
  label: string;
  /** Since when `label` holds (ms, the reporter's clock). */
  since: number;
}

export interface StatusBlockInput {
  finished: number;
  failed: number;
  /** Changes not applied because another writer changed the cluster since the plan. */
  refused: number;
  total: number;
  running: readonly RunningCluster[];
  startedAt: number;
  now: number;
  /** The terminal's size; the block never wraps and leaves room for the lines above it. */
  columns: number;
  rows: number;
}

/**
 * The block's lines: a head with the overall count, then the clusters in progress, longest-waiting first, as many as
 * fit (the rest counted). `elapsed` formats a duration.
 */
export function renderStatusBlock(input: StatusBlockInput, elapsed: (ms: number) => string): string[] {
  const problems = [
    ...(input.failed > 0 ? [`${input.failed} failed`] : []),
    ...(input.refused > 0 ? [`${input.refused} refused`] : []),
  ];
  const failed = problems.length > 0 ? ` (${problems.join(', ')})` : '';
  const head =
    `[${input.finished}/${input.total}] ${input.finished} finished${failed}, ${input.running.length} in progress, ` +
    `${elapsed(input.now - input.startedAt)} elapsed`;
  const room = Math.max(1, Math.min(12, input.rows - 4));
  const sorted = [...input.running].sort((a, b) => a.since - b.since || compareText(a.address, b.address));
  const shown = sorted.length > room ? sorted.slice(0, room - 1) : sorted;
  const width = Math.min(48, Math.max(0, ...shown.map((r) => r.address.length)));
  const labelWidth = Math.max(0, ...shown.map((r) => r.label.length));
  const rows = shown.map(
    (r) => `  ${r.address.padEnd(width)}  ${r.label.padEnd(labelWidth)}  ${elapsed(input.now - r.since)}`,
  );
  if (sorted.length > shown.length) rows.push(`  … and ${sorted.length - shown.length} more`);
  return [head, ...rows].map((line) => fitTo(line, input.columns));
}

/** A line that cannot wrap: a wrapped line would break the count of lines to move up when redrawing. */
function fitTo(line: string, columns: number): string {
  const max = Math.max(10, columns - 1);
  const chars = [...line];
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Moves the cursor back to the first line of a block of `lines` lines just written, and clears to the end. */
export function eraseBlock(lines: number): string {
  return lines === 0 ? '' : `\x1b[${lines}A\r\x1b[J`;
}
