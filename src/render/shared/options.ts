export type PlanFormat = 'text' | 'json' | 'markdown';

/** Every plan format, in the order `--help` lists them. */
export const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'json', 'markdown'];

/** GitHub refuses comments over 65536 characters; stay well below so a wrapper can add a line or two. */
export const DEFAULT_MARKDOWN_MAX_CHARS = 60_000;

/** How to render: decided by the shell (flags, NO_COLOR, TTY), never looked up by a renderer. */
export interface RenderOptions {
  color: boolean;
  /** Markdown only: hard cap on the comment's length (UTF-16 code units); default 60000. */
  maxChars?: number;
  /** Where the full JSON plan is (path or URL), named when the Markdown comment had to be truncated. */
  planArtifact?: string;
}

export function isPlanFormat(value: unknown): value is PlanFormat {
  return typeof value === 'string' && (PLAN_FORMATS as readonly string[]).includes(value);
}
