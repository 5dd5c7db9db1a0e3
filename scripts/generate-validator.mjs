#!/usr/bin/env node
// Part of `npm run build`, after tsc: writes dist/spec/cluster-validator.generated.js, the spec validator as ajv's
// standalone code, so `pgensure validate` (and plan, apply, ...) neither imports ajv nor compiles the schema at run
// time. The ajv set-up is the run-time one (src/spec/schema-compile.ts); without this file pgensure compiles instead.
import { writeFileSync } from 'node:fs';
import { GENERATED_VALIDATOR_FILE } from '../dist/spec/schema.js';
import { generateValidatorModule } from '../dist/spec/schema-compile.js';

const target = new URL(`../dist/spec/${GENERATED_VALIDATOR_FILE}`, import.meta.url);
writeFileSync(target, await generateValidatorModule());
