import type { SpecIssue } from '../errors.js';
import { isPlainObject, isUnderPointer } from '../model/pointer.js';
import { canonicalSpec, type DefaultsLayer, writtenPointer } from './defaults-doc.js';
import type { ParsedDocument } from './document.js';
import { matchesSelector, readLabels } from './labels.js';
import { withValue } from './lazy-nodes.js';
import { type MergeResult, mergeDefaults } from './merge.js';
import { describeSchemaErrors, type Locate } from './messages.js';
import { normalizeDocument } from './normalize.js';
import { positionOf, positionOfKey } from './positions.js';
import type { Validators } from './schema.js';
import type { DesiredCluster, InheritedValue } from './types.js';
import { validateAgainstSchema } from './validate.js';

/** One cluster document checked: its cluster, or its issues, and the Defaults conflicts found for it. */
export interface ClusterCheck {
  cluster?: DesiredCluster;
  issues: SpecIssue[];
  conflicts: MergeResult['conflicts'];
}

/**
 * A cluster document against the schema, after the Defaults its labels select (product.md §9). Without Defaults it
 * is checked whole, as always. With Defaults, its own part is checked first (at its own lines), then the merged
 * document, whose errors point at the Defaults that gave a value or say which Defaults contributed.
 */
export function checkClusterDocument(
  doc: ParsedDocument,
  layers: readonly DefaultsLayer[],
  validators: Validators,
): ClusterCheck {
  const value = isPlainObject(doc.value) ? doc.value : {};
  const labels = readLabels(value['metadata']);
  const applicable = layers.filter((layer) => matchesSelector(labels, layer.selector));
  if (applicable.length === 0) {
    const issues = validateAgainstSchema(doc, validators.cluster);
    return issues.length > 0 ? { issues, conflicts: [] } : { cluster: normalizeDocument(doc), issues, conflicts: [] };
  }
  const own = validateAgainstSchema(doc, validators.clusterWritten);
  // A broken Defaults document is reported on its own; what it would give this cluster is not guessed at.
  if (own.length > 0 || applicable.some((layer) => !layer.valid)) return { issues: own, conflicts: [] };
  const merged = mergeDefaults(canonicalSpec(isPlainObject(value['spec']) ? value['spec'] : {}), applicable);
  if (merged.conflicts.length > 0) return { issues: [], conflicts: merged.conflicts };
  const effective = withValue(doc, { ...value, spec: merged.spec });
  if (!validators.cluster(effective.value)) {
    const locate = locateMerged(doc, applicable, merged.inherited);
    return { issues: describeSchemaErrors(validators.cluster.errors ?? [], effective, locate), conflicts: [] };
  }
  return { cluster: normalizeDocument(effective, merged.inherited), issues: [], conflicts: [] };
}

/**
 * Where a problem of the merged document is reported: at the Defaults line that gave the value (naming the cluster),
 * or in the cluster's file, naming the Defaults that contributed to it.
 */
function locateMerged(
  doc: ParsedDocument,
  layers: readonly DefaultsLayer[],
  inherited: ReadonlyMap<string, InheritedValue>,
): Locate {
  const cluster = describeCluster(doc);
  const contributed = layers.filter((layer) => [...inherited.values()].some((v) => v.defaults === layer.name));
  const note =
    contributed.length === 0
      ? ''
      : ` (with Defaults ${contributed.map((layer) => `"${layer.name}" at ${formatPos(layer.source)}`).join(', ')})`;
  return (pointer, at) => {
    const fromDefaults = pointer.startsWith('/spec/') ? findDefaultsPlace(doc, layers, inherited, pointer) : undefined;
    if (fromDefaults !== undefined)
      return { ...fromDefaults.at, note: ` (from Defaults "${fromDefaults.name}", for ${cluster})` };
    const written = pointer.startsWith('/spec/') ? writtenPointer(doc, pointer.slice('/spec'.length)) : pointer;
    const pos = at === 'key' ? positionOfKey(doc, written) : positionOf(doc, written);
    return { file: doc.file, ...pos, note };
  };
}

/** The Defaults that wrote the value at `pointer` (or the nearest object it lies in, if the cluster lacks it). */
function findDefaultsPlace(
  doc: ParsedDocument,
  layers: readonly DefaultsLayer[],
  inherited: ReadonlyMap<string, InheritedValue>,
  pointer: string,
): { name: string; at: InheritedValue['at'] } | undefined {
  for (let p = pointer.slice('/spec'.length); p !== ''; p = p.slice(0, p.lastIndexOf('/'))) {
    const value = inherited.get(p);
    if (value !== undefined) return { name: value.defaults, at: value.at };
    if (doc.nodes.has(writtenPointer(doc, p))) return undefined;
    for (const [leaf, from] of inherited) {
      const layer = layers.find((l) => l.name === from.defaults);
      if (layer !== undefined && isUnderPointer(leaf, p)) return { name: layer.name, at: layer.positionOf(p) };
    }
  }
  return undefined;
}

function describeCluster(doc: ParsedDocument): string {
  const metadata = isPlainObject(doc.value) && isPlainObject(doc.value['metadata']) ? doc.value['metadata'] : {};
  const kind = doc.nodes.get('/kind');
  const at = kind === undefined ? doc.file : `${doc.file}:${kind.keyLine}:${kind.keyCol}`;
  return `${String(metadata['region'])}/${String(metadata['name'])} (${at})`;
}

function formatPos(pos: { file: string; line: number; col: number }): string {
  return `${pos.file}:${pos.line}:${pos.col}`;
}
