#!/usr/bin/env node
// Part of `npm run build`, after tsc: writes dist/desired/cluster-validator.generated.cjs (the spec validator) and
// dist/desired/fleet-validators.generated.cjs (Defaults, Policy and cluster-as-written validators) as ajv's standalone
// code, so `pgensure validate` (and plan, apply, ...) neither imports ajv nor compiles the schemas at run time. The
// ajv set-up is the run-time one (src/desired/schema-compile.ts); without these files pgensure compiles instead.
import { writeFileSync } from 'node:fs';
import { GENERATED_FLEET_VALIDATOR_FILE, GENERATED_VALIDATOR_FILE } from '../dist/desired/schema.js';
import { generateFleetValidatorModule, generateValidatorModule } from '../dist/desired/schema-compile.js';

const at = (file) => new URL(`../dist/desired/${file}`, import.meta.url);
writeFileSync(at(GENERATED_VALIDATOR_FILE), generateValidatorModule());
writeFileSync(at(GENERATED_FLEET_VALIDATOR_FILE), generateFleetValidatorModule());
