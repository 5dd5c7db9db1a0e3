import { Scrubber } from './scrubber.js';

export { REDACTED, Scrubber, type Span } from './scrubber.js';
export { isWellFormed, MIN_SECRET_LENGTH, minimumEchoLength, spellingsOf } from './spellings.js';

/**
 * The secrets of this run (the API token, every password once resolved). Every text that leaves the process passes
 * through scrubSecrets at its edge: stdout and stderr (cli/io.ts), log lines (cli/logger.ts) and the files pgensure
 * writes (plan --out, import).
 */
const run = new Scrubber();

/** Makes a secret known to the process's edges; values shorter than MIN_SECRET_LENGTH are ignored. */
export function addSecret(value: string | undefined): void {
  if (value === undefined) return;
  run.add(value);
  // The same value as a header or a file would carry it, without the surrounding white space.
  const trimmed = value.trim();
  if (trimmed !== value) run.add(trimmed);
}

/** The text with every known secret (and its escaped, encoded and partial echoes) replaced by [REDACTED]. */
export function scrubSecrets(text: string): string {
  return run.scrub(text);
}
