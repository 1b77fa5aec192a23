/**
 * Erasing a person from a buurt, including from git history: a fixture repository holds their page and photo
 * (renamed once), their name in other texts and commit messages, commits with their private address, a CMS
 * branch and a tag. After `buurt erase --yes`, no path, blob, address or name of theirs is reachable from any
 * ref or left in the object store, and everything else is intact.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.ts';
import { createTestRepo, type Person, type TestRepo } from './helpers/git-repo.ts';

const maintainer: Person = { name: 'Mira Beheer', email: 'mira@users.noreply.buurtsites.nl' };
const editor: Person = { name: 'Bram Jansen', email: '1002+bram@users.noreply.github.com' };
const anna: Person = { name: 'Anna de Vries', email: 'anna.devries@gmail.com' };

let repo: TestRepo;
let annaBlobs: string[];

const exists = async (file: string) =>
  stat(path.join(repo.dir, file)).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  repo = await createTestRepo();
  const photo = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#a47' } })
    .jpeg()
    .toBuffer();
  const photo2 = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#7a4' } })
    .jpeg()
    .toBuffer();
  await repo.write({
    'sites/oost/site.yaml': 'name: Oost\n',
    'sites/oost/content/nieuws/markt.md': '---\ntitle: Markt\n---\nDe markt is op zaterdag.\n',
    'sites/west/content/nieuws/anna.md': '---\ntitle: Een andere Anna\n---\nAnna de Vries uit west blijft.\n',
  });
  repo.commit('Start', maintainer);
  await repo.write({
    'sites/oost/content/mensen/anna-de-vries.md': '---\nname: Anna de Vries\nrole: buurtverbinder\n---\nBel Anna: 06-12345678.\n',
    'sites/oost/media/anna.jpg': photo,
  });
  repo.commit('Create Mensen “anna-de-vries”', editor);
  await mkdir(path.join(repo.dir, 'sites/oost/media/mensen'), { recursive: true });
  repo.git('mv', 'sites/oost/media/anna.jpg', 'sites/oost/media/mensen/anna.jpg');
  await repo.write({
    'sites/oost/content/mensen/anna-de-vries.md':
      '---\nname: Anna de Vries\nrole: buurtverbinder\nphoto:\n  src: ../../media/mensen/anna.jpg\n---\nBel Anna: 06-12345678.\n',
  });
  repo.commit('Move photo of Anna de Vries', editor);
  await repo.write({ 'sites/oost/content/nieuws/markt.md': '---\ntitle: Markt\n---\nDe markt is op zaterdag. Anna de Vries staat er met appels.\n' });
  repo.commit('Update Nieuws “markt”', anna);
  repo.git('tag', 'v1');
  repo.git('checkout', '-q', '-b', 'cms/mensen/anna-de-vries');
  await repo.write({ 'sites/oost/media/mensen/anna.jpg': photo2 });
  repo.commit('Update photo', editor, anna);
  repo.git('checkout', '-q', 'main');
  await repo.write({ 'sites/oost/content/nieuws/markt.md': '---\ntitle: Markt\n---\nDe markt is op zaterdag. Anna de Vries staat er met appels. Kom ook!\n' });
  repo.commit('Update Nieuws “markt” again', editor);
  annaBlobs = [...repo.git('log', '--all', '--format=', '--raw', '--no-abbrev', '--', 'sites/oost/content/mensen', 'sites/oost/media').split('\n')]
    .map((line) => line.split(/\s+/)[3])
    .filter((sha): sha is string => !!sha && !/^0+$/.test(sha));
});

afterAll(async () => {
  await repo?.dispose();
});

describe('buurt erase', () => {
  it('shows what it would erase without --yes, and changes nothing', async () => {
    const before = repo.git('rev-parse', 'main');
    const dry = await runCli(
      ['erase', 'oost', '--path', 'content/mensen/anna-de-vries.md', '--path', 'media/mensen/anna.jpg', '--email', anna.email, '--text', 'Anna de Vries'],
      { cwd: repo.dir },
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      'files (every name they had): sites/oost/content/mensen/anna-de-vries.md, sites/oost/media/anna.jpg, sites/oost/media/mensen/anna.jpg',
    );
    expect(dry.stdout).toContain('Nothing was changed.');
    expect(repo.git('rev-parse', 'main')).toBe(before);
    expect(annaBlobs.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses paths outside the buurt and a dirty working tree (usage errors)', async () => {
    expect((await runCli(['erase', 'oost', '--path', '../west/content', '--yes'], { cwd: repo.dir })).code).toBe(2);
    expect((await runCli(['erase', 'oost', '--yes'], { cwd: repo.dir })).code).toBe(2);
    await repo.write({ 'sites/oost/content/nieuws/markt.md': 'half af\n' });
    const dirty = await runCli(['erase', 'oost', '--path', 'media/mensen/anna.jpg', '--yes'], { cwd: repo.dir });
    expect(dirty.code).toBe(2);
    expect(dirty.stderr).toContain('uncommitted changes');
    repo.git('checkout', '--', '.');
  });

  it('removes every path, blob, address and mention of the person from every ref and the object store', async () => {
    const result = await runCli(
      [
        'erase',
        'oost',
        '--path',
        'content/mensen/anna-de-vries.md',
        '--path',
        'media/mensen/anna.jpg',
        '--email',
        anna.email,
        '--text',
        'Anna de Vries',
        '--text',
        '06-12345678',
        '--yes',
      ],
      { cwd: repo.dir },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Verified: no path, file version, address or text of this person is left');
    expect(result.stdout).toContain('refs/heads/cms/mensen/anna-de-vries');

    // Independent checks with plain git, across every ref.
    const refs = repo.git('for-each-ref', '--format=%(refname)').split('\n').filter(Boolean);
    expect(refs).toEqual(expect.arrayContaining(['refs/heads/main', 'refs/heads/cms/mensen/anna-de-vries', 'refs/tags/v1']));
    expect(refs.filter((r) => r.startsWith('refs/original/'))).toEqual([]);
    const objects = repo.git('rev-list', '--objects', '--all');
    expect(objects).not.toMatch(/sites\/oost\/content\/mensen|sites\/oost\/media/);
    for (const blob of annaBlobs) expect(() => repo.git('cat-file', '-e', blob), blob).toThrow();
    expect(repo.git('reflog', '--all').trim()).toBe('');
    const identities = repo.git('log', '--all', '--format=%an <%ae> / %cn <%ce>');
    expect(identities).not.toContain(anna.email);
    expect(identities).not.toContain('Anna de Vries');
    const messages = repo.git('log', '--all', '--format=%B');
    expect(messages).not.toMatch(/anna-de-vries|Anna de Vries/);
    expect(messages).toContain('Update Nieuws “markt” again');
    const revisions = repo.git('rev-list', '--all').split('\n').filter(Boolean);
    let mentions = '';
    try {
      mentions = repo.git('grep', '-I', '-i', '-e', 'Anna de Vries', '-e', '06-12345678', ...revisions, '--', 'sites/oost/');
    } catch {
      // git grep exits 1 when it finds nothing.
    }
    expect(mentions).toBe('');

    // The rest of the buurt and other buurten are intact.
    expect(await readFile(path.join(repo.dir, 'sites/oost/content/nieuws/markt.md'), 'utf8')).toBe(
      '---\ntitle: Markt\n---\nDe markt is op zaterdag. [verwijderd] staat er met appels. Kom ook!\n',
    );
    expect(await readFile(path.join(repo.dir, 'sites/west/content/nieuws/anna.md'), 'utf8')).toContain('Anna de Vries uit west blijft.');
    expect(await exists('sites/oost/content/mensen/anna-de-vries.md')).toBe(false);
    expect(await exists('sites/oost/media/mensen/anna.jpg')).toBe(false);
    expect(repo.git('status', '--porcelain').trim()).toBe('');
  });

  it('finds nothing more to erase when run again', async () => {
    const again = await runCli(['erase', 'oost', '--path', 'media/mensen/anna.jpg', '--email', anna.email, '--text', 'Anna de Vries'], { cwd: repo.dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 file versions in 0 commits');
  });
});
