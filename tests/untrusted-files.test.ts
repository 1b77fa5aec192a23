/**
 * A buurt's folder is read only as regular files inside it: symbolic links (to another buurt's page or photo, to
 * a file elsewhere on the machine, to /dev/zero), named pipes and oversized texts are refused by `buurt check`
 * and `buurt build` with a problem naming the file, before a byte of them is read.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, open, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkSite } from '../src/check/index.ts';
import { loadCollection } from '../src/model/content.ts';
import { buildSite } from '../scripts/platform/build/build.ts';
import { formatProblem, hasErrors, type Problem } from '../src/model/problems.ts';
import { baseSiteYaml, createWorkspace, markdown, type Workspace } from './helpers/fixtures.ts';
import { photo } from './helpers/images.ts';

let workspace: Workspace;
let outside: string;

const news = (title: string, extra: Record<string, unknown> = {}, body = 'Tekst.') =>
  markdown({ title, date: '2026-02-01', summary: `Over ${title}.`, ...extra }, body);

/** A fresh buurt `slug` with a valid site.yaml and one news item, plus `files`. */
async function buurt(slug: string, files: Record<string, string | Buffer> = {}): Promise<string> {
  await rm(path.join(workspace.sitesDir, slug), { recursive: true, force: true });
  await workspace.writeBuurt(slug, { 'site.yaml': stringify({ ...baseSiteYaml, name: slug }), 'content/nieuws/gewoon.md': news('Gewoon'), ...files });
  return path.join(workspace.sitesDir, slug);
}

const show = (problems: readonly Problem[]) => problems.map((p) => formatProblem(p).replaceAll(workspace.root, '<root>'));

beforeAll(async () => {
  workspace = await createWorkspace();
  outside = path.join(workspace.root, 'buiten-de-repo');
  await mkdir(outside, { recursive: true });
  await writeFile(path.join(outside, 'geheim.md'), news('Geheim van de server'));
  await workspace.writeBuurt('oost', {
    'site.yaml': stringify({ ...baseSiteYaml, name: 'Oost' }),
    'content/nieuws/prive.md': news('Alleen voor Oost'),
    'media/foto.jpg': await photo(400, 300),
  });
});

afterAll(async () => {
  await workspace?.dispose();
});

describe('symbolic links in a buurt folder', () => {
  it("refuses a link in content/ to another buurt's page, and does not load that page", async () => {
    const dir = await buurt('west');
    await symlink(path.join(workspace.sitesDir, 'oost/content/nieuws/prive.md'), path.join(dir, 'content/nieuws/gestolen.md'));
    const { site, problems } = await checkSite('west');
    expect(site.entries.nieuws.map((e) => e.id)).toEqual(['gewoon']);
    expect(show(problems.filter((p) => p.code === 'symlink'))).toEqual([
      `<root>/sites/west/content/nieuws/gestolen.md: is a symbolic link (to "<root>/sites/oost/content/nieuws/prive.md"); a buurt folder holds only regular files and folders, and links are never followed: put the file itself here, or remove the link.`,
    ]);
    expect(hasErrors(problems)).toBe(true);
  });

  it("refuses a link in media/ to another buurt's photo, also where a page uses it", async () => {
    const dir = await buurt('west', { 'content/nieuws/met-foto.md': news('Met foto', { image: { src: '/media/foto.jpg', alt: 'Een foto' } }) });
    await mkdir(path.join(dir, 'media'), { recursive: true });
    await symlink('../../oost/media/foto.jpg', path.join(dir, 'media/foto.jpg'));
    const { problems } = await checkSite('west');
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [path.relative(dir, p.file), p.code])).toEqual([
      ['content/nieuws/met-foto.md', 'symlink'],
      ['media/foto.jpg', 'symlink'],
    ]);
    expect(errors[0]!.message).toContain('media/foto.jpg is a symbolic link');
  });

  it('refuses a link to a file outside the repository and a linked folder', async () => {
    const dir = await buurt('west');
    await symlink(path.join(outside, 'geheim.md'), path.join(dir, 'content/nieuws/server.md'));
    await symlink(outside, path.join(dir, 'content/paginas'));
    const { site, problems } = await checkSite('west');
    expect(site.entries.nieuws.map((e) => e.id)).toEqual(['gewoon']);
    expect(site.entries.paginas).toEqual([]);
    expect(problems.filter((p) => p.severity === 'error').map((p) => [path.relative(dir, p.file), p.code])).toEqual([
      ['content/nieuws/server.md', 'symlink'],
      ['content/paginas', 'symlink'],
      ['content/paginas/geheim.md', 'outside-buurt'],
    ]);
  });

  it('refuses a link to /dev/zero in content/ and media/ at once, without reading it', async () => {
    const dir = await buurt('west', { 'content/nieuws/nul-foto.md': news('Nul', { image: { src: '/media/nul.jpg', alt: 'Niets' } }) });
    await mkdir(path.join(dir, 'media'), { recursive: true });
    await symlink('/dev/zero', path.join(dir, 'content/nieuws/nul.md'));
    await symlink('/dev/zero', path.join(dir, 'media/nul.jpg'));
    const { problems } = await checkSite('west');
    expect(problems.filter((p) => p.severity === 'error').map((p) => [path.relative(dir, p.file), p.code])).toEqual([
      ['content/nieuws/nul-foto.md', 'symlink'],
      ['content/nieuws/nul.md', 'symlink'],
      ['media/nul.jpg', 'symlink'],
    ]);
  }, 20_000);

  it('refuses a linked site.yaml and a buurt folder that is itself a link', async () => {
    const dir = await buurt('west');
    await rm(path.join(dir, 'site.yaml'));
    await symlink('../oost/site.yaml', path.join(dir, 'site.yaml'));
    const west = await checkSite('west');
    expect(west.site.config).toBeUndefined();
    expect(west.problems.map((p) => [path.relative(dir, p.file), p.code])).toContainEqual(['site.yaml', 'symlink']);

    await rm(path.join(workspace.sitesDir, 'kopie'), { recursive: true, force: true });
    await symlink('oost', path.join(workspace.sitesDir, 'kopie'));
    const copy = await checkSite('kopie');
    expect(copy.site.config).toBeUndefined();
    expect(copy.site.entries.nieuws).toEqual([]);
    expect(copy.problems.map((p) => p.code)).toContain('symlink');
    await rm(path.join(workspace.sitesDir, 'kopie'));
  });

  it('refuses a named pipe instead of blocking on it', async () => {
    const dir = await buurt('west');
    execFileSync('mkfifo', [path.join(dir, 'content/nieuws/pijp.md')]);
    const { problems } = await checkSite('west');
    expect(show(problems.filter((p) => p.severity === 'error'))).toEqual([
      '<root>/sites/west/content/nieuws/pijp.md: is a named pipe (FIFO), not a regular file; a buurt folder holds only regular files: remove it.',
    ]);
  }, 20_000);

  it('the content loader Astro uses in dev refuses the same link', async () => {
    const dir = await buurt('west');
    await symlink(path.join(workspace.sitesDir, 'oost/content/nieuws/prive.md'), path.join(dir, 'content/nieuws/gestolen.md'));
    const { entries, problems } = await loadCollection('west', 'nieuws');
    expect(entries.map((e) => e.id)).toEqual(['gewoon']);
    expect(problems.map((p) => p.code)).toEqual(['symlink']);
  });

  it('buurt build stops before publishing anything from a linked file', async () => {
    const dir = await buurt('west');
    await symlink(path.join(workspace.sitesDir, 'oost/content/nieuws/prive.md'), path.join(dir, 'content/nieuws/gestolen.md'));
    const error = await buildSite('west').then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain('content/nieuws/gestolen.md: is a symbolic link');
    await expect(open(path.join(workspace.distDir, 'west', 'nieuws', 'gestolen', 'index.html'))).rejects.toThrow(/ENOENT/);
  }, 120_000);
});

describe('sizes are checked before reading', () => {
  it('refuses a content file of 50 MB at once, with its size', async () => {
    const huge = `---\ntitle: Groot\ndate: 2026-02-01\nsummary: "${'a'.repeat(50 * 1024 * 1024)}"\n---\nTekst.\n`;
    const dir = await buurt('west', { 'content/nieuws/groot.md': huge });
    const { problems } = await checkSite('west');
    expect(show(problems.filter((p) => p.severity === 'error'))).toEqual([
      '<root>/sites/west/content/nieuws/groot.md: is 50.0 MB, more than the 1.0 MB a content file may be, so it was not read; split the text over several pages, or remove what does not belong in it.',
    ]);
    await rm(path.join(dir, 'content/nieuws/groot.md'));
  }, 20_000);

  it('refuses a site.yaml over 256 kB', async () => {
    await buurt('west', { 'site.yaml': stringify({ ...baseSiteYaml, description: 'x'.repeat(300 * 1024) }) });
    const { site, problems } = await checkSite('west');
    expect(site.config).toBeUndefined();
    expect(problems.map((p) => p.code)).toEqual(['file-too-large']);
    expect(problems[0]!.message).toMatch(/^is 300 kB, more than the 256 kB site\.yaml may be/);
  });

  it('refuses a photo of 30 GB from its size, without reading it', async () => {
    const dir = await buurt('west', { 'content/nieuws/reus.md': news('Reus', { image: { src: '/media/reus.jpg', alt: 'Heel groot' } }) });
    await mkdir(path.join(dir, 'media'), { recursive: true });
    // A sparse file: 30 GB as far as stat knows, nothing on disk.
    const handle = await open(path.join(dir, 'media/reus.jpg'), 'w');
    await handle.truncate(30 * 1024 * 1024 * 1024);
    await handle.close();
    const { problems } = await checkSite('west');
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.code)).toEqual(['image-too-large']);
    expect(errors[0]!.message).toContain('media/reus.jpg is 30720 MB, more than the 25 MB an image may be');
  }, 20_000);
});
