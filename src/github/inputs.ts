import { UsageError } from '../errors.js';
import { isImpact } from './plan-facts.js';

/** The pgensure commands the action runs. */
export const ACTION_COMMANDS = ['validate', 'plan', 'apply', 'drift', 'status'] as const;
export type ActionCommand = (typeof ACTION_COMMANDS)[number];

/** The action's inputs (action.yml), read from the `INPUT_*` variables its step sets. */
export interface ActionInputs {
  command: ActionCommand;
  paths: string[];
  regions: string[];
  format: string | undefined;
  planFile: string | undefined;
  maxImpact: string | undefined;
  args: string[];
  comment: boolean;
  labels: boolean;
  token: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Every input's variable, so action.yml and this reader cannot drift apart unnoticed (a test compares them). */
export const INPUT_VARIABLES = {
  command: 'INPUT_COMMAND',
  path: 'INPUT_PATH',
  regions: 'INPUT_REGIONS',
  format: 'INPUT_FORMAT',
  'plan-file': 'INPUT_PLAN_FILE',
  'max-impact': 'INPUT_MAX_IMPACT',
  args: 'INPUT_ARGS',
  comment: 'INPUT_COMMENT',
  labels: 'INPUT_LABELS',
  'github-token': 'INPUT_GITHUB_TOKEN',
} as const;

/** Reads and checks the inputs; a bad value is a UsageError that names the input. */
export function readInputs(env: Env): ActionInputs {
  const get = (name: keyof typeof INPUT_VARIABLES) => (env[INPUT_VARIABLES[name]] ?? '').trim();
  const command = get('command') || 'plan';
  if (!(ACTION_COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(`the command input must be one of ${ACTION_COMMANDS.join(', ')} (got "${command}")`);
  }
  const maxImpact = get('max-impact') || undefined;
  if (maxImpact !== undefined && !isImpact(maxImpact)) {
    throw new UsageError(`the max-impact input must be none, online, switchover, downtime or destructive`, {
      hint: `got "${maxImpact}"`,
    });
  }
  return {
    command: command as ActionCommand,
    paths: splitWords(get('path'), 'path'),
    regions: get('regions')
      .split(/[\s,]+/)
      .filter((region) => region !== ''),
    format: get('format') || undefined,
    planFile: get('plan-file') || undefined,
    maxImpact,
    args: splitWords(get('args'), 'args'),
    comment: readBoolean(get('comment'), 'comment', true),
    labels: readBoolean(get('labels'), 'labels', true),
    token: get('github-token') || undefined,
  };
}

function readBoolean(value: string, name: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw new UsageError(`the ${name} input must be true or false (got "${value}")`);
}

/**
 * Splits an input into words as a shell would, without running one: spaces separate, '…' is literal, "…" and a
 * backslash escape. Nothing is expanded, so an input can never run a command.
 */
export function splitWords(text: string, input: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote === "'" && char !== "'") word = (word ?? '') + char;
    else if (char === quote) quote = undefined;
    else if (quote === undefined && (char === "'" || char === '"')) {
      quote = char;
      word ??= '';
    } else if (char === '\\' && i + 1 < text.length && (quote === undefined || /["\\]/.test(text[i + 1]!))) {
      word = (word ?? '') + text[++i];
    } else if (quote === undefined && /\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + char;
  }
  if (quote !== undefined) throw new UsageError(`the ${input} input has an unclosed ${quote} quote`);
  if (word !== undefined) words.push(word);
  return words;
}
