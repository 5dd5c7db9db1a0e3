#!/usr/bin/env node
// Part of `npm run build`, after tsc: writes dist/desired/cluster-validator.generated.js, the spec validator as ajv's
// standalone code, so `pgensure validate` (and plan, apply, ...) neither imports ajv nor compiles the schema at run
// time. The ajv set-up is the run-time one (src/desired/schema-compile.ts); without this file pgensure compiles instead.
import { writeFileSync } from 'node:fs';
import { GENERATED_VALIDATOR_FILE } from '../dist/desired/schema.js';
import { generateValidatorModule } from '../dist/desired/schema-compile.js';

const target = new URL(`../dist/desired/${GENERATED_VALIDATOR_FILE}`, import.meta.url);
writeFileSync(target, await generateValidatorModule());
