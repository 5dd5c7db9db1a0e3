import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

/**
 * Sizes V8's young generation for a fleet, once its spec files are found and before they are read.
 *
 * V8 doubles the young generation, up to 16 MB semi-spaces, whenever much of it survives a scavenge. Loading a fleet
 * survives by design (it keeps every file's text while it reads, every document, then every live cluster), so the
 * young generation grows to its maximum and stays there, mostly unused. Held at its starting size, a 10,000-cluster
 * plan peaks ~20 MB lower (2-core box: ~138 → ~115 MB) for a few per cent more time. For larger fleets holding it
 * costs more than it saves: objects reach the old generation sooner and full collections come more often (50,000
 * clusters: ~25 % more time, no lower peak). So it is held only for spec files of at most HOLD_UP_TO_BYTES, and only
 * when they are few enough to size cheaply (a stat each).
 *
 * `node --max-semi-space-size` would do this on the command line, but a script started by `npx` or `node` cannot set
 * it; the growth factor is read at each growth, so setting it here takes effect. A user's own semi-space setting
 * (NODE_OPTIONS or node's flags) wins.
 */
export function fitYoungGeneration(
  files: readonly string[],
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
): boolean {
  if (files.length > MAX_FILES_TO_SIZE || /semi-space/.test([...execArgv, nodeOptions].join(' '))) return false;
  let bytes = 0;
  for (const file of files) {
    bytes += statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    if (bytes > HOLD_UP_TO_BYTES) return false;
  }
  setFlagsFromString('--semi-space-growth-factor=1');
  return true;
}

/** ~18,000 clusters of the bench's specs (~550 bytes each). */
export const HOLD_UP_TO_BYTES = 10_000_000;
/** More files than this are not sized (10,000 stats take ~80 ms here): the young generation grows as V8 likes. */
export const MAX_FILES_TO_SIZE = 2000;
