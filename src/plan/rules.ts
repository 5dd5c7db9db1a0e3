/** Field rules of the v2 API as data: one table, not scattered ifs (see product.md §3, v2-contract.md §3). */

/** Paths (into v2 properties) whose change forces a replace (delete, then create). Region is immutable too, but it
 *  is part of the address, so it never shows up as a field change. */
export const IMMUTABLE_PATHS: readonly string[] = ['/backup/location'];

/** Optional v2 properties and what the API resets them to when a PUT omits them. */
export const API_DEFAULTS = {
  description: '',
  connectionPooler: 'DISABLED',
  logsEnabled: false,
  metricsEnabled: false,
} as const;

/** Changes to these fields are likely to restart instances or fail over (used to rate risk in reviews). */
export const DISRUPTIVE_PATH_PREFIXES: readonly string[] = [
  '/instances',
  '/version',
  '/replicationMode',
  '/connection',
];

export function isImmutablePath(path: string): boolean {
  return IMMUTABLE_PATHS.some((immutable) => path === immutable || path.startsWith(`${immutable}/`));
}

/** `/backup/location` → `backup.location`, for messages. */
export function pointerToDotted(pointer: string): string {
  return pointer.slice(1).split('/').join('.');
}
