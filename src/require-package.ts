import { createRequire } from 'node:module';

/**
 * `require`, for the dependencies loaded only where they are used (ajv, undici, pino). Not `import()`: the CLI's
 * bundle (scripts/bundle.mjs) runs as a `vm.Script` with its compiled code cached, and a script's `import()` needs
 * `--experimental-vm-modules` on Node 20; all of these packages are CommonJS, so `require` loads them alike from
 * dist/ and from the bundle.
 */
export const requirePackage = createRequire(import.meta.url);
