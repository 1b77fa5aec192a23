import { describe, expect, it } from 'vitest';
import { GitError } from '../src/core/git.ts';
import { ContentError } from '../src/model/problems.ts';
import { EraseError } from './platform/erase/erase.ts';
import { GuardReadError, GuardRefError } from './platform/guard/guard.ts';
import { PlatformError } from '../src/core/errors.ts';
import { MissingTextError } from '../src/cms/lookup.ts';
import { LocalCmsError } from '../src/cms/local-errors.ts';
import { LocalEditingError } from './platform/local-cms/local-repo.ts';
import { MailError } from '../src/function-runtime/mail.ts';
import { RequestTooLargeError } from '../src/function-runtime/request.ts';
import { SiteFileError } from '../src/model/site-files.ts';
import { EXIT_CODES, UsageError, exitCodeFor, formatError } from './cli.ts';
import { MissingPageError } from './print/pdf.ts';

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

  it('knows the errors of the CMS, the functions, buurt files and printing: their kind, exit code and message', () => {
    const cases: [PlatformError, PlatformError['kind'], number][] = [
      [new MissingTextError('agenda.onbekend'), 'build', 1],
      [new LocalCmsError('badPath', { path: '../x', slug: 'oost' }), 'usage', 2],
      [new LocalCmsError('conflict', { branch: 'cms/nieuws/a' }), 'state', 1],
      [new LocalCmsError('unexpected', { reason: 'git faalde' }), 'environment', 1],
      [new LocalEditingError('Port 4321 on 127.0.0.1 is already in use.'), 'environment', 1],
      [new LocalEditingError('The git repository in /x has no commit yet.', { kind: 'state' }), 'state', 1],
      [new SiteFileError('symlink', '/x/sites/oost/site.yaml', 'is a symbolic link'), 'content', 1],
      [new RequestTooLargeError(1000), 'usage', 2],
      [new MailError('SMTP_PORT is "x", which is not a port number; set it to 587 or 465.'), 'environment', 1],
      [new MissingPageError('/krant/2031/01/ is not in the built site dist/oost.'), 'state', 1],
    ];
    for (const [error, kind, code] of cases) {
      expect(error, error.name).toBeInstanceOf(PlatformError);
      expect(error.kind, error.name).toBe(kind);
      expect(exitCodeFor(error), error.name).toBe(code);
      // The message for the reader, not the stack of a bug.
      expect(formatError(error), error.name).toBe(error.hint ? `${error.message}\n${error.hint}` : error.message);
    }
    expect(new MissingTextError('agenda.onbekend').message).toBe(
      'The CMS field "agenda.onbekend" has no Dutch label; add one to fieldTexts in src/cms/texts.ts.',
    );
    expect(new LocalCmsError('conflict', { branch: 'b' })).toMatchObject({ name: 'LocalCmsError', code: 'conflict', status: 409 });
    expect(new RequestTooLargeError(1000)).toMatchObject({ name: 'RequestTooLargeError', limit: 1000, message: 'The request is larger than 1000 bytes.' });
  });
});
