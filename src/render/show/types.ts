import type { EffectiveCluster } from '../../desired/effective.js';

/** What `pgensure show` prints: each selected cluster's effective document, with the source of every value. */
export interface ShowReport {
  clusters: EffectiveCluster[];
}

/** Bumped when the JSON of `show --format json` changes meaning. */
export const SHOW_FORMAT_VERSION = 1;
