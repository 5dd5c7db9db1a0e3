import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { isNestedDeeper, MAX_JSON_DEPTH } from '../input/json-depth.js';
import { InputFileProblem, PLAN_FILE_LIMIT, readInputText } from '../input/read-file.js';
import { PLAN_FORMAT_VERSION, type Plan } from '../plan/types.js';
import { requirePackage } from '../require-package.js';

const SCHEMA_URL = new URL('../../schemas/plan.schema.json', import.meta.url);

/**
 * Reads a saved plan and checks it against schemas/plan.schema.json: a truncated file, an unknown action, a missing
 * field or another formatVersion is refused here, naming the problem, before anything is read from the API.
 */
export async function readSavedPlan(path: string): Promise<Plan> {
  const text = await readPlanText(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${path}: not a pgensure plan: the JSON is broken (${describeError(error)}); nothing was written`,
      {
        hint: 'the file may be truncated: make the plan again with `pgensure plan --out FILE`',
      },
    );
  }
  // Deeper JSON is not a plan pgensure wrote (its deepest value is a few levels down), and would overflow later walks.
  if (isNestedDeeper(parsed, MAX_JSON_DEPTH)) {
    throw new UsageError(
      `${path}: not a pgensure plan: nested more than ${MAX_JSON_DEPTH} levels deep; nothing was written`,
      {
        hint: 'a plan file must be exactly what `pgensure plan --out FILE` wrote: make it again',
      },
    );
  }
  const version = (parsed as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== PLAN_FORMAT_VERSION) {
    throw new UsageError(
      `${path}: plan formatVersion ${JSON.stringify(version)} is not supported (this pgensure reads ${PLAN_FORMAT_VERSION}); nothing was written`,
      { hint: 'make the plan again with this version of pgensure' },
    );
  }
  const problems = await validatePlanShape(parsed);
  if (problems.length > 0) {
    const list = problems
      .slice(0, 10)
      .map((p) => `  ${p}`)
      .join('\n');
    throw new UsageError(
      `${path}: not a valid pgensure plan (schemas/plan.schema.json); nothing was written:\n${list}`,
      {
        hint: 'a plan file must be exactly what `pgensure plan --out FILE` wrote: make it again',
      },
    );
  }
  return parsed as Plan;
}

/** Through the one input reader: a FIFO or /dev/zero is refused at once, and so is a file over PLAN_FILE_LIMIT. */
async function readPlanText(path: string): Promise<string> {
  try {
    return readInputText(path, PLAN_FILE_LIMIT);
  } catch (error) {
    const where =
      error instanceof InputFileProblem && (error.line > 1 || error.col > 1) ? `:${error.line}:${error.col}` : '';
    throw new UsageError(`cannot read the saved plan ${path}${where}: ${describeError(error)}; nothing was written`, {
      hint: 'give the file `pgensure plan --out FILE` wrote (a path relative to the current directory)',
    });
  }
}

/** The compiled schema, made once per process (compiling costs ~50 ms; a process checks one plan, the fuzz suite many). */
let planValidator: Promise<(value: unknown) => string[]> | undefined;

async function validatePlanShape(value: unknown): Promise<string[]> {
  planValidator ??= compilePlanValidator();
  return (await planValidator)(value);
}

async function compilePlanValidator(): Promise<(value: unknown) => string[]> {
  const { Ajv } = requirePackage('ajv') as typeof import('ajv');
  const addFormats = requirePackage('ajv-formats') as typeof import('ajv-formats')['default'];
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv, ['date-time']);
  const schema = JSON.parse(await readFile(SCHEMA_URL, 'utf8')) as object;
  const validate = ajv.compile(schema);
  return (value) =>
    validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}
