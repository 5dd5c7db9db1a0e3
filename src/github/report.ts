/** Pure text for comments, issues and the step summary. */

/** pgensure's stdout as Markdown: Markdown as it is, anything else (text, json, github) in a code fence. */
export function asMarkdown(stdout: string, format: string): string {
  if (format === 'markdown') return stdout;
  const longestRun = Math.max(0, ...(stdout.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${format === 'json' ? 'json' : 'text'}\n${stdout.replace(/\n$/, '')}\n${fence}\n`;
}

/** The line under a comment or issue that says which run (and which commit) produced it. */
export function footer(what: string, runUrl: string | undefined, sha: string | undefined): string {
  const commit = sha ? ` for ${sha.slice(0, 7)}` : '';
  const run = runUrl ? ` ([run](${runUrl}))` : '';
  return `\n\n<sub>${what}${commit}${run}</sub>\n`;
}

/**
 * The comment that replaces the plan when planning failed, so nobody reviews the previous push's plan as if it
 * were this one's. It quotes the end of pgensure's stderr, which never holds a secret (tested in the CLI).
 */
export function failedPlanBody(options: {
  code: number;
  stderr: string;
  runUrl?: string | undefined;
  sha?: string | undefined;
}): string {
  // Workflow commands (`::error file=…::`) already annotate the PR's lines; in a comment they are noise.
  const lines = options.stderr
    .trimEnd()
    .split('\n')
    .filter((line) => !line.startsWith('::'));
  const tail = lines.slice(-30).join('\n');
  const log = tail === '' ? '' : `\n${asMarkdown(tail, 'text')}`;
  const commit = options.sha ? ` of ${options.sha.slice(0, 7)}` : '';
  const where = options.runUrl ? `: see [the run log](${options.runUrl})` : '';
  return (
    `### Plan failed\n\nThe plan${commit} failed (exit ${options.code})${where}. ` +
    `The plan shown here before was removed, so nobody reviews a stale one.\n${log}`
  );
}

/** `name=value` lines for `GITHUB_OUTPUT`; a value with a line break uses the runner's heredoc form. */
export function formatOutputs(outputs: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(outputs)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => {
      if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
      let delimiter = 'PGENSURE_EOF';
      while (value.includes(delimiter)) delimiter += '_';
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join('');
}

/** An argv for the log, quoted so a reader can copy it into a shell. */
export function quoteForLog(argv: readonly string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}
