import { createHash } from 'node:crypto';
import type { SpecSource } from './document.js';

/** A spec file as a saved plan records it: its path and a hash of its text. */
export interface SpecFileDigest {
  path: string;
  sha256: string;
}

/** The digest of every file read, and of all of them together (paths included, so a rename changes it). */
export function digestSources(sources: readonly SpecSource[]): { files: SpecFileDigest[]; specDigest: string } {
  const all = createHash('sha256');
  const files = sources.map(({ file, text }) => {
    const sha256 = createHash('sha256').update(text).digest('hex');
    all.update(`${file}\0${sha256}\n`);
    return { path: file, sha256 };
  });
  return { files, specDigest: `sha256:${all.digest('hex')}` };
}
