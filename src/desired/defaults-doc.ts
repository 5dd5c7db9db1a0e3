import type { ValidateFunction } from 'ajv';
import type { SourcePos, SpecIssue } from '../errors.js';
import { findField } from '../model/cluster-fields.js';
import { childPointer, isPlainObject } from '../model/pointer.js';
import type { ParsedDocument } from './document.js';
import { type LabelSelector, readSelector } from './labels.js';
import { documentSource, positionOf } from './positions.js';
import { validateAgainstSchema } from './validate.js';

/** One Defaults document, read (product.md §9): the values it gives every cluster its selector matches. */
export interface DefaultsLayer {
  name: string;
  /** The document's position (its `kind:` line). */
  source: SourcePos;
  /** `selector.matchLabels`; undefined: every cluster. */
  selector: LabelSelector | undefined;
  /** false when the document has a problem: the clusters it applies to are then not checked any further. */
  valid: boolean;
  /** Every leaf it sets, by JSON pointer into the cluster properties (`/instances/count`), in document order. */
  leaves: ReadonlyMap<string, unknown>;
  /** Where it writes a leaf (the same object every time, so thousands of clusters share it). */
  positionOf(pointer: string): SourcePos;
}

/**
 * A Defaults document checked against its schema (its own issues at its own lines) and read. A document whose
 * selector is unreadable applies to no cluster; its problems are reported all the same.
 */
export function readDefaultsLayer(
  doc: ParsedDocument,
  validate: ValidateFunction,
): { layer: DefaultsLayer | undefined; issues: SpecIssue[] } {
  const issues = validateAgainstSchema(doc, validate);
  const value = isPlainObject(doc.value) ? doc.value : {};
  const hasSelector = isPlainObject(value['selector']) || value['selector'] !== undefined;
  const selector = readSelector(value);
  if (hasSelector && selector === undefined && issues.length > 0) return { layer: undefined, issues };
  const metadata = isPlainObject(value['metadata']) ? value['metadata'] : {};
  const spec = isPlainObject(value['spec']) ? canonicalSpec(value['spec']) : {};
  const leaves = new Map<string, unknown>();
  collectLeaves(spec, '', leaves);
  const places = new Map<string, SourcePos>();
  const layer: DefaultsLayer = {
    name: typeof metadata['name'] === 'string' ? metadata['name'] : '(unnamed)',
    source: documentSource(doc),
    selector,
    valid: issues.length === 0,
    leaves,
    positionOf(pointer) {
      let place = places.get(pointer);
      if (place === undefined) {
        place = { file: doc.file, ...positionOf(doc, writtenPointer(doc, pointer)) };
        places.set(pointer, place);
      }
      return place;
    },
  };
  return { layer, issues };
}

/** A spec with the legacy flat backupLocation read as backup.location (the schema allows only one of the two). */
export function canonicalSpec(spec: Record<string, unknown>): Record<string, unknown> {
  const { backupLocation, ...rest } = spec;
  if (backupLocation === undefined) return spec;
  return { ...rest, backup: { ...(isPlainObject(rest['backup']) ? rest['backup'] : {}), location: backupLocation } };
}

/** Where a pointer into the properties is written in a document: under `/spec`, `backup.location` maybe flat. */
export function writtenPointer(doc: ParsedDocument, pointer: string): string {
  const flat = doc.nodes.has('/spec/backupLocation');
  if (flat && (pointer === '/backup' || pointer === '/backup/location')) return '/spec/backupLocation';
  return `/spec${pointer}`;
}

/** The leaves of a spec, guided by the field table: objects it knows are walked, anything else is one value. */
export function collectLeaves(value: Record<string, unknown>, pointer: string, out: Map<string, unknown>): void {
  for (const [key, child] of Object.entries(value)) {
    const here = childPointer(pointer, key);
    if (findField(here)?.kind === 'object' && isPlainObject(child)) collectLeaves(child, here, out);
    else if (child !== undefined) out.set(here, child);
  }
}
