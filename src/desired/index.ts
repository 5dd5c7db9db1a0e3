import { resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { SpecError, type SpecIssue, UsageError } from '../errors.js';
import type { CompiledPolicy, PolicySet } from '../policy/types.js';
import type { DefaultsLayer } from './defaults-doc.js';
import type { SpecFileDigest } from './digest.js';
import type { SpecSource } from './document.js';
import { displayPath, type ReadOptions, readSpecSources } from './load.js';
import { normalizeDocument } from './normalize.js';
import { parseSpecSource } from './parse.js';
import { getClusterValidator } from './schema.js';
import type { DesiredCluster } from './types.js';
import {
  checkCrossDocuments,
  checkPgensureDocument,
  type DocumentIdentity,
  identityOf,
  kindOf,
  validateAgainstSchema,
} from './validate.js';

export { SPEC_DEFAULTS, type SpecDefaults } from './defaults.js';
export type { SpecFileDigest } from './digest.js';
export type { SpecSource } from './document.js';
export { type ReadOptions, type ReadResult, readSpecSources } from './load.js';
export { normalizePassword } from './normalize.js';
export { readClusterSchema } from './schema.js';

/** The outcome of checking spec sources: the clusters of the valid documents and every issue, sorted. */
export interface SpecCheck {
  clusters: DesiredCluster[];
  issues: SpecIssue[];
  /** The rules and exceptions of the Policy documents (not compiled yet). */
  policies: PolicySet;
  /** The Defaults documents read. */
  defaults: DefaultsLayer[];
}

/**
 * Loads every *.yaml / *.yml under the paths (files or dirs, recursive, sorted for determinism), validates and
 * normalises. Throws SpecError with ALL issues of ALL files (sorted by file, line, col) if anything is wrong. No network.
 */
export async function loadDesiredClusters(paths: string[], opts: { cwd: string }): Promise<DesiredCluster[]> {
  return (await loadDesiredFleet(paths, opts)).clusters;
}

/** The clusters of the spec files under the paths, and their compiled Policy. */
export interface DesiredFleet {
  clusters: DesiredCluster[];
  /** The Policy documents' rules, compiled; undefined when the files hold no Policy document. */
  policy?: CompiledPolicy;
}

/** A fleet and a digest of every file read, which saved plans record. */
export interface DigestedFleet extends DesiredFleet {
  files: SpecFileDigest[];
  specDigest: string;
}

/**
 * loadDesiredClusters, plus the compiled Policy. A PATH under which no pgensure document is found is an error, and
 * so is a fleet without a cluster (product.md §1), so a CI job pointed at the wrong folder cannot stay green. The
 * CEL library is imported only when a Policy document has rules.
 */
export async function loadDesiredFleet(paths: string[], opts: ReadOptions): Promise<DesiredFleet> {
  return (await loadFleet(paths, opts)).fleet;
}

/** loadDesiredFleet, plus the files' digests (SHA-256: node:crypto is loaded only by the commands that need it). */
export async function loadDigestedFleet(paths: string[], opts: ReadOptions): Promise<DigestedFleet> {
  const { fleet, sources } = await loadFleet(paths, opts);
  const { digestSources } = await import('./digest.js');
  return { ...fleet, ...digestSources(sources) };
}

async function loadFleet(
  paths: string[],
  opts: ReadOptions,
): Promise<{ fleet: DesiredFleet; sources: readonly SpecSource[] }> {
  const read = await readSpecSources(paths, opts);
  const checked = await checkSpecSources(read.sources);
  const compiled = await compilePolicies(checked.policies);
  const issues = sortIssues([...read.issues, ...checked.issues, ...(compiled?.issues ?? [])]);
  if (issues.length > 0) throw new SpecError(issues, specHint(issues));
  const files = [...checked.clusters.map((c) => c.source.file), ...fleetFiles(checked)];
  const empty =
    checked.clusters.length === 0
      ? paths
      : paths.filter((path) => !files.some((file) => isUnder(file, path, opts.cwd)));
  if (empty.length > 0) {
    throw new UsageError(`no cluster specs found under ${empty.join(', ')}`, {
      hint: 'point pgensure at the directory (or files) holding your PostgresCluster documents',
    });
  }
  const fleet: DesiredFleet = { clusters: checked.clusters };
  if (compiled !== undefined) fleet.policy = compiled.policy;
  return { fleet, sources: read.sources };
}

/** The files of the Defaults and Policy documents. */
function fleetFiles(checked: SpecCheck): string[] {
  return [
    ...checked.defaults.map((layer) => layer.source.file),
    ...checked.policies.rules.map((rule) => rule.source.file),
    ...checked.policies.exceptions.map((exception) => exception.source.file),
  ];
}

/** The rules compiled (CEL is imported only here, and only when there are rules), or undefined without Policy. */
async function compilePolicies(set: PolicySet): Promise<{ policy: CompiledPolicy; issues: SpecIssue[] } | undefined> {
  if (set.rules.length === 0 && set.exceptions.length === 0) return undefined;
  if (set.rules.length === 0) return { policy: { rules: [], exceptions: set.exceptions }, issues: [] };
  const { compilePolicySet } = await import('../policy/compile.js');
  return compilePolicySet(set);
}

/** Whether a spec file (shown relative to cwd) was found under `path` (as given, relative to cwd). */
function isUnder(file: string, path: string, cwd: string): boolean {
  const root = displayPath(cwd, resolve(cwd, path));
  return root === '.' ? !file.startsWith('../') : file === root || file.startsWith(`${root}/`);
}

// A file that may hold a Defaults or Policy document (a cheap test on the text; see checkSpecSources).
const MAY_HOLD_FLEET_KINDS = /Defaults|Policy/;

/**
 * Everything after reading, without I/O: parse, validate each document, check across documents, normalise.
 * Clusters come in source order, then document order; a document with any issue yields no cluster. Async only
 * because yaml and ajv are imported on first use. Files of plain clusters take the short way, without loading what
 * Defaults and Policy need; a file whose text may hold one of those kinds takes the fleet's way (fleet-check.ts).
 * One file at a time: a file's parsed documents are dropped once its clusters are made, so 10,000 documents are
 * never all held in parsed form at once.
 */
export async function checkSpecSources(sources: readonly SpecSource[]): Promise<SpecCheck> {
  const validate = await getClusterValidator();
  const candidates = sources.filter((source) => MAY_HOLD_FLEET_KINDS.test(source.text));
  if (candidates.length === 0) {
    const plain = await checkPlainClusters(sources, validate);
    if (plain !== undefined) return plain;
  }
  const { checkFleetSources } = await import('./fleet-check.js');
  // A kind spelt with YAML escapes escapes the test on the text: then every file is read as a candidate.
  return checkFleetSources(sources, candidates.length > 0 ? candidates : sources, validate);
}

/** Cluster documents only (the common case): undefined when a Defaults or Policy document turns up after all. */
async function checkPlainClusters(
  sources: readonly SpecSource[],
  validate: ValidateFunction,
): Promise<SpecCheck | undefined> {
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
      if (kindOf(doc) !== 'PostgresCluster') return undefined;
      ours.push(identityOf(doc));
      const docIssues = validateAgainstSchema(doc, validate);
      if (docIssues.length === 0) clusters.push(normalizeDocument(doc));
      else issues.push(...docIssues);
    }
  }
  issues.push(...checkCrossDocuments(ours));
  return { clusters, issues: sortIssues(issues), policies: { rules: [], exceptions: [] }, defaults: [] };
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
  if (issues.some((issue) => issue.message === 'no such file or directory'))
    return {
      hint: "check the PATH (relative to the current directory); every word that is not a flag or a flag's value is read as a PATH",
    };
  if (!issues.some((issue) => issue.message.startsWith('not a pgensure document'))) return {};
  return {
    hint: 'every YAML file under a PATH must be a pgensure spec: point pgensure at the directory holding only specs, or move other YAML into a dot-directory (such as .github/), which is skipped',
  };
}
