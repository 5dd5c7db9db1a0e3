import type { ValidateFunction } from 'ajv';
import type { SpecIssue } from '../errors.js';
import type { NodeLoc, NodeSource, ParsedDocument } from './document.js';
import { describeSchemaErrors, describeValue } from './messages.js';
import { type LineCol, positionOf } from './positions.js';

const API_VERSION = 'pgensure/v1';
/** The kinds of pgensure document (product.md §2, §9). */
export const KINDS = ['PostgresCluster', 'Defaults', 'Policy'] as const;
export type DocumentKind = (typeof KINDS)[number];
const NAME_POINTER = '/metadata/name';
const ID_POINTER = '/metadata/id';

/** The schema's verdict on a pgensure document (ajv, all errors, turned into plain words). */
export function validateAgainstSchema(doc: ParsedDocument, validate: ValidateFunction): SpecIssue[] {
  if (validate(doc.value)) return [];
  return describeSchemaErrors(validate.errors ?? [], doc);
}

/** The kind of a pgensure document; undefined for anything else. */
export function kindOf(doc: ParsedDocument): DocumentKind | undefined {
  const value = doc.value;
  if (!isPlainMap(value) || value.apiVersion !== API_VERSION) return undefined;
  return KINDS.find((kind) => kind === value.kind);
}

/**
 * Everything under the given paths must be a pgensure document; anything else (a Kubernetes manifest, a CI file) is
 * one issue at its apiVersion/kind rather than a screenful of schema errors.
 */
export function checkPgensureDocument(doc: ParsedDocument): SpecIssue | undefined {
  if (kindOf(doc) !== undefined) return undefined;
  const value = doc.value;
  const map = isPlainMap(value) ? value : {};
  const got = isPlainMap(value)
    ? `apiVersion: ${describeValue(map.apiVersion)}, kind: ${describeValue(map.kind)}`
    : describeValue(value);
  const pointer = !isPlainMap(value) ? '' : map.apiVersion !== API_VERSION ? '/apiVersion' : '/kind';
  return {
    file: doc.file,
    ...positionOf(doc, pointer),
    path: pointer.slice(1),
    message: `not a pgensure document: expected apiVersion: ${API_VERSION} and kind: ${KINDS.join(', ')} (got ${got})`,
  };
}

/** What the cross-document checks need of one document, so the document itself need not be kept until they run. */
export interface DocumentIdentity {
  file: string;
  /** `REGION/NAME`, when metadata has both as strings. */
  address: string | undefined;
  /** metadata.id in lower case, when it is a string. */
  id: string | undefined;
  /** Where metadata.name (for a duplicate address) and metadata.id (for a duplicate id) are written: asked only
   * for a duplicate, so worked out then (the document's nodes may not have been read). */
  at: NodeSource;
}

/** The identity of a pgensure document, for checkCrossDocuments. */
export function identityOf(doc: ParsedDocument): DocumentIdentity {
  const metadata = isPlainMap(doc.value) ? doc.value.metadata : undefined;
  const { name, region, id } = isPlainMap(metadata) ? metadata : {};
  return {
    file: doc.file,
    address: typeof name === 'string' && typeof region === 'string' ? `${region}/${name}` : undefined,
    id: typeof id === 'string' ? id.toLowerCase() : undefined,
    at: doc.located ?? keepIdentityNodes(doc),
  };
}

// positionOf walks up to the nearest node that exists: these are all it can reach from metadata.name and .id.
const IDENTITY_POINTERS = ['', '/metadata', NAME_POINTER, ID_POINTER];

/** The few nodes the identity's positions need, so the rest of the document need not be kept. */
function keepIdentityNodes(doc: ParsedDocument): NodeSource {
  const nodes = new Map<string, NodeLoc>();
  for (const pointer of IDENTITY_POINTERS) {
    const loc = doc.nodes.get(pointer);
    if (loc !== undefined) nodes.set(pointer, loc);
  }
  return { file: doc.file, nodes };
}

/** Two documents with one address, or one metadata.id: every such document gets an issue naming the others. */
export function checkCrossDocuments(docs: readonly DocumentIdentity[]): SpecIssue[] {
  return [
    ...describeDuplicates(
      groupRepeats(docs, (doc) => doc.address),
      NAME_POINTER,
      (doc) => positionOf(doc.at, NAME_POINTER),
      (key) => `duplicate address ${key}`,
    ),
    ...describeDuplicates(
      groupRepeats(docs, (doc) => doc.id),
      ID_POINTER,
      (doc) => positionOf(doc.at, ID_POINTER),
      (key) => `duplicate metadata.id ${key}`,
    ),
  ];
}

/**
 * The documents of each key held by more than one, in document order. A group is made only for a key seen twice:
 * a fleet of 10,000 distinct addresses makes one Map entry each, not 10,000 arrays of one.
 */
function groupRepeats<T>(docs: readonly T[], keyOf: (doc: T) => string | undefined): Map<string, T[]> {
  const first = new Map<string, T>();
  const repeated = new Map<string, T[]>();
  for (const doc of docs) {
    const key = keyOf(doc);
    if (key === undefined) continue;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, doc);
    else {
      const group = repeated.get(key);
      if (group === undefined) repeated.set(key, [seen, doc]);
      else group.push(doc);
    }
  }
  return repeated;
}

function describeDuplicates(
  groups: Map<string, DocumentIdentity[]>,
  pointer: string,
  positionIn: (doc: DocumentIdentity) => LineCol,
  describe: (key: string) => string,
): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const [key, docs] of groups) {
    const places = docs.map((doc) => ({ file: doc.file, ...positionIn(doc) }));
    places.forEach((place, index) => {
      const others = places.filter((_, j) => j !== index).map((p) => `${p.file}:${p.line}:${p.col}`);
      issues.push({
        ...place,
        path: pointer.slice(1).replace('/', '.'),
        message: `${describe(key)}: also at ${others.join(', ')}`,
      });
    });
  }
  return issues;
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
