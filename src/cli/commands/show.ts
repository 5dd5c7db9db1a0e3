import { describeEffective } from '../../desired/effective.js';
import { formatsOf, renderReport } from '../../render/index.js';
import { parseChoice, parseCommandArgs, SELECTION_OPTIONS, SELECTOR_HELP } from '../args.js';
import { loadSelectedDocuments, toPlanRequest } from '../build-plan.js';
import type { CliIo } from '../io.js';
import { LOG_LEVELS } from '../log-levels.js';
import type { Outcome } from '../outcome.js';

export const SHOW_HELP = `Usage: pgensure show [PATH...] [flags]

Prints each cluster's effective document, after its Defaults, with where every value came from: the cluster's
file:line, a Defaults document's file:line, or the built-in default. Reads no network. Passwords appear only as
their reference (fromEnv / fromFile).

  --format yaml|json            yaml: the documents with a comment on every value (default);
                                json: {clusters: [{address, source, document, sources}]}, sources by JSON pointer
  --target ADDRESS              limit to clusters, e.g. de-fra/orders-prod (repeatable)
${SELECTOR_HELP}  --no-color                    accepted for symmetry (show prints no colour)
  --log-level LEVEL             accepted like every command (show reads no network and logs nothing)
`;

const SHOW_OPTIONS = {
  ...SELECTION_OPTIONS,
  target: { type: 'string', multiple: true },
  format: { type: 'string' },
  'no-color': { type: 'boolean' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `pgensure show`: the effective documents on stdout; exit 0, or 1 on a spec problem. */
export async function runShow(argv: string[], io: CliIo): Promise<Outcome> {
  const { values, positionals } = parseCommandArgs('show', argv, SHOW_OPTIONS);
  if (values.help) {
    io.stdout.write(SHOW_HELP);
    return 'done';
  }
  const format = parseChoice('format', values.format, formatsOf('show'), 'yaml');
  parseChoice('log-level', values['log-level'], LOG_LEVELS, 'warn'); // checked, so a typo is not silently ignored
  const request = toPlanRequest({ target: values.target, selector: values.selector }, positionals, io);
  const { docs } = await loadSelectedDocuments(request);
  const report = { clusters: docs.map(describeEffective) };
  io.stdout.write(renderReport('show', format, report, { color: false }));
  return 'done';
}
