import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { requirePackage } from '../require-package.js';

// Where `npm run build` writes the generated validators: dist/desired/. The CLI's bundle sits in dist/cli/, and
// import.meta.url is the bundle's there, so the way to them goes through desired/ from either.
const GENERATED_URL = new URL('../desired/', import.meta.url);

/** A generated module, loaded. */
export interface GeneratedFile {
  exports: unknown;
  /** Whether the build checked it against the schemas it was generated from (the bundle's); else the caller does. */
  checked: boolean;
}

/**
 * A module `npm run build` generated in dist/desired/ (scripts/generate-validator.mjs), loaded; undefined when it is
 * not there (running from src/, or a dist/ built by tsc alone). The CLI's bundle replaces this module with one that
 * requires the cluster validator by name (scripts/bundle.mjs), so it is in the bundle, checked against the schemas
 * at build time and compiled into the bundle's code cache: compiling it when first called, and hashing the schema to
 * see that it is current, were ~6 ms of a `validate` of one file.
 */
export function requireGeneratedFile(file: string): GeneratedFile | undefined {
  const path = fileURLToPath(new URL(file, GENERATED_URL));
  return existsSync(path) ? { exports: requirePackage(path), checked: false } : undefined;
}
