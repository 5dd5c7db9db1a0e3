import { UsageError } from '../errors.js';
import type { ActionCommand, ActionInputs } from './inputs.js';

/** Where a plan is written when the plan-file input is empty. */
export const DEFAULT_PLAN_FILE = 'pgensure-plan.json';

/** The hidden marker each report starts with (written by `--format markdown`), so ONE comment/issue is kept. */
export const MARKERS = {
  plan: '<!-- pgensure-plan -->',
  drift: '<!-- pgensure-drift -->',
  status: '<!-- pgensure-status -->',
} as const;

/** What the action runs: pgensure's argv, the format its stdout is in, and the plan file (plan, apply --plan). */
export interface CommandLine {
  argv: string[];
  format: string;
  planFile: string | undefined;
}

/** Builds pgensure's arguments from the inputs (pure). Extra `args` come last, so they can add any flag. */
export function commandLineFor(inputs: ActionInputs): CommandLine {
  const regions = inputs.regions.flatMap((region) => ['--region', region]);
  const maxImpact = maxImpactFlag(inputs);
  const format = inputs.format ?? defaultFormat(inputs.command);
  const formatFlag = inputs.format === undefined && inputs.command === 'apply' ? [] : ['--format', format];
  switch (inputs.command) {
    case 'validate':
      return { argv: ['validate', ...inputs.paths, ...formatFlag, ...inputs.args], format, planFile: undefined };
    case 'plan': {
      const planFile = inputs.planFile ?? DEFAULT_PLAN_FILE;
      const argv = ['plan', ...inputs.paths, ...regions, '--out', planFile, '--detailed-exitcode', ...formatFlag];
      return { argv: [...argv, ...maxImpact, ...inputs.args], format, planFile };
    }
    case 'apply': {
      // Paths and regions go along with a saved plan too: apply --plan refuses them rather than ignore them.
      const what = [...(inputs.planFile ? ['--plan', inputs.planFile] : []), ...inputs.paths, ...regions];
      const argv = ['apply', ...what, '--auto-approve', ...formatFlag, ...maxImpact, ...inputs.args];
      return { argv, format, planFile: inputs.planFile };
    }
    case 'drift':
    case 'status':
      return {
        argv: [inputs.command, ...inputs.paths, ...regions, ...formatFlag, ...inputs.args],
        format,
        planFile: undefined,
      };
  }
}

/** validate annotates the pull request's lines; the reports are Markdown, for comments, issues and the summary. */
function defaultFormat(command: ActionCommand): string {
  if (command === 'validate') return 'github';
  return command === 'apply' ? 'text' : 'markdown';
}

function maxImpactFlag(inputs: ActionInputs): string[] {
  if (inputs.maxImpact === undefined) return [];
  if (inputs.command !== 'plan' && inputs.command !== 'apply') {
    throw new UsageError(`the max-impact input applies to plan and apply, not ${inputs.command}`);
  }
  return ['--max-impact', inputs.maxImpact];
}
