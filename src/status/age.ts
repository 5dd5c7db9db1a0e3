/** A duration in words a person reads at a glance: `45s`, `12m`, `3h`, `1h 30m`, `3d 4h` (rounded down). */
export function describeAge(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  // Up to two days in hours, so the default --max-recovery-age reads `24h`, as it is written.
  if (hours < 48) return joinUnits(hours, 'h', minutes % 60, 'm');
  return joinUnits(Math.floor(hours / 24), 'd', hours % 24, 'h');
}

function joinUnits(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? `${big}${bigUnit}` : `${big}${bigUnit} ${small}${smallUnit}`;
}
