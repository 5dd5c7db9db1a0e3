/** The emulator's fixed catalogue: PostgreSQL versions and per-region backup locations (see docs/emulator.md). */
import type { Region } from '../api/types.js';
import { deriveUuid } from './random.js';

/** One entry of GET /versions. */
export interface CatalogVersion {
  id: string;
  version: string;
  status: string;
  comment: string;
  canUpgradeTo: string[];
}

/** One entry of GET /backup-locations. */
export interface CatalogLocation {
  id: string;
  location: string;
}

function defineVersion(version: string, status: string, comment: string, canUpgradeTo: string[]): CatalogVersion {
  return { id: deriveUuid(`version:${version}`), version, status, comment, canUpgradeTo };
}

/** Same in every region; a version may only move to one in its canUpgradeTo (or stay). */
export const VERSIONS: readonly CatalogVersion[] = [
  defineVersion('13', 'DEPRECATED', 'End of life: upgrade to a newer version.', ['14', '15', '16', '17']),
  defineVersion('14', 'SUPPORTED', '', ['15', '16', '17']),
  defineVersion('15', 'SUPPORTED', '', ['16', '17']),
  defineVersion('16', 'RECOMMENDED', '', ['17']),
  defineVersion('17', 'SUPPORTED', '', []),
];

/** Every region offers eu-central-3; the rest are the emulator's choice (documented in docs/emulator.md). */
const LOCATION_NAMES: Record<Region, readonly string[]> = {
  'de-txl': ['eu-central-3', 'eu-central-2', 'de'],
  'de-fra': ['eu-central-3', 'eu-central-4', 'de'],
  'fr-par': ['eu-central-3', 'eu-central-4'],
  'es-vit': ['eu-central-3', 'eu-south-2'],
  'gb-lhr': ['eu-central-3', 'eu-central-4'],
  'gb-bhx': ['eu-central-3', 'eu-central-4'],
  'us-las': ['eu-central-3', 'us-central-1'],
  'us-mci': ['eu-central-3', 'us-central-1'],
  'us-ewr': ['eu-central-3', 'us-central-1'],
};

/** The backup locations of one region, in a stable order. */
export function listLocations(region: Region): CatalogLocation[] {
  return LOCATION_NAMES[region].map((location) => ({ id: deriveUuid(`location:${region}:${location}`), location }));
}

/** The catalogue entry for a version string, if it exists. */
export function findVersion(version: string): CatalogVersion | undefined {
  return VERSIONS.find((v) => v.version === version);
}

/** Whether `location` is one of the region's backup locations. */
export function isLocationOf(region: Region, location: string): boolean {
  return LOCATION_NAMES[region].includes(location);
}
