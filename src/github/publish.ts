import { UsageError } from '../errors.js';
import { type CommandLine, MARKERS } from './command-line.js';
import { upsertComment } from './comment.js';
import type { ActionContext } from './context.js';
import type { ActionInputs } from './inputs.js';
import { closeIssue, openOrUpdateIssue } from './issue.js';
import { syncPlanLabels } from './labels.js';
import type { PlanFacts } from './plan-facts.js';
import { asMarkdown, failedPlanBody, footer } from './report.js';
import type { GitHubClient } from './rest.js';

/** The step outputs the action writes (action.yml maps each one; a test keeps the two equal). */
export const ACTION_OUTPUTS = [
  'exit-code',
  'report',
  'plan-file',
  'impact',
  'reversible',
  'destructive',
  'changes',
  'comment-url',
  'issue-url',
] as const;
export type Outputs = Partial<Record<(typeof ACTION_OUTPUTS)[number], string>>;

/** What pgensure did: its exit code and what it printed. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Everything publishing needs; `client` is made only when something will be posted. */
export interface PublishInput {
  inputs: ActionInputs;
  context: ActionContext;
  line: CommandLine;
  result: CliResult;
  facts: PlanFacts | undefined;
  client: (token: string) => GitHubClient;
  log: (line: string) => void;
}

const ISSUES = {
  drift: {
    title: 'pgensure: clusters differ from their files',
    closing: 'No drift any more: every managed cluster matches its file.',
  },
  status: {
    title: 'pgensure: unhealthy clusters',
    closing: 'Every managed cluster is healthy again.',
  },
} as const;

/** Posts the plan comment and labels (pull requests), or opens/updates/closes the drift or status issue. */
export async function publish(input: PublishInput): Promise<Outputs> {
  const { inputs, context, log } = input;
  const command = inputs.command;
  const wanted = inputs.comment || (command === 'plan' && inputs.labels);
  if (!wanted || (command !== 'plan' && command !== 'drift' && command !== 'status')) return {};
  if (!context.repo) {
    log('pgensure: not running in GitHub Actions (no GITHUB_REPOSITORY): nothing posted');
    return {};
  }
  if (command === 'plan' && !context.pullRequest) {
    log(`pgensure: a ${context.eventName || 'run'} event is not a pull request: no plan comment or labels`);
    return {};
  }
  if (!inputs.token) {
    throw new UsageError('the github-token input is empty, so the report cannot be posted', {
      hint: 'leave github-token at its default (the job token), or set comment: false and labels: false',
    });
  }
  const client = input.client(inputs.token);
  return command === 'plan' ? publishPlan(input, client) : publishIssue(input, client, command);
}

async function publishPlan(input: PublishInput, client: GitHubClient): Promise<Outputs> {
  const { inputs, context, result, facts } = input;
  const ref = { ...context.repo!, number: context.pullRequest!.number };
  const sha = context.pullRequest!.headSha;
  const ok = result.code === 0 || result.code === 2;
  const outputs: Outputs = {};
  if (inputs.comment) {
    const body = ok
      ? asMarkdown(result.stdout, input.line.format) + footer('pgensure plan', context.runUrl, sha)
      : failedPlanBody({ code: result.code, stderr: result.stderr, runUrl: context.runUrl, sha });
    const posted = await upsertComment(client, ref, { marker: MARKERS.plan, body, ...runUrlOf(context) });
    input.log(`pgensure: plan comment ${posted.action}: ${posted.url}`);
    outputs['comment-url'] = posted.url;
  }
  // Facts exist only for a plan that succeeded: a failed one leaves the labels alone, since dropping
  // `pgensure: destructive` on a passing fault would mislead more than a label one push old.
  if (inputs.labels && facts) {
    const labels = await syncPlanLabels(client, ref, facts);
    input.log(`pgensure: labels added [${labels.add.join(', ')}], removed [${labels.remove.join(', ')}]`);
  }
  return outputs;
}

async function publishIssue(input: PublishInput, client: GitHubClient, command: 'drift' | 'status'): Promise<Outputs> {
  const { context, result } = input;
  const marker = MARKERS[command];
  if (!input.inputs.comment) return {};
  if (result.code !== 0 && result.code !== 2) {
    input.log(`pgensure: ${command} failed (exit ${result.code}): the issue is left as it was`);
    return {};
  }
  const issue =
    result.code === 2
      ? await openOrUpdateIssue(client, context.repo!, {
          marker,
          title: ISSUES[command].title,
          body: asMarkdown(result.stdout, input.line.format) + footer(`pgensure ${command}`, context.runUrl, undefined),
          ...runUrlOf(context),
        })
      : await closeIssue(client, context.repo!, { marker, comment: closingComment(command, context.runUrl) });
  input.log(`pgensure: ${command} issue ${issue.action}${issue.url ? `: ${issue.url}` : ''}`);
  return issue.url ? { 'issue-url': issue.url } : {};
}

function closingComment(command: 'drift' | 'status', runUrl: string | undefined): string {
  return `${ISSUES[command].closing}${runUrl ? ` ([run](${runUrl}))` : ''} Closing.`;
}

function runUrlOf(context: ActionContext): { fullReportUrl?: string } {
  return context.runUrl ? { fullReportUrl: context.runUrl } : {};
}
