import { posix, win32 } from 'node:path';
import { FIELD_LAYOUT, type FieldFact } from '../model/cluster-fields.js';
import { isPlainObject } from '../model/pointer.js';
import { POLICY_DEFAULTS } from './defaults.js';
import type { ParsedDocument, SpecDocument } from './document.js';
import { InheritedPositions } from './inherited-positions.js';
import { positionsOf } from './lazy-nodes.js';
import { documentSource } from './positions.js';
import { keepString, keepValue } from './strings.js';
import type { ClusterPolicy, DesiredCluster, DesiredProperties, InheritedValue, PasswordRef } from './types.js';

/**
 * A valid document (it passed the schema) as the planner wants it: v2 properties in the API's field order with every
 * documented default filled in (from the field table) and recorded in `defaulted`, the legacy backupLocation read
 * as backup.location, positions of every field. Builds new objects throughout: the parsed document is never modified.
 */
export function normalizeDocument(
  doc: ParsedDocument,
  inherited: ReadonlyMap<string, InheritedValue> = NONE_INHERITED,
): DesiredCluster {
  const { metadata, spec, policy } = doc.value as SpecDocument;
  const defaulted: string[] = [];
  // A password reference from Defaults is relative to the Defaults file, where it is written.
  const passwordFile = inherited.get('/credentials/password')?.at.file ?? doc.file;
  const own = positionsOf(doc);
  const region = keepString(metadata.region) as DesiredCluster['region'];
  const name = keepString(metadata.name);
  const cluster: DesiredCluster = {
    address: `${region}/${name}`,
    region,
    name,
    properties: normalizeProperties(name, spec, passwordFile, defaulted),
    defaulted: shareDefaulted(defaulted),
    policy: normalizePolicy(policy),
    source: documentSource(doc),
    positions: inherited.size === 0 ? own : new InheritedPositions(own, inherited),
  };
  if (metadata.labels !== undefined) cluster.labels = keepValue(metadata.labels) as Record<string, string>;
  if (inherited.size > 0) cluster.inherited = inherited;
  // UUIDs are compared case-insensitively; the API writes them in lower case.
  if (metadata.id !== undefined) cluster.id = keepString(metadata.id.toLowerCase());
  return cluster;
}

const NONE_INHERITED: ReadonlyMap<string, InheritedValue> = new Map();

/**
 * The properties in the field table's order, defaults filled in. Reads the spec where it is (no copies of it on the
 * way: this runs for every document of a fleet) and copies each value once into the new object.
 */
function normalizeProperties(name: string, spec: SpecDocument['spec'], file: string, defaulted: string[]) {
  const given = spec as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const { fact, key, children } of FIELD_LAYOUT) {
    if (key === 'credentials') {
      out[key] = normalizeCredentials(spec.credentials, file);
      continue;
    }
    const value = readWritten(given, key, name, spec.backupLocation);
    if (value === undefined) {
      if (fact.specDefault === undefined) continue;
      out[key] = copyDefault(fact.specDefault);
      defaulted.push(fact.pointer);
    } else if (fact.kind === 'object' && isPlainObject(value)) {
      out[key] = fillObject(value, children, defaulted);
    } else out[key] = keepValue(value);
  }
  return out as unknown as DesiredProperties;
}

/** The written value of a top-level key: `name` is metadata.name, a flat backupLocation is backup.location. */
function readWritten(given: Record<string, unknown>, key: string, name: string, backupLocation: string | undefined) {
  if (key === 'name') return name;
  if (key === 'backup' && backupLocation !== undefined) return { location: backupLocation };
  // credentials and backupLocation are not fields of the table; everything else is read as written.
  return Object.hasOwn(given, key) ? given[key] : undefined;
}

function fillObject(
  value: Record<string, unknown>,
  children: readonly { fact: FieldFact; key: string }[],
  defaulted: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { fact, key } of children) {
    if (value[key] !== undefined) out[key] = keepValue(value[key]);
    else if (fact.specDefault !== undefined) {
      out[key] = copyDefault(fact.specDefault);
      defaulted.push(fact.pointer);
    }
  }
  return out;
}

/** A default of its own for each document (plain JSON data: scalars, or objects and arrays of them). */
function copyDefault(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyDefault);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) out[key] = copyDefault(child);
  return out;
}

function normalizeCredentials(credentials: SpecDocument['spec']['credentials'], file: string) {
  const { username, database, password } = credentials;
  const ref = normalizePassword(password, file);
  const kept = 'fromEnv' in ref ? { fromEnv: keepString(ref.fromEnv) } : { fromFile: keepString(ref.fromFile) };
  return { username: keepString(username), database: keepString(database), password: kept };
}

/**
 * The cluster's policy, one frozen instance per combination (there are eight): 10,000 documents of a fleet mostly
 * hold the same one, and nothing changes a document's policy once it is read.
 */
function normalizePolicy(policy: Partial<ClusterPolicy> | undefined): ClusterPolicy {
  const ensure = policy?.ensure ?? POLICY_DEFAULTS.ensure;
  const preventDestroy = policy?.preventDestroy ?? POLICY_DEFAULTS.preventDestroy;
  const allowReplace = policy?.allowReplace ?? POLICY_DEFAULTS.allowReplace;
  const key = `${ensure} ${preventDestroy} ${allowReplace}`;
  let shared = POLICIES.get(key);
  if (shared === undefined) {
    shared = Object.freeze({ ensure, preventDestroy, allowReplace });
    POLICIES.set(key, shared);
  }
  return shared;
}

const POLICIES = new Map<string, ClusterPolicy>();

/**
 * The list of defaulted pointers, one frozen instance per distinct list: the documents of a fleet leave the same
 * few fields out, and each plan entry refers to its document's list. A bounded number of lists is kept.
 */
function shareDefaulted(defaulted: string[]): readonly string[] {
  const key = defaulted.join(' ');
  const shared = DEFAULTED.get(key);
  if (shared !== undefined) return shared;
  if (DEFAULTED.size >= MAX_DEFAULTED_LISTS) DEFAULTED.clear();
  const frozen = Object.freeze(defaulted);
  DEFAULTED.set(key, frozen);
  return frozen;
}

// Pointers hold no spaces (they are the field table's), so a space-joined list names one list.
const DEFAULTED = new Map<string, readonly string[]>();
const MAX_DEFAULTED_LISTS = 256;

/**
 * A relative fromFile is relative to the spec file's directory; it is stored relative to the working directory (where
 * pgensure runs, and what `file` is relative to) with posix separators, so the plan shows a path that works there.
 */
export function normalizePassword(password: PasswordRef, file: string): PasswordRef {
  if ('fromEnv' in password) return { fromEnv: password.fromEnv };
  const path = password.fromFile;
  if (posix.isAbsolute(path) || win32.isAbsolute(path)) return { fromFile: path };
  return { fromFile: posix.normalize(posix.join(posix.dirname(file), path)) };
}
