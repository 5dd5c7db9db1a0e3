import { loadDesiredFleet } from '../../desired/index.js';
import { parseChoice, parseCommandArgs } from '../args.js';
import type { CliIo } from '../io.js';
import { LOG_LEVELS } from '../log-levels.js';
import type { Outcome } from '../outcome.js';

export const VALIDATE_HELP = `Usage: pgensure validate [PATH...]

Parses and checks the spec files (schema, cross-document rules, Defaults), and judges every cluster by the Policy
rules that read only \`cluster\` (a deny fails, a warn is printed). Reads no network.
PATH: files or directories (searched recursively for *.yaml/*.yml); default: the current directory.

  --format text|github   how problems are printed (github: workflow annotations on the PR's lines)
  --no-color             accepted like every command (validate prints no colour)
  --log-level LEVEL      accepted like every command (validate reads no network and logs nothing)
`;

/** `pgensure validate`: exit 0 when every document is valid and no rule denies; the problems are listed otherwise. */
export async function runValidate(argv: string[], io: CliIo): Promise<Outcome> {
  const { values, positionals } = parseCommandArgs('validate', argv, {
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    'no-color': { type: 'boolean' },
    'log-level': { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(VALIDATE_HELP);
    return 'done';
  }
  const format = parseChoice('format', values.format, ['text', 'github'] as const, 'text'); // main renders problems
  parseChoice('log-level', values['log-level'], LOG_LEVELS, 'warn'); // checked, so a typo is not silently ignored
  const fleet = await loadDesiredFleet(positionals.length > 0 ? positionals : ['.'], { cwd: io.cwd });
  const docs = fleet.clusters;
  if (fleet.policy !== undefined) {
    const { checkFleetPolicy } = await import('../fleet-policy.js');
    const { output, error } = checkFleetPolicy(fleet.policy, docs, format);
    io.stdout.write(output);
    if (error !== undefined) throw error;
  }
  const files = new Set(docs.map((doc) => doc.source.file));
  io.stdout.write(
    `Valid: ${docs.length} cluster${docs.length === 1 ? '' : 's'} in ${files.size} file${files.size === 1 ? '' : 's'}.\n`,
  );
  return 'done';
}
