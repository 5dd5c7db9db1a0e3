import type { Region } from '../api/types.js';

/** The environment variable an imported file reads the password from: `PGENSURE_<REGION>_<NAME>_PASSWORD`. */
export function passwordEnvName(region: Region, name: string): string {
  return `PGENSURE_${region}_${name}_PASSWORD`.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** The imported spec file's name: `<region>-<name>.yaml`, anything but letters, digits, `.`, `_`, `-` made `-`. */
export function specFileName(region: Region, name: string): string {
  const base = `${region}-${name}`.replace(/[^A-Za-z0-9._-]/g, '-');
  return `${base}.yaml`;
}

/** The first 8 hex digits of a cluster id: enough to tell two clusters apart in a file or variable name. */
export function shortId(id: string): string {
  return id.replace(/-/g, '').slice(0, 8).toLowerCase();
}

/** Placeholders that pass the schema and read as what they are; `--username`/`--database` replace them. */
export const PLACEHOLDER_USERNAME = 'change_me';
export const PLACEHOLDER_DATABASE = 'change_me';

/** The published copy of the spec schema, for imports made outside a checkout that has schemas/. */
export const PUBLISHED_SCHEMA_URL = 'https://unpkg.com/pgensure/schemas/cluster.schema.json';

const USERNAME = /^[A-Za-z0-9_]{1,16}$/;
const DATABASE = /^[A-Za-z0-9_]{1,63}$/;

/** The schema's rules for `credentials.username` / `credentials.database` (so an imported file always validates). */
export function isValidUsername(value: string): boolean {
  return USERNAME.test(value);
}

export function isValidDatabase(value: string): boolean {
  return DATABASE.test(value);
}
