import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

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

/**
 * One full collection once a large fleet's live state is read, before it is compared: the pages' text and their
 * parsed JSON (most of what a plan ever allocates) are garbage now, and the comparison, the plan and its rendering
 * are about to allocate as much again.
 *
 * Without it the peak is bimodal by V8's timing: a full collection that happens to come late in loading sizes the
 * old generation from the fleet alone, the next one never comes, and the fetch's garbage stays until exit. 50,000
 * clusters, 2-core box, 6 alternating runs each: 279–332 MB without, 263–281 MB with, for a collection of ~130 ms
 * (~2.5 % of the plan). At 10,000 clusters the same happens since the CLI runs as one bundle (its first full
 * collection comes later, at a larger live size, so the next never comes): 124–126 MB without, 112–118 MB with,
 * for a collection of ~25 ms. Below COLLECT_FROM_CLUSTERS listed clusters the fetch leaves too little to matter.
 */
export function collectAfterFetch(clusters: number, collect: () => void = fullCollection): boolean {
  if (clusters < COLLECT_FROM_CLUSTERS) return false;
  collect();
  return true;
}

/** Listed clusters from which the live state's garbage is collected before comparing (see collectAfterFetch). */
export const COLLECT_FROM_CLUSTERS = 5_000;

/**
 * One full collection once a large fleet's spec files are loaded, before its live state is read: the files' texts
 * and what reading them made are garbage now, and the fetch allocates as much again. 10,000 clusters, 2-core box, 6
 * alternating runs each (with collectAfterFetch in both): 115–119 MB without, 104–111 MB with, no slower (user CPU
 * 2.26–2.59 s against 2.40–2.54 s). From COLLECT_FROM_CLUSTERS documents, as after the fetch.
 */
export function collectBeforeFetch(documents: number, collect: () => void = fullCollection): boolean {
  return collectAfterFetch(documents, collect);
}

let collector: (() => void) | undefined;

/**
 * V8's full collection. `--expose-gc` set at run time defines `gc` in contexts made after it (not in this one), so it
 * is taken from a fresh context, once; what the `expose-gc` package does, in three lines.
 */
function fullCollection(): void {
  if (collector === undefined) {
    setFlagsFromString('--expose-gc');
    collector = runInNewContext('gc') as () => void;
  }
  collector();
}
