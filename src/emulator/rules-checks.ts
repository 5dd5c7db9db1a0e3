/** Cross-field and catalogue rules of a v2 `Cluster` body (shape rules live in rules-schema.ts). */
import type { Region } from '../api/types.js';
import { findVersion, isLocationOf } from './catalog.js';
import type { Problem } from './types.js';

/** A loosely typed view of a body's `properties`, read defensively (shape problems are reported elsewhere). */
export type RawProps = Record<string, unknown>;

/** Reads `raw.a.b...` without trusting any level to be an object. */
export function readPath(raw: RawProps, ...keys: string[]): unknown {
  let value: unknown = raw;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function readString(raw: RawProps, ...keys: string[]): string | undefined {
  const value = readPath(raw, ...keys);
  return typeof value === 'string' ? value : undefined;
}

function readInt(raw: RawProps, ...keys: string[]): number | undefined {
  const value = readPath(raw, ...keys);
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
/** 10.208.0.0/12 is reserved by the platform (v2 docs). */
const RESERVED_NET = 0x0ad00000;
const RESERVED_MASK = 0xfff00000;
const RESERVED_USERNAMES = ['postgres', 'admin', 'standby'];

function checkAddress(raw: RawProps, out: Problem[]): void {
  const value = readString(raw, 'connection', 'primaryInstanceAddress');
  if (value === undefined) return;
  const path = 'properties.connection.primaryInstanceAddress';
  const parts = CIDR.exec(value)?.slice(1).map(Number);
  if (parts === undefined || parts.slice(0, 4).some((o) => o > 255) || (parts[4] ?? 99) > 32) {
    const message = `${path}: must be an IPv4 address with a prefix length, e.g. 192.168.1.10/24 (got ${JSON.stringify(value)})`;
    out.push({ errorCode: 'INVALID_FORMAT', message });
    return;
  }
  const address = parts.slice(0, 4).reduce((acc, octet) => acc * 256 + octet, 0);
  if ((address & RESERVED_MASK) >>> 0 === RESERVED_NET) {
    out.push({ errorCode: 'INVALID_VALUE', message: `${path}: must not be in the reserved range 10.208.0.0/12` });
  }
}

/** The documented v2 password policy. */
function isStrongPassword(p: string): boolean {
  return p.length >= 8 && /[a-z]/.test(p) && /[A-Z]/.test(p) && /\d/.test(p) && /[@$!%*?&]/.test(p);
}

function checkCredentials(raw: RawProps, out: Problem[]): void {
  const username = readString(raw, 'credentials', 'username');
  if (username !== undefined && RESERVED_USERNAMES.includes(username.toLowerCase())) {
    out.push({ errorCode: 'INVALID_VALUE', message: 'properties.credentials.username: is a reserved system name' });
  }
  const password = readString(raw, 'credentials', 'password');
  const strong = password === undefined || isStrongPassword(password);
  if (!strong) {
    const message =
      'properties.credentials.password: must be at least 8 characters with a lowercase letter, an uppercase letter, a digit and one of @$!%*?&';
    out.push({ errorCode: 'INVALID_FORMAT', message });
  }
}

/** Rules every body must pass, on create and on replace. */
export function checkCommonRules(raw: RawProps, region: Region, out: Problem[]): void {
  checkAddress(raw, out);
  checkCredentials(raw, out);
  const count = readInt(raw, 'instances', 'count');
  if (readPath(raw, 'replicationMode') === 'STRICTLY_SYNCHRONOUS' && count !== undefined && count < 3) {
    const message = `properties.replicationMode: STRICTLY_SYNCHRONOUS needs instances.count >= 3 (got ${count})`;
    out.push({ errorCode: 'INVALID_VALUE', message });
  }
  const version = readString(raw, 'version');
  if (version !== undefined && findVersion(version) === undefined) {
    const message = `properties.version: ${JSON.stringify(version)} is not an available version (see GET /versions)`;
    out.push({ errorCode: 'UNKNOWN_VERSION', message });
  }
  const location = readString(raw, 'backup', 'location');
  if (location !== undefined && !isLocationOf(region, location)) {
    const message = `properties.backup.location: ${JSON.stringify(location)} is not a backup location of ${region} (see GET /backup-locations)`;
    out.push({ errorCode: 'UNKNOWN_BACKUP_LOCATION', message });
  }
}

/** Rules of a full replacement of `current` (the stored, readable properties). */
export function checkReplaceRules(
  raw: RawProps,
  current: { version: string; storageSize: number; location: string },
  out: Problem[],
): void {
  const location = readString(raw, 'backup', 'location');
  if (location !== undefined && location !== current.location) {
    const message = `properties.backup.location: is immutable (is ${JSON.stringify(current.location)}, got ${JSON.stringify(location)})`;
    out.push({ errorCode: 'IMMUTABLE_FIELD', message });
  }
  const storage = readInt(raw, 'instances', 'storageSize');
  if (storage !== undefined && storage < current.storageSize) {
    const message = `properties.instances.storageSize: can only be increased (is ${current.storageSize}, got ${storage})`;
    out.push({ errorCode: 'STORAGE_SHRINK', message });
  }
  const version = readString(raw, 'version');
  const allowed = findVersion(current.version)?.canUpgradeTo ?? [];
  if (version !== undefined && version !== current.version && !allowed.includes(version)) {
    const targets = allowed.length === 0 ? 'none' : allowed.join(', ');
    const message = `properties.version: cannot change from ${current.version} to ${JSON.stringify(version)} (canUpgradeTo: ${targets})`;
    out.push({ errorCode: 'INVALID_VERSION_CHANGE', message });
  }
}
