/**
 * `buurt guard` on real git repositories: editors stay in their own buurt (renames and deletions count),
 * only maintainers touch shared files, buurt folders hold only safe file types, unknown authors and private
 * e-mail addresses fail, and the rules come from the base commit. The attacks of issue 16 are built for real:
 * a merge that takes files whole from an old commit, a control character in an author name, hand-made trees
 * with "..", ".git" and look-alike folders, a photo with its GPS location, escape codes in a commit subject.
 */
import sharp from 'sharp';
import { stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countViolations, runGuard, type GuardResult } from '../scripts/platform/guard/guard.ts';
import { runCli } from './helpers/cli.ts';
import { createTestRepo, type Person, type TestRepo } from './helpers/git-repo.ts';
import { GPS_EXIF } from './helpers/images.ts';

const maintainer: Person = { name: 'Mira Beheer', email: 'mira@users.noreply.buurtsites.nl' };
const anna: Person = { name: 'Anna de Vries', email: '1001+anna@users.noreply.github.com' };
const bram: Person = { name: 'Bram Jansen', email: '1002+bram@users.noreply.github.com' };
const stranger: Person = { name: 'Onbekend', email: 'onbekend@gmail.com' };

let repo: TestRepo;
let base: string;
let jpeg: Buffer;

function siteYaml(name: string, editors: { name: string; email: string; username?: string }[]): string {
  return stringify({
    name,
    description: 'Een buurt.',
    domain: `https://${name.toLowerCase()}.nl`,
    email: `info@${name.toLowerCase()}.nl`,
    colors: { primary: '#1d5c8c', accent: '#f2b84b' },
    menu: ['nieuws'],
    editors,
  });
}

/** The files of the base commit. */
function baseFiles(): Record<string, string> {
  return {
    '.buurt/platform.yaml': stringify({ maintainers: [{ ...maintainer, username: 'mira' }], platformEmailDomains: ['buurtsites.nl'] }),
    'src/lib/code.ts': 'export const x = 1;\n',
    'netlify.toml': '[build]\n',
    'sites/oost/site.yaml': siteYaml('Oost', [{ ...anna, username: 'anna' }]),
    'sites/oost/content/nieuws/welkom.md': '---\ntitle: Welkom\n---\nHallo.\n',
    'sites/west/site.yaml': siteYaml('West', [{ ...bram, username: 'bram' }]),
    'sites/west/content/nieuws/markt.md': '---\ntitle: Markt\n---\nZaterdag.\n',
  };
}

beforeEach(async () => {
  jpeg ??= await sharp({ create: { width: 8, height: 8, channels: 3, background: '#4a7' } })
    .jpeg()
    .toBuffer();
  repo = await createTestRepo();
  await repo.write(baseFiles());
  base = repo.commit('Base', maintainer);
});

afterEach(async () => {
  await repo.dispose();
});

async function guard(actors: string[] = []): Promise<GuardResult> {
  return runGuard({ repoDir: repo.dir, base, actors });
}

/** Every violation as "code file", for short assertions. */
function codes(result: GuardResult): string[] {
  return [...result.commits.flatMap((c) => c.violations), ...result.changeViolations, ...result.actorViolations].map(
    (v) => `${v.code}${v.file ? ` ${v.file}` : ''}`,
  );
}

describe('editors', () => {
  it('may change, add photos to and delete files in their own buurt', async () => {
    await repo.write({
      'sites/oost/content/nieuws/welkom.md': '---\ntitle: Welkom!\n---\nHallo buren.\n',
      'sites/oost/media/feest.jpg': jpeg,
      'sites/oost/content/nieuws/feest.md': '---\ntitle: Feest\n---\n',
    });
    repo.commit('Update Nieuws “welkom”', anna);
    await repo.remove('sites/oost/content/nieuws/feest.md');
    repo.commit('Delete Nieuws “feest”', anna);
    const result = await guard(['anna']);
    expect(result.commits.map((c) => c.role)).toEqual(['editor of oost', 'editor of oost']);
    expect(codes(result)).toEqual([]);
  });

  it('may not change, delete or rename files of another buurt, on either side of a rename', async () => {
    await repo.write({ 'sites/west/content/nieuws/markt.md': 'gekaapt\n' });
    repo.commit('Edit west', anna);
    repo.git('mv', 'sites/west/content/nieuws/markt.md', 'sites/oost/content/nieuws/markt.md');
    repo.commit('Move markt to oost', anna);
    repo.git('mv', 'sites/oost/content/nieuws/welkom.md', 'sites/west/content/nieuws/welkom.md');
    repo.commit('Move welkom to west', anna);
    await repo.write({ 'sites/west/content/nieuws/x.md': 'x\n' });
    repo.commit('Add to west', bram);
    await repo.remove('sites/west/content/nieuws/x.md');
    repo.commit('Delete from west', anna);
    expect(codes(await guard())).toEqual([
      'outside-own-buurt sites/west/content/nieuws/markt.md',
      'outside-own-buurt sites/west/content/nieuws/markt.md',
      'outside-own-buurt sites/west/content/nieuws/welkom.md',
      'outside-own-buurt sites/west/content/nieuws/x.md',
    ]);
  });

  it('may not touch shared code, templates, the deploy config, CI or the platform settings', async () => {
    await repo.write({
      'src/lib/code.ts': 'export const x = 2;\n',
      'templates/standaard/site.yaml': 'x: 1\n',
      'netlify.toml': '[build]\ncommand = "evil"\n',
      '.github/workflows/guard.yml': 'on: push\n',
      '.buurt/platform.yaml': 'maintainers: []\n',
      'sites/README.md': 'hoi\n',
    });
    repo.commit('Take over', anna);
    expect(codes(await guard())).toEqual([
      'shared-path .buurt/platform.yaml',
      'shared-path .github/workflows/guard.yml',
      'shared-path netlify.toml',
      'shared-path sites/README.md',
      'shared-path src/lib/code.ts',
      'shared-path templates/standaard/site.yaml',
    ]);
  });

  it('may not change who edits their buurt, its CMS settings or its domain, but may change its texts', async () => {
    await repo.write({
      'sites/oost/site.yaml': siteYaml('Oost', [{ ...anna, username: 'anna' }]).replace('description: Een buurt.', 'description: Onze buurt.'),
    });
    repo.commit('Update description', anna);
    expect(codes(await guard())).toEqual([]);
    await repo.write({ 'sites/oost/site.yaml': siteYaml('Oost', [{ ...anna, username: 'anna' }, { ...stranger }]) });
    repo.commit('Add an editor', anna);
    // A rights change in the same range grants nothing: the roster comes from the base.
    await repo.write({ 'sites/oost/content/nieuws/welkom.md': 'hoi\n' });
    repo.commit('Edit as the new editor', stranger);
    const result = await guard();
    expect(codes(result)).toEqual(['protected-setting sites/oost/site.yaml', 'unknown-author', 'private-email']);
    expect(result.commits[1]!.violations[0]!.message).toBe('changes "editors": only maintainers may change who edits a buurt, its CMS settings or its domain');
  });
});

describe('buurt folders', () => {
  it('hold only markdown, YAML and real raster images as regular files, whoever commits', async () => {
    await repo.write({
      'sites/oost/media/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      'sites/oost/content/paginas/hack.html': '<script>alert(1)</script>',
      'sites/oost/media/nep.jpg': '<html><script>alert(1)</script></html>',
      'sites/oost/media/png-als-jpg.jpg': await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
        .png()
        .toBuffer(),
      'sites/oost/content/nieuws/script.md': '#!/bin/sh\n',
      'sites/oost/content/nieuws/binair.md': Buffer.from([0x00, 0x01, 0x02]),
      'sites/oost/media/echt.webp': await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
        .webp()
        .toBuffer(),
      'sites/oost/content/.gitkeep': '',
    });
    await repo.makeExecutable('sites/oost/content/nieuws/script.md');
    await repo.link('sites/oost/content/nieuws/link.md', '../../../west/content/nieuws/markt.md');
    repo.commit('Files of all kinds', maintainer);
    const result = await guard();
    expect(Object.fromEntries(result.commits[0]!.violations.map((v) => [v.file, v.message]))).toEqual({
      'sites/oost/content/nieuws/binair.md': 'added: is not text (it contains NUL bytes)',
      'sites/oost/content/nieuws/link.md': 'added: is a symbolic link; a buurt folder holds only regular files',
      'sites/oost/content/nieuws/script.md': 'added: is executable; a buurt folder holds only regular files (chmod -x)',
      'sites/oost/content/paginas/hack.html':
        'added: is a .html file; a buurt folder holds only markdown (.md), YAML (.yaml, .yml) and photos (.jpg, .jpeg, .png, .webp, .gif, .avif)',
      'sites/oost/media/logo.svg':
        'added: is a .svg file; a buurt folder holds only markdown (.md), YAML (.yaml, .yml) and photos (.jpg, .jpeg, .png, .webp, .gif, .avif)',
      'sites/oost/media/nep.jpg': 'added: is named .jpg but is not an image',
      'sites/oost/media/png-als-jpg.jpg': 'added: is named .jpg but holds a PNG image',
    });
  });
});

describe('paths', () => {
  it('refuse "..", "." and ".git" components and control characters, in a tree made by hand', async () => {
    // Git never writes such names itself, but a tree made with git mktree can hold them, and be pushed.
    const tree = repo.makeTree({
      ...baseFiles(),
      'sites/oost/../west/content/nieuws/markt.md': 'gekaapt\n',
      'sites/oost/./content/nieuws/punt.md': 'punt\n',
      'sites/oost/content/.git/hooks.md': 'haak\n',
      'sites/oost/content/.GIT./ntfs.md': 'ntfs\n',
      'sites/oost/content/nieuws/a\x1b[2Jb.md': 'wis het scherm\n',
    });
    const head = repo.commitTree(tree, [base], 'Handgemaakt', anna);
    const result = await runGuard({ repoDir: repo.dir, base, head });
    expect(Object.fromEntries(result.commits[0]!.violations.map((v) => [v.file, `${v.code}: ${v.message}`]))).toEqual({
      'sites/oost/../west/content/nieuws/markt.md': 'unsafe-path: added: has a ".." component; a path names its folders directly, without "", "." or ".."',
      'sites/oost/./content/nieuws/punt.md': 'unsafe-path: added: has a "." component; a path names its folders directly, without "", "." or ".."',
      'sites/oost/content/.git/hooks.md': 'unsafe-path: added: has a ".git" component, a name git keeps for itself',
      'sites/oost/content/.GIT./ntfs.md': 'unsafe-path: added: has a ".git" component, a name git keeps for itself',
      'sites/oost/content/nieuws/a\x1b[2Jb.md': 'unsafe-path: added: has a control or invisible character in its name',
    });
  });

  it('refuse variants of a buurt folder from anyone, and names one file system would make one file', async () => {
    await repo.write({
      'sites/Oost/content/nieuws/welkom.md': 'hoofdletter\n',
      'sites/ｏｏｓｔ/content/nieuws/breed.md': 'volle breedte\n',
      'sites/zuid-o\u0308st/content/nieuws/trema.md': 'NFD\n',
    });
    repo.commit('Varianten', maintainer);
    await repo.write({
      'sites/oost/content/nieuws/Welkom.md': 'dubbel\n',
      'sites/oost/content/nieuws/cafe\u0301.md': 'NFD\n',
      'sites/oost/content/nieuws/caf\u00e9.md': 'NFC\n',
    });
    repo.commit('Dubbelgangers', anna);
    const result = await guard();
    expect(codes(result)).toEqual([
      'unsafe-path sites/Oost/content/nieuws/welkom.md',
      'unsafe-path sites/zuid-o\u0308st/content/nieuws/trema.md',
      'unsafe-path sites/ｏｏｓｔ/content/nieuws/breed.md',
      'unsafe-path sites/Oost/content/nieuws/welkom.md',
      'unsafe-path sites/oost/content/nieuws/Welkom.md',
      'unsafe-path sites/oost/content/nieuws/cafe\u0301.md',
      'unsafe-path sites/oost/content/nieuws/caf\u00e9.md',
    ]);
    expect(result.commits[0]!.violations[0]!.message).toBe(
      'added: is in "sites/Oost/", which is not a buurt folder: buurt folders are named in lower case letters, digits and dashes, so a variant of a buurt\'s name in case, accents, Unicode form or width is refused',
    );
    expect(result.changeViolations.find((v) => v.file === 'sites/oost/content/nieuws/Welkom.md')!.message).toBe(
      'differs from sites/Oost/content/nieuws/welkom.md, sites/oost/content/nieuws/welkom.md only in upper and lower case or Unicode form; a Mac or Windows checkout makes them one file, so what was judged is not what is built',
    );
  });

  it("may not rename or delete a buurt's site.yaml away as an editor", async () => {
    repo.git('mv', 'sites/oost/site.yaml', 'sites/oost/instellingen.yaml');
    repo.commit('Rename site.yaml', anna);
    expect(codes(await guard())).toEqual(['protected-setting sites/oost/site.yaml']);
    repo.git('reset', '-q', '--hard', base);
    await repo.remove('sites/oost/site.yaml');
    repo.commit('Delete site.yaml', anna);
    const result = await guard();
    expect(codes(result)).toEqual(['protected-setting sites/oost/site.yaml']);
    expect(result.commits[0]!.violations[0]!.message).toBe(
      "deleted: only maintainers may remove or rename a buurt's site.yaml (it says who edits the buurt and where it is published)",
    );
  });
});

describe('photos', () => {
  it('refuses a photo that holds its location, from anyone, also in an image appended to a JPEG', async () => {
    const withGps = (format: 'jpeg' | 'png' | 'webp') =>
      sharp({ create: { width: 8, height: 8, channels: 3, background: '#a47' } })
        .toFormat(format)
        .withExif({ IFD0: { Make: 'Fruitphone' }, IFD3: GPS_EXIF })
        .toBuffer();
    await repo.write({
      'sites/oost/media/thuis.jpg': await withGps('jpeg'),
      'sites/oost/media/tuin.png': await withGps('png'),
      'sites/oost/media/straat.webp': await withGps('webp'),
      // A phone's MPF preview: a second JPEG with its own EXIF after the first, which image readers skip.
      'sites/oost/media/voorbeeld.jpg': Buffer.concat([jpeg, await withGps('jpeg')]),
      'sites/oost/media/schoon.jpg': jpeg,
    });
    repo.commit('Foto’s', anna);
    await repo.write({ 'sites/west/media/markt.jpg': await withGps('jpeg') });
    repo.commit('Foto van de markt', maintainer);
    const result = await guard();
    expect(codes(result)).toEqual([
      'photo-location sites/oost/media/straat.webp',
      'photo-location sites/oost/media/thuis.jpg',
      'photo-location sites/oost/media/tuin.png',
      'photo-location sites/oost/media/voorbeeld.jpg',
      'photo-location sites/west/media/markt.jpg',
    ]);
    expect(result.commits[1]!.violations[0]!.message).toBe(
      'added: holds the location where the photo was taken (GPS, or a place in its XMP or IPTC data), which would stay readable in the public git history for good; remove it before committing (buurt media fix, or upload it through the CMS, which cleans photos) and rewrite this commit',
    );
  });
});

describe('authors and addresses', () => {
  it('fails an unknown author and a private mailbox, and lets maintainers change anything', async () => {
    await repo.write({ 'src/lib/code.ts': 'export const x = 3;\n', 'sites/zuid/site.yaml': siteYaml('Zuid', []) });
    repo.commit('New buurt zuid', maintainer);
    await repo.write({ 'sites/oost/content/nieuws/welkom.md': 'spam\n' });
    repo.commit('Spam', stranger);
    await repo.write({ 'sites/oost/content/nieuws/welkom.md': 'hoi\n' });
    repo.commit('Committed by a private address', anna, { name: 'Anna', email: 'anna.devries@ziggo.nl' });
    const result = await guard();
    expect(result.commits.map((c) => c.role)).toEqual(['maintainer', 'unknown', 'editor of oost']);
    expect(codes(result)).toEqual(['unknown-author', 'private-email', 'unknown-committer', 'private-email']);
    expect(result.commits[1]!.violations[1]!.message).toContain('"onbekend@gmail.com" is a private mailbox and would be published in the git history');
  });

  it('checks the accounts that made the change (--actor), which the git host authenticates', async () => {
    await repo.write({ 'sites/west/content/nieuws/markt.md': 'door anna\n' });
    // Anna pretends to be Bram in her commit; her account is still Anna's.
    repo.commit('Forged author', bram);
    expect(codes(await guard(['bram']))).toEqual([]);
    expect(codes(await guard(['anna', 'mallory']))).toEqual(['actor-outside-own-buurt sites/west/content/nieuws/markt.md', 'unknown-actor']);
    expect(codes(await guard(['mira']))).toEqual([]);
  });
});

describe('author fields', () => {
  it('reads them NUL-separated, so a 0x1F in a name cannot pass a private address off as an editor', async () => {
    await repo.write({ 'sites/oost/content/nieuws/welkom.md': 'hoi\n' });
    // With fields split on 0x1F, this read as author <anna's address> and committer = author.
    const forged = { name: `Anna de Vries\x1f${anna.email}`, email: 'mallory@gmail.com' };
    repo.commit('Gewone wijziging', forged, { name: anna.email, email: 'mallory@gmail.com' });
    const result = await guard();
    expect(result.commits[0]!.author).toEqual(forged);
    expect(result.commits[0]!.role).toBe('unknown');
    expect(codes(result)).toEqual(['control-character', 'unknown-author', 'private-email']);
    expect(result.commits[0]!.violations[0]!.message).toBe(
      `the author's name "Anna de Vries\\u001f1001+anna@users.noreply.github.com" holds control or invisible characters, which no real name or address has; they can make one person look like another in git's output`,
    );
  });
});

describe('merges', () => {
  it('checks what a merge changes itself, not what it brings in twice', async () => {
    repo.git('checkout', '-q', '-b', 'cms/nieuws/feest');
    await repo.write({ 'sites/oost/content/nieuws/feest.md': 'feest\n' });
    repo.commit('Create Nieuws “feest”', anna);
    repo.git('checkout', '-q', 'main');
    await repo.write({ 'sites/oost/content/nieuws/welkom.md': 'nieuw\n' });
    repo.commit('Update welkom', anna);
    repo.git('-c', `user.name=${anna.name}`, '-c', `user.email=${anna.email}`, 'merge', '-q', '--no-ff', '-m', 'Merge feest', 'cms/nieuws/feest');
    let result = await guard();
    expect(result.commits).toHaveLength(3);
    expect(codes(result)).toEqual([]);
    // An "evil merge": the merge itself changes west.
    repo.git('checkout', '-q', '-b', 'other', base);
    await repo.write({ 'sites/oost/content/nieuws/ander.md': 'ander\n' });
    repo.commit('Other', anna);
    repo.git('checkout', '-q', 'main');
    repo.git('-c', `user.name=${anna.name}`, '-c', `user.email=${anna.email}`, 'merge', '-q', '--no-ff', '--no-commit', 'other');
    await repo.write({ 'sites/west/content/nieuws/markt.md': 'stiekem\n' });
    repo.commit('Merge other', anna);
    result = await guard();
    expect(codes(result)).toEqual(['outside-own-buurt sites/west/content/nieuws/markt.md']);
    expect(result.commits.at(-1)!.parents).toHaveLength(2);
  });
  it("fails a merge that takes shared code, a CI workflow and another buurt's file whole from an old commit, whichever parent comes first", async () => {
    const old = base;
    await repo.write({
      'src/lib/code.ts': 'export const x = 2; // the fix\n',
      '.github/workflows/guard.yml': 'on: pull_request_target\n',
      'sites/west/content/nieuws/markt.md': '---\ntitle: Markt\n---\nZondag.\n',
    });
    const fixed = repo.commit('Fix, guard workflow, new market day', maintainer);
    // Anna's merge: the fixed tree with her own edit, but three files as they were in the old commit. Each
    // file equals one parent, so the combined diff (--cc) of the merge is empty apart from her edit.
    repo.git('checkout', '-q', '--detach', fixed);
    repo.git('checkout', old, '--', 'src/lib/code.ts', 'sites/west/content/nieuws/markt.md');
    repo.git('rm', '-q', '.github/workflows/guard.yml');
    await repo.write({ 'sites/oost/content/nieuws/welkom.md': 'hoi\n' });
    repo.git('add', '-A');
    const tree = repo.git('write-tree').trim();
    for (const parents of [
      [fixed, old],
      [old, fixed],
    ]) {
      const merge = repo.commitTree(tree, parents, 'Merge de oude versie', anna);
      const result = await runGuard({ repoDir: repo.dir, base: fixed, head: merge, actors: ['anna'] });
      expect(codes(result)).toEqual([
        'shared-path .github/workflows/guard.yml',
        'outside-own-buurt sites/west/content/nieuws/markt.md',
        'shared-path src/lib/code.ts',
        'actor-outside-own-buurt .github/workflows/guard.yml',
        'actor-outside-own-buurt sites/west/content/nieuws/markt.md',
        'actor-outside-own-buurt src/lib/code.ts',
      ]);
      expect(result.commits[0]!.violations.map((v) => v.message)).toEqual([
        'deleted by this merge (a version the base does not have): only maintainers may change shared code, templates, the deploy config, CI or platform settings (anything outside sites/<buurt>/)',
        'brought in by this merge (a version the base does not have): belongs to buurt west, but the author edits oost and may only change sites/oost/',
        'brought in by this merge (a version the base does not have): only maintainers may change shared code, templates, the deploy config, CI or platform settings (anything outside sites/<buurt>/)',
      ]);
      // The change as a whole, attributed to the commit that made each version.
      expect(result.changes.map((c) => `${c.status} ${c.path} ${c.commits.join()}`)).toEqual([
        `D .github/workflows/guard.yml ${merge}`,
        `M sites/oost/content/nieuws/welkom.md ${merge}`,
        `M sites/west/content/nieuws/markt.md ${merge}`,
        `M src/lib/code.ts ${merge}`,
      ]);
    }
  });

  it('judges a history unrelated to the base as bringing in every one of its files', async () => {
    const tree = repo.makeTree({ 'sites/oost/site.yaml': siteYaml('Oost', [anna, stranger]), 'src/lib/code.ts': 'weg\n' });
    const head = repo.commitTree(tree, [], 'Eigen geschiedenis', anna);
    const result = await runGuard({ repoDir: repo.dir, base, head });
    expect(result.mergeBase).toBeUndefined();
    expect(codes(result)).toEqual(['protected-setting sites/oost/site.yaml', 'shared-path src/lib/code.ts']);
    // Merging it (--allow-unrelated-histories) would add its files and delete none.
    expect(result.changes.map((c) => `${c.status} ${c.path}`)).toEqual(['A sites/oost/site.yaml', 'A src/lib/code.ts']);
  });

  it("does not blame an editor's merge of an older base for what the base changed since", async () => {
    repo.git('checkout', '-q', '-b', 'cms/nieuws/feest');
    await repo.write({ 'sites/oost/content/nieuws/feest.md': 'feest\n' });
    repo.commit('Create Nieuws “feest”', anna);
    repo.git('checkout', '-q', 'main');
    await repo.write({ 'src/lib/code.ts': 'export const x = 2;\n' });
    repo.commit('Code 2', maintainer);
    repo.git('checkout', '-q', 'cms/nieuws/feest');
    repo.git('-c', `user.name=${anna.name}`, '-c', `user.email=${anna.email}`, 'merge', '-q', '--no-ff', '-m', 'Merge main', 'main');
    const head = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', 'main');
    await repo.write({ 'src/lib/code.ts': 'export const x = 3;\n', 'sites/west/content/nieuws/markt.md': 'zondag\n' });
    const newer = repo.commit('Code 3', maintainer);
    const result = await runGuard({ repoDir: repo.dir, base: newer, head, actors: ['anna'] });
    expect(codes(result)).toEqual([]);
    expect(result.changes.map((c) => c.path)).toEqual(['sites/oost/content/nieuws/feest.md']);
  });
});

describe('buurt guard on the command line', () => {
  it('escapes escape codes, CR, OSC and C1 sequences in subjects, names and paths, and shortens long subjects', async () => {
    await repo.write({ 'sites/west/content/nieuws/a\x1b[2Jb.md': 'x\n' });
    // OSC 52 writes the clipboard; the CR and the fake "ok" line try to hide the FAIL; 0x9b is CSI.
    const subject = `Nieuws\x1b]52;c;aGFjaw==\x07\r  ok   alles goed \x9b31m${'x'.repeat(5000)}`;
    repo.commit(subject, { name: 'Anna\x1b[8m', email: anna.email });
    const run = await runCli(['guard', '--base', base], { cwd: repo.dir });
    expect(run.code).toBe(1);
    // eslint-disable-next-line no-control-regex -- control characters are what this matches
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(run.stdout).toContain('FAIL');
    expect(run.stdout).toContain('Nieuws\\u001b]52;c;aGFjaw==\\u0007\\r  ok   alles goed \\u009b31mxxx');
    expect(run.stdout).toContain('characters left out');
    expect(run.stdout).toContain('(Anna\\u001b[8m <1001+anna@users.noreply.github.com>, editor of oost)');
    expect(run.stdout).toContain('sites/west/content/nieuws/a\\u001b[2Jb.md: added: has a control or invisible character in its name.');
    expect(Math.max(...run.stdout.split('\n').map((line) => line.length))).toBeLessThan(400);
    // --json keeps the exact values, as valid JSON.
    const json = await runCli(['guard', '--base', base, '--json'], { cwd: repo.dir });
    // eslint-disable-next-line no-control-regex -- control characters are what this matches
    expect(json.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(JSON.parse(json.stdout).commits[0].subject).toBe(subject);
  });

  it('prints each offending commit and file and exits 1; 0 when clean; 2 for usage errors', async () => {
    await repo.write({ 'sites/west/content/nieuws/markt.md': 'gekaapt\n', 'src/lib/code.ts': 'x\n' });
    repo.commit('Edit west and code', anna);
    const bad = await runCli(['guard', '--base', base], { cwd: repo.dir });
    expect(bad.code).toBe(1);
    const lines = bad.stdout
      .replace(/[0-9a-f]{10}/g, '<sha>')
      .trim()
      .split('\n');
    expect(lines).toEqual([
      'Checked 1 commit in <sha>..<sha> (2 files differ from the base).',
      '  FAIL <sha> Edit west and code (Anna de Vries <1001+anna@users.noreply.github.com>, editor of oost)',
      '         sites/west/content/nieuws/markt.md: changed: belongs to buurt west, but the author edits oost and may only change sites/oost/.',
      '         src/lib/code.ts: changed: only maintainers may change shared code, templates, the deploy config, CI or platform settings (anything outside sites/<buurt>/).',
      '2 violations in 1 of 1 commit.',
    ]);
    repo.git('reset', '-q', '--hard', base);
    await repo.write({ 'sites/oost/content/nieuws/welkom.md': 'hoi\n' });
    repo.commit('Edit oost', anna);
    const good = await runCli(['guard', '--base', base, '--head', 'HEAD', '--actor', 'anna'], { cwd: repo.dir });
    expect(good.stdout).toContain('No violations.');
    expect(good.code).toBe(0);
    const json = await runCli(['guard', '--base', base, '--json'], { cwd: repo.dir });
    expect(JSON.parse(json.stdout).commits[0].role).toBe('editor of oost');
    expect((await runCli(['guard'], { cwd: repo.dir })).code).toBe(2);
    const unknownRef = await runCli(['guard', '--base', 'bestaat-niet'], { cwd: repo.dir });
    expect(unknownRef.code).toBe(2);
    expect(unknownRef.stderr).toContain('--base "bestaat-niet" names no commit');
    expect(countViolations(await guard())).toBe(0);
  });
});
