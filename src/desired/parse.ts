import type { SpecIssue } from '../errors.js';
import { addReferencedSecrets } from '../secrets/references.js';
import type { ParsedDocument, SpecSource } from './document.js';
import { locateLazily } from './lazy-nodes.js';
import { parseSimpleYamlBare } from './yaml-fast.js';
import type { FullParse } from './yaml-full.js';

/** The non-empty documents of one file, and its syntax error if it has one. */
export interface ParsedSource {
  documents: ParsedDocument[];
  issues: SpecIssue[];
}

let full: typeof import('./yaml-full.js') | undefined;

/**
 * Reads every YAML document of every file. A syntax error is reported at its position; the documents after it are not
 * read, the ones before it are. Empty documents (a trailing `---`) are skipped. The `yaml` package is only imported for
 * a file the fast subset reader declines (any YAML feature beyond plain maps, or a mistake).
 */
export async function parseSpecSources(sources: readonly SpecSource[]): Promise<ParsedSource[]> {
  const parsed: ParsedSource[] = [];
  for (const source of sources) parsed.push(await parseSpecSource(source));
  return parsed;
}

/**
 * The documents of one file (see parseSpecSources). The password a document names with fromEnv becomes a secret of
 * the run here (src/secrets/references.ts): every command that reads spec files scrubs it from what it writes.
 */
export async function parseSpecSource({ file, text }: SpecSource): Promise<ParsedSource> {
  const parsed = await parseText(file, text);
  const seen = new Set<string>();
  for (const doc of parsed.documents) addReferencedSecrets(doc.value, process.env, seen);
  return parsed;
}

async function parseText(file: string, text: string): Promise<ParsedSource> {
  const simple = parseSimpleYamlBare(text);
  if (simple !== undefined) return { documents: locateLazily(file, text, simple), issues: [] };
  full ??= await import('./yaml-full.js');
  return fromFullParse(file, full.parseYamlFully(text));
}

function fromFullParse(file: string, full: FullParse): ParsedSource {
  const documents = full.documents.map((doc) => ({ file, ...doc }));
  if (full.error === undefined) return { documents, issues: [] };
  const { line, col, message, path = '' } = full.error;
  return { documents, issues: [{ file, line, col, path, message }] };
}
