import { PgensureError, PlanRefusedError, SpecError, type SpecIssue } from '../errors.js';
import { formatAnnotation } from '../render/shared/annotations.js';

export type ErrorFormat = 'text' | 'github';

/**
 * The one place errors become text: a message, the located issues, a hint; a stack only at debug level.
 * `annotate` adds GitHub Actions annotations for located issues to the text form (used when running in Actions,
 * so plan-time refusals land on the pull request's lines whatever --format the plan is rendered in).
 */
export function renderError(
  error: unknown,
  options: { debug: boolean; format: ErrorFormat; annotate?: boolean },
): string {
  if (error instanceof SpecError || error instanceof PlanRefusedError) {
    const lines = error.issues.map((issue) => formatIssue(issue, options.format));
    const annotations =
      options.annotate && options.format === 'text' ? error.issues.map((i) => formatIssue(i, 'github')) : [];
    return `${[...lines, `Error: ${error.message}`, ...hintLines(error), ...annotations].join('\n')}\n`;
  }
  if (error instanceof PgensureError) {
    const cause = error.cause instanceof Error ? [`  cause: ${error.cause.message}`] : [];
    const stack = options.debug && error.stack ? [error.stack] : [];
    return `${[`Error: ${error.message}`, ...cause, ...hintLines(error), ...stack].join('\n')}\n`;
  }
  const detail =
    error instanceof Error ? (options.debug ? (error.stack ?? error.message) : error.message) : String(error);
  return `Error (internal, please report with --log-level debug output): ${detail}\n`;
}

function hintLines(error: PgensureError): string[] {
  return error.hint ? [`Hint: ${error.hint}`] : [];
}

/** `file:line:col: path: message`, or a GitHub Actions annotation that shows on the pull request's line. */
export function formatIssue(issue: SpecIssue, format: ErrorFormat): string {
  const where = issue.path ? `${issue.path}: ` : '';
  if (format === 'github') return formatAnnotation('error', issue, `${where}${issue.message}`);
  return `${issue.file}:${issue.line}:${issue.col}: ${where}${issue.message}`;
}
