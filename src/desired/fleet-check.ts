import type { ValidateFunction } from 'ajv';
import type { SpecIssue } from '../errors.js';
import { checkPolicySet, readPolicyDocument } from '../policy/read.js';
import type { PolicySet } from '../policy/types.js';
import { checkClusterDocument } from './cluster-check.js';
import { ConflictList } from './conflicts.js';
import { type DefaultsLayer, readDefaultsLayer } from './defaults-doc.js';
import type { SpecSource } from './document.js';
import { type SpecCheck, sortIssues } from './index.js';
import { type ParsedSource, parseSpecSource } from './parse.js';
import { type FleetValidators, getFleetValidators, type Validators } from './schema.js';
import type { DesiredCluster } from './types.js';
import { checkCrossDocuments, checkPgensureDocument, type DocumentIdentity, identityOf, kindOf } from './validate.js';

/**
 * The fleet's way through checkSpecSources (product.md §9): the Defaults and Policy documents are read first, from
 * the candidate files (those whose text may hold them), then the clusters, one file at a time, each after its
 * Defaults. Loaded only when some file may hold one of those kinds.
 */
export async function checkFleetSources(
  sources: readonly SpecSource[],
  candidates: readonly SpecSource[],
  cluster: ValidateFunction,
): Promise<SpecCheck> {
  const validators: Validators = { cluster, ...(await getFleetValidators()) };
  let fleet = await readFleetDocuments(candidates, validators);
  let checked = await checkClusters(sources, fleet, validators);
  // A kind spelt with YAML escapes escapes the test on the text: read every file first, then check again.
  if (checked === undefined) {
    fleet = await readFleetDocuments(sources, validators);
    checked = (await checkClusters(sources, fleet, validators))!;
  }
  return checked;
}

/** The Defaults and Policy documents of a fleet, checked and read (before any cluster is). */
interface FleetDocuments {
  layers: DefaultsLayer[];
  policies: PolicySet;
  issues: SpecIssue[];
  /** The files read for them, parsed, so clusters in the same files are not parsed twice. */
  parsed: Map<SpecSource, ParsedSource>;
}

async function readFleetDocuments(
  sources: readonly SpecSource[],
  validators: FleetValidators,
): Promise<FleetDocuments> {
  const fleet: FleetDocuments = { layers: [], policies: { rules: [], exceptions: [] }, issues: [], parsed: new Map() };
  for (const source of sources) {
    const parsed = await parseSpecSource(source);
    fleet.parsed.set(source, parsed);
    for (const doc of parsed.documents) {
      const kind = kindOf(doc);
      if (kind === 'Defaults') {
        const { layer, issues } = readDefaultsLayer(doc, validators.defaults);
        if (layer !== undefined) fleet.layers.push(layer);
        fleet.issues.push(...issues);
      } else if (kind === 'Policy') {
        const { rules, exceptions, issues } = readPolicyDocument(doc, validators.policy);
        fleet.policies.rules.push(...rules);
        fleet.policies.exceptions.push(...exceptions);
        fleet.issues.push(...issues);
      }
    }
  }
  fleet.issues.push(...checkPolicySet(fleet.policies));
  return fleet;
}

/** The clusters, checked against the Defaults read; undefined when a Defaults or Policy document was missed. */
async function checkClusters(
  sources: readonly SpecSource[],
  fleet: FleetDocuments,
  validators: Validators,
): Promise<SpecCheck | undefined> {
  const issues: SpecIssue[] = [...fleet.issues];
  const ours: DocumentIdentity[] = [];
  const clusters: DesiredCluster[] = [];
  const conflicts = new ConflictList();
  for (const source of sources) {
    const parsed = fleet.parsed.get(source) ?? (await parseSpecSource(source));
    issues.push(...parsed.issues);
    for (const doc of parsed.documents) {
      const notOurs = checkPgensureDocument(doc);
      if (notOurs !== undefined) {
        issues.push(notOurs);
        continue;
      }
      if (kindOf(doc) !== 'PostgresCluster') {
        if (!fleet.parsed.has(source)) return undefined;
        continue;
      }
      ours.push(identityOf(doc));
      const checked = checkClusterDocument(doc, fleet.layers, validators);
      if (checked.cluster !== undefined) clusters.push(checked.cluster);
      issues.push(...checked.issues);
      conflicts.add(checked.conflicts, identityOf(doc).address ?? doc.file);
    }
  }
  issues.push(...checkCrossDocuments(ours), ...conflicts.describe());
  return { clusters, issues: sortIssues(issues), policies: fleet.policies, defaults: fleet.layers };
}
