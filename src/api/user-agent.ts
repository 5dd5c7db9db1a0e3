import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** `pgensure/<version>`, the version read once from package.json (same relative path from src/ and dist/). */
export function defaultUserAgent(): string {
  cached ??= `pgensure/${readPackageVersion()}`;
  return cached;
}

function readPackageVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const version = typeof pkg === 'object' && pkg !== null ? (pkg as { version?: unknown }).version : undefined;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    // A missing package.json must not break API calls; the version only helps server-side diagnostics.
    return 'unknown';
  }
}
