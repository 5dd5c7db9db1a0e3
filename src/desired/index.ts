import { resolve } from 'node:path';
import { SpecError, type SpecIssue, UsageError } from '../errors.js';
import { digestSources, type SpecFileDigest } from './digest.js';
import type { SpecSource } from './document.js';
import { displayPath, readSpecSources } from './load.js';
import { normalizeDocument } from './normalize.js';
import { parseSpecSource } from './parse.js';
import { getClusterValidator } from './schema.js';
import type { DesiredCluster } from './types.js';
import {
  checkCrossDocuments,
  checkPgensureDocument,
  type DocumentIdentity,
  identityOf,
  validateAgainstSchema,
} from './validate.js';

export { SPEC_DEFAULTS, type SpecDefaults } from './defaults.js';
export type { SpecFileDigest } from './digest.js';
export type { SpecSource } from './document.js';
export { type ReadResult, readSpecSources } from './load.js';
export { normalizePassword } from './normalize.js';
export { readClusterSchema } from './schema.js';

/** The outcome of checking spec sources: the clusters of the valid documents and every issue, sorted. */
export interface SpecCheck {
  clusters: DesiredCluster[];
  issues: SpecIssue[];
}

/**
 * Loads every *.yaml / *.yml under the paths (files or dirs, recursive, sorted for determinism), validates and
 * normalises. Throws SpecError with ALL issues of ALL files (sorted by file, line, col) if anything is wrong. No network.
 */
export async function loadDesiredClusters(paths: string[], opts: { cwd: string }): Promise<DesiredCluster[]> {
  return (await loadDesiredFleet(paths, opts)).clusters;
}

/** The clusters of the spec files under the paths, and a digest of every file read (recorded in saved plans). */
export interface DesiredFleet {
  clusters: DesiredCluster[];
  files: SpecFileDigest[];
  specDigest: string;
}

/**
 * loadDesiredClusters, plus the files' digests. A PATH under which no cluster document is found is an error too
 * (product.md §1), so a CI job pointed at the wrong folder cannot stay green.
 */
export async function loadDesiredFleet(paths: string[], opts: { cwd: string }): Promise<DesiredFleet> {
  const read = await readSpecSources(paths, opts);
  const checked = await checkSpecSources(read.sources);
  const issues = sortIssues([...read.issues, ...checked.issues]);
  if (issues.length > 0) throw new SpecError(issues, specHint(issues));
  const empty = paths.filter((path) => !checked.clusters.some((c) => isUnder(c.source.file, path, opts.cwd)));
  if (empty.length > 0) {
    throw new UsageError(`no cluster specs found under ${empty.join(', ')}`, {
      hint: 'point pgensure at the directory (or files) holding your PostgresCluster documents',
    });
  }
  return { clusters: checked.clusters, ...digestSources(read.sources) };
}

/** Whether a spec file (shown relative to cwd) was found under `path` (as given, relative to cwd). */
function isUnder(file: string, path: string, cwd: string): boolean {
  const root = displayPath(cwd, resolve(cwd, path));
  return root === '.' ? !file.startsWith('../') : file === root || file.startsWith(`${root}/`);
}

/**
 * Everything after reading, without I/O: parse, validate each document, check across documents, normalise.
 * Clusters come in source order, then document order; a document with any issue yields no cluster. Async only
 * because yaml and ajv are imported on first use. One file at a time: a file's parsed documents are dropped once
 * its clusters are made, so 10,000 documents are never all held in parsed form at once.
 */
export async function checkSpecSources(sources: readonly SpecSource[]): Promise<SpecCheck> {
  const validate = await getClusterValidator();
  const issues: SpecIssue[] = [];
  const ours: DocumentIdentity[] = [];
  const clusters: DesiredCluster[] = [];
  for (const source of sources) {
    const parsed = await parseSpecSource(source);
    issues.push(...parsed.issues);
    for (const doc of parsed.documents) {
      const notOurs = checkPgensureDocument(doc);
      if (notOurs !== undefined) {
        issues.push(notOurs);
        continue;
      }
      ours.push(identityOf(doc));
      const docIssues = validateAgainstSchema(doc, validate);
      if (docIssues.length === 0) clusters.push(normalizeDocument(doc));
      else issues.push(...docIssues);
    }
  }
  issues.push(...checkCrossDocuments(ours));
  return { clusters, issues: sortIssues(issues) };
}

/** Sorted by file, line, column, then path and message, so output is stable; exact repeats dropped. */
export function sortIssues(issues: readonly SpecIssue[]): SpecIssue[] {
  const key = (i: SpecIssue) => [i.file, i.line, i.col, i.path, i.message] as const;
  const unique = new Map(issues.map((i) => [key(i).join('\0'), i]));
  return [...unique.values()].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let n = 0; n < ka.length; n++) {
      if (ka[n]! < kb[n]!) return -1;
      if (ka[n]! > kb[n]!) return 1;
    }
    return 0;
  });
}

/** What to do about the most common mix-up: other YAML (CI workflows, manifests) under a spec path. */
function specHint(issues: readonly SpecIssue[]): { hint?: string } {
  if (!issues.some((issue) => issue.message.startsWith('not a pgensure document'))) return {};
  return {
    hint: 'every YAML file under a PATH must be a pgensure spec: point pgensure at the directory holding only specs, or move other YAML into a dot-directory (such as .github/), which is skipped',
  };
}
