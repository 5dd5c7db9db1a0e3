import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { commandLineFor } from './command-line.js';
import { readActionContext } from './context.js';
import { readInputs } from './inputs.js';
import { type PlanFacts, readPlanFacts } from './plan-facts.js';
import { type CliResult, type Outputs, publish } from './publish.js';
import { asMarkdown, formatOutputs, quoteForLog } from './report.js';
import type { GitHubClient, GitHubClientOptions } from './rest.js';

/** The process edges of the action, injected so the whole flow runs in unit tests. */
export interface ActionDeps {
  env: Readonly<Record<string, string | undefined>>;
  /** Runs pgensure with `argv` in the working directory; its output also reaches the job log. */
  runPgensure(argv: string[]): Promise<CliResult>;
  readFile(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  appendFile(path: string, text: string): Promise<void>;
  /** A line for the job log (stderr). */
  log(line: string): void;
  github(options: GitHubClientOptions): GitHubClient;
  /** Where the report file goes: `RUNNER_TEMP` in Actions. */
  tempDir: string;
}

const REPORTS = new Set(['plan', 'drift', 'status']);

/**
 * The action: run the pgensure command the inputs ask for, publish its report (PR comment and labels, or the
 * drift/status issue), write the step's outputs and summary. Returns the step's exit code: 1 when pgensure
 * failed; plan, drift and status that found something (exit 2) succeed, and say so in the `exit-code` output.
 */
export async function runAction(deps: ActionDeps): Promise<number> {
  const inputs = readInputs(deps.env);
  const context = readActionContext(deps.env, await readEvent(deps));
  const line = commandLineFor(inputs);
  deps.log(`$ pgensure ${quoteForLog(line.argv)}`);
  const result = await deps.runPgensure(line.argv);
  const report = join(deps.tempDir, `pgensure-${inputs.command}.${line.format === 'markdown' ? 'md' : 'txt'}`);
  await deps.writeFile(report, result.stdout);
  const reported = result.code === 0 || result.code === 2;
  const facts = inputs.command === 'plan' && reported ? await readFacts(deps, line.planFile!) : undefined;
  await writeOutputs(deps, { 'exit-code': String(result.code), report, ...planOutputs(line.planFile, facts) });
  if (REPORTS.has(inputs.command) && reported && deps.env.GITHUB_STEP_SUMMARY) {
    await deps.appendFile(deps.env.GITHUB_STEP_SUMMARY, asMarkdown(result.stdout, line.format));
  }
  const posted = await publish({
    inputs,
    context,
    line,
    result,
    facts,
    client: (token) => deps.github({ baseUrl: context.apiUrl, token }),
    log: deps.log,
  });
  await writeOutputs(deps, posted);
  return REPORTS.has(inputs.command) && result.code === 2 ? 0 : result.code;
}

async function readEvent(deps: ActionDeps): Promise<unknown> {
  const path = deps.env.GITHUB_EVENT_PATH;
  if (!path) return undefined;
  try {
    return JSON.parse(await deps.readFile(path));
  } catch {
    // A missing or broken payload only means: not a pull request we can comment on.
    return undefined;
  }
}

async function readFacts(deps: ActionDeps, planFile: string): Promise<PlanFacts> {
  let json: unknown;
  try {
    json = JSON.parse(await deps.readFile(planFile));
  } catch (error) {
    throw new UsageError(`cannot read the plan pgensure wrote to ${planFile}: ${(error as Error).message}`, {
      hint: 'do not move the plan with --out in args: set the plan-file input instead',
    });
  }
  return readPlanFacts(json, planFile);
}

function planOutputs(planFile: string | undefined, facts: PlanFacts | undefined): Outputs {
  const file = planFile === undefined ? {} : { 'plan-file': planFile };
  if (!facts) return file;
  return {
    ...file,
    impact: facts.impact ?? '',
    reversible: String(facts.reversible),
    destructive: String(facts.destructive),
    changes: String(facts.changes),
  };
}

async function writeOutputs(deps: ActionDeps, outputs: Outputs): Promise<void> {
  const file = deps.env.GITHUB_OUTPUT;
  if (file && Object.keys(outputs).length > 0) await deps.appendFile(file, formatOutputs(outputs));
}
