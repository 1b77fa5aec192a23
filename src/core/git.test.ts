import { describe, expect, it } from 'vitest';
import { LOG_FORMAT, parseLog } from './git.ts';

describe('reading git log output', () => {
  it('uses record and field separators that cannot appear in names or paths', () => {
    expect(LOG_FORMAT).toBe('\x1e%H\x1f%ct\x1f%an\x1f%ae\x1f%s');
  });

  it('parses commits with added, modified, deleted and renamed files', () => {
    const output =
      '\x1eaaaa\x1f1772366400\x1fAnna de Vries\x1fanna@buurt.example\x1fNieuws: buurtfeest\0\n' +
      'A\0sites/oost/content/nieuws/buurtfeest.md\0M\0sites/oost/content/agenda/koffie.md\0' +
      'R087\0sites/oost/content/nieuws/oud.md\0sites/oost/content/nieuws/nieuw.md\0D\0sites/oost/media/weg.jpg\0' +
      '\x1ebbbb\x1f1772280000\x1fBram\x1fbram@buurt.example\x1fEerste versie; met "quotes" en é\0\n' +
      'A\0sites/oost/content/paginas/wij zijn één.md\0';
    expect(parseLog(output)).toEqual([
      {
        hash: 'aaaa',
        date: new Date(1772366400 * 1000),
        authorName: 'Anna de Vries',
        authorEmail: 'anna@buurt.example',
        subject: 'Nieuws: buurtfeest',
        files: [
          { status: 'added', path: 'sites/oost/content/nieuws/buurtfeest.md' },
          { status: 'modified', path: 'sites/oost/content/agenda/koffie.md' },
          { status: 'renamed', path: 'sites/oost/content/nieuws/nieuw.md', from: 'sites/oost/content/nieuws/oud.md' },
          { status: 'deleted', path: 'sites/oost/media/weg.jpg' },
        ],
      },
      {
        hash: 'bbbb',
        date: new Date(1772280000 * 1000),
        authorName: 'Bram',
        authorEmail: 'bram@buurt.example',
        subject: 'Eerste versie; met "quotes" en é',
        files: [{ status: 'added', path: 'sites/oost/content/paginas/wij zijn één.md' }],
      },
    ]);
  });

  it('reads a commit without files', () => {
    expect(parseLog('\x1ecccc\x1f1\x1fX\x1fx@y.nl\x1fLeeg\0\n')).toMatchObject([{ hash: 'cccc', files: [] }]);
    expect(parseLog('')).toEqual([]);
  });
});

describe('the git runner', () => {
  it('splits NUL-separated output, keeping names with newlines, tabs and spaces whole', async () => {
    const { splitNul } = await import('./git.ts');
    expect(splitNul('a b\0c\nd\0e\tf\0')).toEqual(['a b', 'c\nd', 'e\tf']);
  });

  it('throws a GitError of kind "environment" with git\'s own words when git fails', async () => {
    const { git, GitError } = await import('./git.ts');
    const os = await import('node:os');
    const error = await git(os.tmpdir(), ['rev-parse', '--verify', 'no-such-ref-anywhere']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as InstanceType<typeof GitError>).kind).toBe('environment');
    expect((error as InstanceType<typeof GitError>).message).toMatch(/^git rev-parse failed: /);
  });
});
