import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackedFilesNamed } from '../../../tests/helpers/repo-files.ts';
import { buurtenChangedSince, buurtenTouchedBy } from './changed.ts';
import { GitError } from '../../../src/core/git.ts';

// This repository's own files, wherever they live now: the guard and the report commands are platform code no
// build imports; a component and the schemas are what every site is made of.
const platformCode = trackedFilesNamed('guard.ts', 'report.ts', 'codeowners.ts');
const siteCode = trackedFilesNamed('NewsItem.astro', 'schemas.ts');

let repo: string;
let base: string;
const known = ['noord', 'oost', 'west'];

const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t.nl', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t.nl' },
  }).trim();

async function write(file: string, text: string) {
  await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
  await writeFile(path.join(repo, file), text);
}

beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'buurt-changed-'));
  git('init', '-q', '-b', 'main');
  for (const slug of known) await write(`sites/${slug}/site.yaml`, `name: ${slug}\n`);
  for (const file of [...platformCode, ...siteCode]) await write(file, '// 1\n');
  await write('README.md', 'docs\n');
  git('add', '.');
  git('commit', '-qm', 'start');
  base = git('rev-parse', 'HEAD');
});

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

const since = (ref: string) => buurtenChangedSince(ref, { repoDir: repo, sitesDir: path.join(repo, 'sites'), known });

describe('buurt build --changed', () => {
  it('finds nothing when nothing changed', async () => {
    expect(await since(base)).toMatchObject({ all: false, slugs: [] });
  });

  it('builds the buurten whose folders changed, committed or not, including new files', async () => {
    await write('sites/oost/content/nieuws/a.md', 'nieuw\n');
    git('add', '.');
    git('commit', '-qm', 'oost');
    await write('sites/west/site.yaml', 'name: west!\n');
    await write('sites/noord/media/foto.jpg', 'jpg');
    await write('README.md', 'more docs\n');
    const changed = await since(base);
    expect(changed).toMatchObject({ all: false, slugs: ['noord', 'oost', 'west'] });
    expect(changed.files).toEqual(['README.md', 'sites/noord/media/foto.jpg', 'sites/oost/content/nieuws/a.md', 'sites/west/site.yaml']);
    expect((await since('HEAD')).slugs).toEqual(['noord', 'west']);
  });

  it('builds every buurt when shared code changed, but not for a test file', () => {
    const options = { repoDir: repo, sitesDir: path.join(repo, 'sites'), known };
    const schemas = siteCode.find((file) => file.endsWith('schemas.ts'))!;
    expect(buurtenTouchedBy([schemas.replace(/\.ts$/, '.test.ts'), 'sites/oost/site.yaml'], options)).toMatchObject({ all: false, slugs: ['oost'] });
    expect(buurtenTouchedBy([schemas], options)).toMatchObject({ all: true, slugs: known, sharedFiles: [schemas] });
    expect(buurtenTouchedBy(['package-lock.json'], options)).toMatchObject({ all: true });
    expect(buurtenTouchedBy(['sites/weg/site.yaml'], options)).toMatchObject({ all: false, slugs: [] });
  });

  it('builds no buurt for a change to the guard or the report commands, every buurt for a component or the schemas', async () => {
    git('add', '.');
    git('commit', '-qm', 'the changes of the tests before');
    for (const file of platformCode) await write(file, '// 2\n');
    git('add', '.');
    git('commit', '-qm', 'platform code');
    expect(await since('HEAD~1')).toMatchObject({ all: false, slugs: [], sharedFiles: [], files: platformCode });
    for (const file of siteCode) {
      await write(file, '// 2\n');
      git('add', '.');
      git('commit', '-qm', file);
      expect(await since('HEAD~1')).toMatchObject({ all: true, slugs: known, sharedFiles: [file] });
    }
  });

  it('explains a ref git does not know', async () => {
    await expect(since('no-such-branch')).rejects.toThrow(GitError);
    await expect(since('no-such-branch')).rejects.toThrow(/"no-such-branch" is not a commit/);
  });
});
