/**
 * Problems found in a buurt's files: what `buurt check` reports and what makes a build refuse.
 *
 * Every problem names the file, the line where known, the field, and says in a plain sentence what was found
 * and what is expected, e.g.
 *
 *   sites/oost/content/agenda/buurtborrel.md:3: field "start": "14-03-2026" is not a date and time;
 *   write it as 2026-03-14T20:00.
 */
import type { ImageErrorCode } from '../media/images.ts';
import { displayPath } from '../core/paths.ts';
import { terminalValue } from '../core/terminal-text.ts';
import { PlatformError } from '../core/errors.ts';

export type Severity = 'error' | 'warning';

/**
 * Stable names of the kinds of problems, for `--json` consumers, tests and the editors' handleiding: a closed
 * list, so a new kind of problem cannot be emitted without a name here and (enforced by the type of
 * `PROBLEM_EXPLANATIONS`) a Dutch explanation for the editors.
 */
export const PROBLEM_CODES = [
  'yaml-syntax',
  'front-matter-missing',
  'invalid-field',
  'missing-field',
  'unknown-field',
  'invalid-file-name',
  'duplicate-slug',
  'unknown-group',
  'unknown-menu-item',
  'reserved-slug',
  'missing-image',
  'image-outside-media',
  'svg-not-allowed',
  'heic-not-supported',
  'unsupported-image-type',
  'image-too-large',
  'image-too-many-pixels',
  'image-type-mismatch',
  'corrupt-image',
  'missing-site',
  'unreadable-file',
  'unexpected-file',
  'invalid-topic',
  'duplicate-topic',
  'draft-group',
  'missing-alt',
  'broken-link',
  'broken-anchor',
  'scheduled-link',
  'media-link',
  'http-resource',
  'http-link',
  'unsafe-html',
  'remote-image',
  'personal-data-in-text',
  'low-contrast',
  'media-location',
  'media-oversized',
  'media-heavy',
  'media-unused',
  'symlink',
  'not-a-regular-file',
  'outside-buurt',
  'file-too-large',
  'participation-without-workflow',
  'participation-closed-in-menu',
  'invalid-platform-settings',
  'private-editor-email',
  'editor-email-not-no-reply',
  'unknown-prikbord-category',
  'prikbord-expired',
  'newsletter-note-missing',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

// Every code an image can fail with is a problem code.
type Missing<T, U> = T extends U ? never : T;
const imageCodesAreProblemCodes: Missing<ImageErrorCode, ProblemCode> extends never ? true : never = true;
void imageCodesAreProblemCodes;

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  /** Absolute path of the file. */
  file: string;
  /** 1-based line, where known. */
  line?: number | undefined;
  /** Dotted field path: "location.name", "image.alt", "tags.2". */
  field?: string | undefined;
  /** A sentence without the file prefix, ending without a full stop. */
  message: string;
}

/** The longest message `formatProblem` prints whole; longer ones (a quoted 1 MB value) keep start and end. */
const MAX_MESSAGE_LENGTH = 600;

/**
 * One line for a terminal: `file:line: field "x": message.` (no second full stop after "?"). Messages quote
 * editors' values, so control characters (newlines too) are escaped and a long message is shortened.
 */
export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${terminalValue(displayPath(problem.file))}:${problem.line}` : terminalValue(displayPath(problem.file));
  const field = problem.field ? `field "${terminalValue(problem.field, 120)}": ` : '';
  const prefix = problem.severity === 'warning' ? 'warning: ' : '';
  const end = /[.?!]$/.test(problem.message) ? '' : '.';
  return `${where}: ${prefix}${field}${terminalValue(problem.message, MAX_MESSAGE_LENGTH)}${end}`;
}

/** True when any problem is an error (warnings do not stop a build). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Thrown when a buurt cannot be built because its content has errors. */
export class ContentError extends PlatformError {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(`${errors.length} problem${errors.length === 1 ? '' : 's'} in the content:\n` + errors.map((p) => `  ${formatProblem(p)}`).join('\n'), {
      kind: 'content',
    });
    this.name = 'ContentError';
    this.problems = problems;
  }
}

/** Sorts problems by file, then line, for stable output. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.field ?? '').localeCompare(b.field ?? ''));
}
