/**
 * The one error model of the platform. Every error a library function throws on purpose is a `PlatformError`
 * with a `kind` (what sort of failure, which decides the CLI's exit code in `scripts/cli.ts`, `exitCodeFor`)
 * and, where there is one, a `hint` (what to do next, in a full sentence). Any other error is a bug.
 */

/**
 * - `usage`: the command was called wrongly (unknown option, missing argument, a ref that names nothing); in a
 *   function or the local CMS backend, a request it does not take (answered with a 4xx status).
 * - `content`: a buurt's files are invalid (a problem list, a file that may not be read).
 * - `build`: building a site failed (Astro failed, a CMS field without a Dutch label).
 * - `environment`: the machine or repository is not as needed (git missing or failing, a tool not installed, no
 *   git repository, a port in use, the SMTP settings or server).
 * - `state`: the repository is in a state that does not allow the operation (uncommitted changes, moved on, a
 *   concept branch gone, a page not in the built site).
 */
export type ErrorKind = 'usage' | 'content' | 'build' | 'environment' | 'state';

export interface PlatformErrorOptions {
  kind: ErrorKind;
  /** What to do next, e.g. `Install it with "apt-get install git-filter-repo".` */
  hint?: string;
  cause?: unknown;
}

/** Base class of every deliberate error; see the module comment. */
export class PlatformError extends Error {
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  constructor(message: string, options: PlatformErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PlatformError';
    this.kind = options.kind;
    this.hint = options.hint;
  }
}

/** True for an error thrown on purpose by platform code (as opposed to a bug). */
export function isPlatformError(error: unknown): error is PlatformError {
  return error instanceof PlatformError;
}
