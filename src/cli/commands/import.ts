import { resolve } from 'node:path';
import type { ApiClient } from '../../api/index.js';
import type { Region } from '../../api/types.js';
import { UsageError } from '../../errors.js';
import { buildImportBatch, type FoundCluster, type ImportBatch } from '../../import/files.js';
import { isValidDatabase, isValidUsername, PLACEHOLDER_DATABASE, PLACEHOLDER_USERNAME } from '../../import/names.js';
import { findSchemaRef } from '../../import/schema-ref.js';
import { checkImportedTexts, displayPath, findExisting, writeImportedFiles } from '../../import/write.js';
import { parseChoice, parseCommandArgs, parseRegions } from '../args.js';
import { connectApi } from '../connect.js';
import type { CliIo } from '../io.js';
import { createLogger, LOG_LEVELS } from '../logger.js';
import type { Outcome } from '../outcome.js';
import { formatIssue } from '../render-error.js';

export const IMPORT_HELP = `Usage: pgensure import --region R [flags]

Writes one spec file per existing cluster in the region, named <region>-<name>.yaml, so clusters created elsewhere
(in the console, by other tools, or migrated from the v1 API) can be managed from Git. Reads only.

Each file pins metadata.id, holds every readable property, and has credentials as placeholders: the API never
returns credentials. Fill in the real username and database and set the password variable the file names
(PGENSURE_<REGION>_<NAME>_PASSWORD) before the first apply that changes the cluster. Until then, plan shows no
change: credentials are never diffed.

  --region R            the region to read (required; repeatable or comma-separated)
  --name S              only clusters whose name contains S, ignoring case (the API's filter.name, re-checked here)
  --out DIR             where to write the files (default: the current directory; created if missing)
  --force               overwrite existing files (without it, nothing is written if any file exists)
  --username U          write U as credentials.username instead of the placeholder ${PLACEHOLDER_USERNAME}
  --database D          write D as credentials.database instead of the placeholder ${PLACEHOLDER_DATABASE}
  --endpoint TEMPLATE   API URL template with {region} (default $PGENSURE_ENDPOINT or https://postgresql.{region}.ionos.com)
  --log-level LEVEL     fatal|error|warn|info|debug|trace|silent (default warn; logs go to stderr)
  --no-color            accepted like every command (import prints no colour)

Exit codes: 0 every matching cluster was written; 1 error, or some cluster was skipped or needs fixing (stderr
says which; the others were written).
`;

const IMPORT_OPTIONS = {
  region: { type: 'string', multiple: true },
  name: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  username: { type: 'string' },
  database: { type: 'string' },
  endpoint: { type: 'string' },
  'log-level': { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `pgensure import`: spec files for live clusters; the written files are listed on stdout. */
export async function runImport(argv: string[], io: CliIo): Promise<Outcome> {
  const { values, positionals } = parseCommandArgs('import', argv, IMPORT_OPTIONS);
  if (values.help) {
    io.stdout.write(IMPORT_HELP);
    return 'done';
  }
  if (positionals.length > 0) throw new UsageError(`import takes no PATH (got "${positionals[0]}"); use --out DIR`);
  const regions = parseRegions(values.region);
  if (!regions) throw new UsageError('import needs --region R', { hint: "run 'pgensure import --help'" });
  const username = values.username ?? PLACEHOLDER_USERNAME;
  const database = values.database ?? PLACEHOLDER_DATABASE;
  if (!isValidUsername(username))
    throw new UsageError(`--username must be 1-16 letters, digits or "_" (got "${username}")`);
  if (!isValidDatabase(database))
    throw new UsageError(`--database must be 1-63 letters, digits or "_" (got "${database}")`);
  const logLevel = parseChoice('log-level', values['log-level'], LOG_LEVELS, 'warn');
  const dir = resolve(io.cwd, values.out ?? '.');
  const client = await connectApi(io, values.endpoint, createLogger(logLevel));
  const found = await findClusters(client, regions, values.name);
  const batch = buildImportBatch(found, { schemaRef: await findSchemaRef(dir), username, database });
  return writeBatch(batch, { dir, io, force: values.force === true, regions, name: values.name });
}

/** Every cluster of the regions whose name contains `name` (any case): the API filters, we re-check. */
async function findClusters(
  client: ApiClient,
  regions: readonly Region[],
  name: string | undefined,
): Promise<FoundCluster[]> {
  const lists = await Promise.all(regions.map((region) => client.listClusters(region, { nameContains: name })));
  const needle = name?.toLowerCase() ?? '';
  return regions.flatMap((region, i) =>
    lists[i]!.filter((cluster) => cluster.properties.name.toLowerCase().includes(needle)).map((cluster) => ({
      region,
      cluster,
    })),
  );
}

interface WriteContext {
  dir: string;
  io: CliIo;
  force: boolean;
  regions: readonly Region[];
  name: string | undefined;
}

async function writeBatch(batch: ImportBatch, ctx: WriteContext): Promise<Outcome> {
  const { dir, io } = ctx;
  const shown = (file: string) => displayPath(io.cwd, resolve(dir, file));
  if (!ctx.force) {
    const existing = await findExisting(dir, batch.files);
    if (existing.length > 0) {
      throw new UsageError(`refusing to overwrite ${existing.map(shown).join(', ')}; nothing was written`, {
        hint: 'pass --force to overwrite, or choose another --out DIR',
      });
    }
  }
  const issues = await checkImportedTexts(dir, io.cwd, batch.files);
  await writeImportedFiles(dir, batch.files, ctx.force);
  for (const file of batch.files)
    io.stdout.write(
      `Wrote ${shown(file.fileName)} (${file.address}, id ${file.id}; password from $${file.passwordEnv})\n`,
    );
  for (const skip of batch.skipped) io.stderr.write(`Skipped ${skip.address} (${skip.id}): ${skip.reason}\n`);
  for (const issue of issues) io.stderr.write(`${formatIssue(issue, 'text')}\n`);
  if (issues.length > 0)
    io.stderr.write(
      `Error: the API returned values the spec schema refuses; fix ${issues.length === 1 ? 'this problem' : `these ${issues.length} problems`} in the written files before planning\n`,
    );
  io.stdout.write(describeOutcome(batch, ctx));
  return batch.skipped.length > 0 || issues.length > 0 ? 'incomplete' : 'done';
}

function describeOutcome(batch: ImportBatch, ctx: WriteContext): string {
  const filter = ctx.name === undefined ? '' : ` with "${ctx.name}" in the name`;
  if (batch.files.length === 0 && batch.skipped.length === 0) {
    return `No clusters in ${ctx.regions.join(', ')}${filter}; nothing was written.\n`;
  }
  const count = `${batch.files.length} file${batch.files.length === 1 ? '' : 's'}`;
  return `Imported ${count}. Next: fill in credentials.username and credentials.database, set the password variables, then run \`pgensure plan\` on them (it should show no changes).\n`;
}
