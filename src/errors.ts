/** The small set of typed errors; each has a stable code and an optional one-line hint. */

/** A position in a spec file; line and col are 1-based. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
}

/** One problem found in the spec files (or refused by the planner), located at file:line:col. */
export interface SpecIssue extends SourcePos {
  /** Key path inside the document, e.g. `spec.instances.cores` (empty for the whole document). */
  path: string;
  message: string;
}

export abstract class PgensureError extends Error {
  abstract readonly code: string;
  readonly hint: string | undefined;
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.hint = opts.hint;
  }
}

/** Invalid input files: every issue in every file, reported at once. */
export class SpecError extends PgensureError {
  readonly code = 'PGE_SPEC';
  readonly issues: readonly SpecIssue[];
  constructor(issues: readonly SpecIssue[], opts: { hint?: string } = {}) {
    super(`${issues.length} problem${issues.length === 1 ? '' : 's'} in the spec files`, opts);
    this.issues = issues;
  }
}

/** The plan was refused (immutable change without allowReplace, downgrade, ...): nothing was written. */
export class PlanRefusedError extends PgensureError {
  readonly code = 'PGE_PLAN_REFUSED';
  readonly issues: readonly SpecIssue[];
  constructor(issues: readonly SpecIssue[], opts: { hint?: string } = {}) {
    super(`the plan was refused: ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was written`, opts);
    this.issues = issues;
  }
}

/** Bad flags or arguments. */
export class UsageError extends PgensureError {
  readonly code = 'PGE_USAGE';
}

/** The API answered with an error status. */
export class ApiError extends PgensureError {
  readonly code = 'PGE_API';
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly apiMessage: string;
  constructor(
    req: { method: string; url: string },
    body: { status: number; errorCode?: string | undefined; message: string },
    opts: { hint?: string } = {},
  ) {
    const code = body.errorCode ? ` ${body.errorCode}` : '';
    super(`${req.method} ${req.url} failed: HTTP ${body.status}${code}: ${body.message}`, opts);
    this.method = req.method;
    this.url = req.url;
    this.status = body.status;
    this.errorCode = body.errorCode;
    this.apiMessage = body.message;
  }
}

/** The request never got an answer (connection refused, reset, timeout). */
export class NetworkError extends PgensureError {
  readonly code = 'PGE_NETWORK';
  readonly method: string;
  readonly url: string;
  readonly causeCode: string;
  constructor(req: { method: string; url: string }, causeCode: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(`${req.method} ${req.url} failed: ${causeCode}`, opts);
    this.method = req.method;
    this.url = req.url;
    this.causeCode = causeCode;
  }
}

/** A saved plan is stale, or an apply could not complete; `message` says what was and was not done. */
export class ApplyError extends PgensureError {
  readonly code = 'PGE_APPLY';
}

/** A bug in pgensure. */
export class InternalError extends PgensureError {
  readonly code = 'PGE_INTERNAL';
}

export function assertNever(value: never, what = 'value'): never {
  throw new InternalError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
