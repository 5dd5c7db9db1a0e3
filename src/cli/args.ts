import { type ParseArgsConfig, parseArgs } from 'node:util';
import { isRegion, REGIONS, type Region } from '../api/types.js';
import { UsageError } from '../errors.js';
import { didYouMean } from '../near-miss.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags shared by the commands that read the API. */
export const NETWORK_OPTIONS = {
  endpoint: { type: 'string' },
  region: { type: 'string', multiple: true },
  target: { type: 'string', multiple: true },
  'log-level': { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/** `--selector KEY=VALUE` (repeatable; all must match): plan, apply, drift, show and status take it. */
export const SELECTION_OPTIONS = {
  selector: { type: 'string', multiple: true },
} as const satisfies Options;

/** The help line of SELECTION_OPTIONS. */
export const SELECTOR_HELP = `  --selector KEY=VALUE          limit to clusters whose metadata.labels have KEY=VALUE (repeatable: all must match)
`;

/** util.parseArgs with every mistake turned into a UsageError naming the command, the flag and what to do. */
export function parseCommandArgs<const T extends Options>(command: string, argv: string[], options: T) {
  const hint = `run 'pgensure ${command} --help'`;
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${command}: ${describeArgsError(error, options)}`, { hint });
  }
  // `--out=` or `--region ""` is a slip, never a choice: an empty value would only fail later, less clearly.
  for (const [flag, value] of Object.entries(parsed.values)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => v === '')) throw new UsageError(`${command}: --${flag} needs a value (got "")`, { hint });
  }
  return parsed;
}

/** parseArgs' words rephrased (minus its advice on positionals that start with '-'), plus a guess at the flag meant. */
function describeArgsError(error: unknown, options: Options): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '(-{1,2}[^']*)'/.exec(message)?.[1];
  if (unknown !== undefined) {
    const typed = unknown.replace(/^-+/, '').split('=')[0]!;
    return `unknown flag ${unknown}${didYouMean(Object.keys(options), typed, (flag) => `--${flag}`)}`;
  }
  const missing = /^Option '(?:-\w, )?(--[^' ]+) <value>' argument missing/.exec(message)?.[1];
  if (missing !== undefined) return `${missing} needs a value`;
  const ambiguous = /^Option '(?:-\w, )?(--[^' ]+)' argument is ambiguous/.exec(message)?.[1];
  if (ambiguous !== undefined)
    return `${ambiguous} needs a value, but the next word is a flag (a value that starts with "-" is written ${ambiguous}=-VALUE)`;
  const noValue = /^Option '(?:-\w, )?(--[^' ]+)' does not take an argument/.exec(message)?.[1];
  if (noValue !== undefined) return `${noValue} takes no value (write ${noValue} alone, or leave it out)`;
  return message;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * The shortest value a duration flag takes. `--poll-interval 0` polled in a tight loop (its ×1.5 back-off never grows
 * from 0: 222 GETs in 2 s); from 20ms it backs off to seconds within a dozen polls.
 */
export const DURATION_FLOORS_MS: Readonly<Record<string, number>> = { 'poll-interval': 20 };

/** `500ms`, `30s`, `5m`, `1h`, or a bare number of seconds → milliseconds; at least the flag's floor, if it has one. */
export function parseDuration(flag: string, value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!match)
    throw new UsageError(`--${flag} must be a duration like 500ms, 30s, 5m or 1h (got "${value}")`, {
      hint: `one number and one unit (ms, s, m, h) with no space, e.g. --${flag} 90s or --${flag} 5m`,
    });
  const ms = Math.round(Number(match[1]) * UNITS[match[2] ?? 's']!);
  const floor = DURATION_FLOORS_MS[flag];
  if (floor !== undefined && ms < floor)
    throw new UsageError(
      `--${flag} must be at least ${floor}ms (got "${value}"): a shorter interval only spends the API's rate limit`,
      {
        hint: `e.g. --${flag} 1s (the default is 2s)`,
      },
    );
  return ms;
}

/** A whole number of at least 1. */
export function parsePositiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${flag} must be a positive integer (got "${value}")`, {
      hint: `e.g. --${flag} ${fallback}`,
    });
  return n;
}

/** --region values (repeatable, comma-separated): known regions, sorted and unique; a typo gets a guess. */
export function parseRegions(values: string[] | undefined): Region[] | undefined {
  if (!values || values.length === 0) return undefined;
  const regions = values.flatMap((value) => value.split(',')).map((value) => value.trim());
  for (const region of regions) {
    if (!isRegion(region))
      throw new UsageError(`--region: unknown region "${region}"${didYouMean(REGIONS, region)}`, {
        hint: `regions: ${REGIONS.join(' ')}`,
      });
  }
  return [...new Set(regions as Region[])].sort();
}

/** One of a flag's fixed values; anything else names the choices and guesses the one meant. */
export function parseChoice<const C extends string>(
  flag: string,
  value: string | undefined,
  choices: readonly C[],
  fallback: C,
): C {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as C;
  throw new UsageError(
    `--${flag} must be one of ${choices.join(', ')} (got "${value}")${didYouMean(choices, value, (c) => `--${flag} ${c}`)}`,
    { hint: `e.g. --${flag} ${choices.includes(fallback) ? fallback : choices[0]}` },
  );
}
