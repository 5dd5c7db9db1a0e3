import type { ValidateFunction } from 'ajv';
import type { SpecIssue } from '../errors.js';
import type { ParsedDocument } from './document.js';
import { describeSchemaErrors, describeValue } from './messages.js';
import { positionOf } from './positions.js';

const API_VERSION = 'pgensure/v1';
const KIND = 'PostgresCluster';

/** The schema's verdict on a pgensure document (ajv, all errors, turned into plain words). */
export function validateAgainstSchema(doc: ParsedDocument, validate: ValidateFunction): SpecIssue[] {
  if (validate(doc.value)) return [];
  return describeSchemaErrors(validate.errors ?? [], doc);
}

/**
 * Everything under the given paths must be a pgensure document; anything else (a Kubernetes manifest, a CI file) is
 * one issue at its apiVersion/kind rather than a screenful of schema errors.
 */
export function checkPgensureDocument(doc: ParsedDocument): SpecIssue | undefined {
  const value = doc.value;
  const map = isPlainMap(value) ? value : {};
  if (map.apiVersion === API_VERSION && map.kind === KIND) return undefined;
  const got = isPlainMap(value)
    ? `apiVersion: ${describeValue(map.apiVersion)}, kind: ${describeValue(map.kind)}`
    : describeValue(value);
  const pointer = !isPlainMap(value) ? '' : map.apiVersion !== API_VERSION ? '/apiVersion' : '/kind';
  return {
    file: doc.file,
    ...positionOf(doc, pointer),
    path: pointer.slice(1),
    message: `not a pgensure document: expected apiVersion: ${API_VERSION} and kind: ${KIND} (got ${got})`,
  };
}

/** Two documents with one address, or one metadata.id: every such document gets an issue naming the others. */
export function checkCrossDocuments(docs: readonly ParsedDocument[]): SpecIssue[] {
  const byAddress = new Map<string, ParsedDocument[]>();
  const byId = new Map<string, ParsedDocument[]>();
  for (const doc of docs) {
    const metadata = isPlainMap(doc.value) ? doc.value.metadata : undefined;
    if (!isPlainMap(metadata)) continue;
    const { name, region, id } = metadata;
    if (typeof name === 'string' && typeof region === 'string') addTo(byAddress, `${region}/${name}`, doc);
    if (typeof id === 'string') addTo(byId, id.toLowerCase(), doc);
  }
  return [
    ...describeDuplicates(byAddress, '/metadata/name', (key) => `duplicate address ${key}`),
    ...describeDuplicates(byId, '/metadata/id', (key) => `duplicate metadata.id ${key}`),
  ];
}

function describeDuplicates(
  groups: Map<string, ParsedDocument[]>,
  pointer: string,
  describe: (key: string) => string,
): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const [key, docs] of groups) {
    if (docs.length < 2) continue;
    const places = docs.map((doc) => ({ file: doc.file, ...positionOf(doc, pointer) }));
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

function addTo(groups: Map<string, ParsedDocument[]>, key: string, doc: ParsedDocument): void {
  const group = groups.get(key);
  if (group === undefined) groups.set(key, [doc]);
  else group.push(doc);
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
