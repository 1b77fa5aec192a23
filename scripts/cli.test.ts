import { describe, expect, it } from 'vitest';
import { GitError } from '../src/lib/git.ts';
import { ContentError } from '../src/lib/problems.ts';
import { EraseError } from '../src/lib/security/erase.ts';
import { GuardReadError, GuardRefError } from '../src/lib/security/guard.ts';
import { PlatformError } from '../src/lib/errors.ts';
import { EXIT_CODES, UsageError, exitCodeFor, formatError } from './cli.ts';

const command = { name: 'erase', usage: '<slug> --path <file>' };

describe('the CLI error model', () => {
  it('maps each kind of error to its exit code in one table', () => {
    expect(EXIT_CODES).toEqual({ usage: 2, content: 1, build: 1, environment: 1, state: 1 });
    expect(exitCodeFor(new UsageError('Name one buurt.'))).toBe(2);
    expect(exitCodeFor(new EraseError('That path is outside the buurt.'))).toBe(2);
    expect(exitCodeFor(new GuardRefError('"nope" is not a commit.'))).toBe(2);
    expect(exitCodeFor(new GuardReadError('A NUL byte in a commit header.'))).toBe(1);
    expect(exitCodeFor(new ContentError([]))).toBe(1);
    expect(exitCodeFor(new GitError('git log failed: bad', ['log'], 'bad'))).toBe(1);
    expect(exitCodeFor(new TypeError('a bug'))).toBe(1);
  });

  it('prints the message and hint of a known error, the usage for a usage error, and the stack of a bug', () => {
    expect(formatError(new EraseError('That path is outside the buurt.'), command)).toMatchInlineSnapshot(`
      "That path is outside the buurt.

      Usage: buurt erase <slug> --path <file>"
    `);
    expect(
      formatError(
        new PlatformError('git-filter-repo is not installed.', { kind: 'environment', hint: 'Install it with "apt-get install git-filter-repo".' }),
        command,
      ),
    ).toMatchInlineSnapshot(`
        "git-filter-repo is not installed.
        Install it with "apt-get install git-filter-repo"."
      `);
    const bug = new TypeError('x is undefined');
    expect(formatError(bug, command)).toBe(bug.stack);
  });
});
