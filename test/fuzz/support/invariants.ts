import { readdirSync } from 'node:fs';
import { expect } from 'vitest';
import { renderError } from '../../../src/cli/render-error.js';
import { InternalError, PgensureError, SpecError } from '../../../src/errors.js';

/** Never an internal error, and never a bare JavaScript one (TypeError, RangeError): only pgensure's typed errors. */
export function expectUserError(error: unknown, context: string): asserts error is PgensureError {
  if (error instanceof PgensureError && !(error instanceof InternalError)) return;
  const detail = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error);
  throw new Error(`${context}: not a user error: ${detail}`);
}

/** Every located problem names `file` at a line and column inside it. */
export function expectLocated(error: PgensureError, file: string, text: string): void {
  if (!(error instanceof SpecError)) return;
  const lines = text.split('\n').length;
  for (const issue of error.issues) {
    expect(issue.file).toBe(file);
    expect(Number.isInteger(issue.line) && issue.line >= 1 && issue.line <= lines + 1, JSON.stringify(issue)).toBe(
      true,
    );
    expect(Number.isInteger(issue.col) && issue.col >= 1, JSON.stringify(issue)).toBe(true);
  }
}

/** What the user would see of an error: the text rendering and the GitHub annotations. */
export function renderedError(error: unknown): string {
  return (
    renderError(error, { debug: false, format: 'text' }) +
    renderError(error, { debug: false, format: 'github', annotate: true })
  );
}

/** The text holds no piece of `secret` at least `min` characters long (a partial echo). */
export function expectNoPieceOf(text: string, secret: string, min = 10): void {
  for (let from = 0; from + min <= secret.length; from++) {
    const piece = secret.slice(from, from + min);
    if (text.includes(piece)) throw new Error(`a piece of a secret ("${piece}") is in:\n${text}`);
  }
}

/** The names in a directory (recursively), to show a run wrote nothing. */
export function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}
