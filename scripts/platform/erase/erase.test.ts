import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { erasePerson, ERASED_IDENTITY, FilterRepoMissingError } from './erase.ts';

let repo: string;
let fakeBin: string;
const originalPath = process.env.PATH;
const anna = { name: 'Anna de Vries', email: 'Anna.DeVries@example.nl' };

const mira = { name: 'Mira', email: 'mira@example.nl' };

/** git in the repository, as `who` (author, committer and tagger). */
const gitAs = (who: { name: string; email: string }, ...args: string[]) =>
  execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email },
  }).trim();
const git = (...args: string[]) => gitAs(mira, ...args);

async function write(file: string, text: string) {
  await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
  await writeFile(path.join(repo, file), text);
}

beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'buurt-erase-unit-'));
  fakeBin = await mkdtemp(path.join(tmpdir(), 'buurt-erase-bin-'));
  git('init', '-q', '-b', 'main');
  // The same text in two buurten: one blob, erased only in the buurt that is named.
  await write('sites/oost/content/nieuws/markt.md', 'Anna de Vries verkoopt appels.\n');
  await write('sites/west/content/nieuws/markt.md', 'Anna de Vries verkoopt appels.\n');
  await write('sites/oost/notes.txt', 'Anna de Vries (not a text file of the site model)\n');
  git('add', '.');
  git('commit', '-qm', 'Markt');
  gitAs(anna, 'tag', '-a', 'markt-2026', '-m', 'Markt met Anna de Vries');
});

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
  await rm(fakeBin, { recursive: true, force: true });
});

afterEach(() => {
  process.env.PATH = originalPath;
});

describe('erasePerson', () => {
  it('says how to install git-filter-repo when it cannot be run, and changes nothing', async () => {
    // A git-filter-repo whose interpreter does not exist, first on PATH.
    await writeFile(path.join(fakeBin, 'git-filter-repo'), '#!/nonexistent/python3\n');
    await chmod(path.join(fakeBin, 'git-filter-repo'), 0o755);
    process.env.PATH = `${fakeBin}${path.delimiter}${originalPath}`;
    const before = git('rev-parse', 'main', 'markt-2026');
    const error = await erasePerson({ repoDir: repo, slug: 'oost', paths: [], texts: ['Anna de Vries'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FilterRepoMissingError);
    expect((error as FilterRepoMissingError).kind).toBe('environment');
    expect((error as FilterRepoMissingError).message).toContain('/nonexistent/python3 cannot be started');
    expect((error as FilterRepoMissingError).message).toContain('Nothing was changed.');
    expect((error as FilterRepoMissingError).hint).toContain('apt-get install git-filter-repo');
    expect(git('rev-parse', 'main', 'markt-2026')).toBe(before);
  });

  it("erases texts from the named buurt's markdown only, and from annotated tags with their tagger", async () => {
    const result = await erasePerson({ repoDir: repo, slug: 'oost', paths: [], emails: [anna.email.toLowerCase()], texts: ['Anna de Vries'] });
    // Only markdown and YAML are rewritten; the verification reports the text left in another file.
    expect(result.remaining).toEqual([expect.stringMatching(/^"Anna de Vries" is still in the files of sites\/oost\/ in commit [0-9a-f]+$/)]);
    expect(git('show', 'main:sites/oost/content/nieuws/markt.md')).toBe('[verwijderd] verkoopt appels.');
    expect(git('show', 'main:sites/west/content/nieuws/markt.md')).toBe('Anna de Vries verkoopt appels.');
    expect(git('show', 'main:sites/oost/notes.txt')).toContain('Anna de Vries');
    expect(git('cat-file', 'tag', 'markt-2026')).toContain('Markt met [verwijderd]');
    expect(git('for-each-ref', '--format=%(taggername) %(taggeremail)', 'refs/tags/markt-2026')).toBe(`${ERASED_IDENTITY.name} <${ERASED_IDENTITY.email}>`);
    expect(git('reflog', '--all')).toBe('');
  });
});
