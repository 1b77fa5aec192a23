/**
 * Builds never lose the last good site: a good fixture buurt is built, then broken in each way a build can
 * fail (content, image, Astro itself), rebuilt, and every file of dist/<slug>/ is compared by hash. The
 * multi-buurt build runs through the real CLI.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildError, buildSite, recoverInterruptedBuild } from '../scripts/platform/build/build.ts';
import { sitePaths } from '../src/core/paths.ts';
import { ContentError } from '../src/model/problems.ts';
import { runCli, type CliResult } from './helpers/cli.ts';
import { createWorkspace, type Workspace } from './helpers/fixtures.ts';
import { photo, truncated } from './helpers/images.ts';

const env = { BUURT_NOW: '2026-03-10T12:00' };
let workspace: Workspace;
let distDir: string;

/** A hash of every file in a folder, by relative path. */
async function hashTree(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  const hashes: Record<string, string> = {};
  for (const file of files) {
    const full = path.join(file.parentPath, file.name);
    hashes[path.relative(dir, full)] = createHash('sha256')
      .update(await readFile(full))
      .digest('hex');
  }
  return hashes;
}

async function writeGoodBuurt(slug: string): Promise<void> {
  await workspace.copyFixture('last-good-site', slug);
  await workspace.writeBuurt(slug, { 'media/plein.jpg': await photo(1200, 800) });
}

/** Runs the real `buurt` CLI with Node 24 and the workspace's folders. */
function buurt(args: string[]): Promise<CliResult> {
  return runCli(args, { env: { ...workspace.env, ...env } });
}

beforeAll(async () => {
  workspace = await createWorkspace();
  await writeGoodBuurt('goed');
  distDir = (await buildSite('goed', { env })).outDir;
});
afterAll(async () => {
  await workspace?.dispose();
});

describe('a failing build keeps the last good site byte for byte', () => {
  it('built the good site first', async () => {
    const files = Object.keys(await hashTree(distDir));
    expect(files).toContain('index.html');
    expect(files).toContain(path.join('over-de-buurt', 'index.html'));
    expect(files.filter((f) => f.startsWith('_fotos')).length).toBeGreaterThan(0);
  });

  it('after a content error', async () => {
    const before = await hashTree(distDir);
    const file = 'content/nieuws/nieuwe-bankjes.md';
    const good = await readFile(path.join(workspace.sitesDir, 'goed', file), 'utf8');
    await workspace.writeBuurt('goed', { [file]: good.replace('date: 2026-03-01', 'date: "1 maart') });
    const error = await buildSite('goed', { env }).catch((e: unknown) => e);
    await workspace.writeBuurt('goed', { [file]: good });
    expect(error).toBeInstanceOf(ContentError);
    expect((error as Error).message).toMatch(/nieuwe-bankjes\.md:3: the text is not valid YAML/);
    expect(await hashTree(distDir)).toEqual(before);
  });

  it('after an image error', async () => {
    const before = await hashTree(distDir);
    const good = await readFile(path.join(workspace.sitesDir, 'goed/media/plein.jpg'));
    await workspace.writeBuurt('goed', { 'media/plein.jpg': truncated(good) });
    const error = await buildSite('goed', { env }).catch((e: unknown) => e);
    await workspace.writeBuurt('goed', { 'media/plein.jpg': good });
    expect(error).toBeInstanceOf(ContentError);
    expect((error as Error).message).toContain('media/plein.jpg is damaged or incomplete');
    expect(await hashTree(distDir)).toEqual(before);
  });

  it('after Astro itself fails halfway', async () => {
    const before = await hashTree(distDir);
    // The Astro process dies after it started (as it would when out of memory or on a bug in a page).
    const crash = `--import=data:text/javascript,${encodeURIComponent("setTimeout(() => { console.error('error: simulated crash of the Astro process'); process.exit(1); }, 1500);")}`;
    const error = await buildSite('goed', { env: { ...env, NODE_OPTIONS: crash } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as Error).message).toMatch(/^The build of goed failed; the previous site in dist\/goed\/ was kept, unchanged\.\n/);
    expect((error as Error).message).toContain('simulated crash of the Astro process');
    expect(await hashTree(distDir)).toEqual(before);
    expect((await readdir(workspace.distDir)).sort()).toEqual(['goed']);
  });

  it('builds exactly the content that was checked, also when a file changes during the build', async () => {
    const file = path.join(workspace.sitesDir, 'goed', 'content/nieuws/nieuwe-bankjes.md');
    const good = await readFile(file, 'utf8');
    const { cacheDir } = sitePaths('goed');
    const building = buildSite('goed', { env });
    let settled = false;
    void building.then(
      () => (settled = true),
      () => (settled = true),
    );
    // The moment the check hands its content over, an editor's broken save lands (Astro has not read it yet).
    // Watched until the build ends, however long a busy machine takes to get there.
    let handedOver = false;
    while (!handedOver && !settled) {
      handedOver = (await readdir(cacheDir).catch(() => [])).some((name) => name.startsWith('checked-content-'));
      if (!handedOver) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await writeFile(file, good.replace(/^title: .*$/m, 'title: "Gewijzigd na de controle').replace('date: 2026-03-01', 'date: "1 maart'));
    try {
      expect(handedOver).toBe(true);
      const result = await building;
      const html = await readFile(path.join(result.outDir, 'nieuws', 'nieuwe-bankjes', 'index.html'), 'utf8');
      expect(html).not.toContain('Gewijzigd na de controle');
      expect(html).toContain(result.site.entries.nieuws[0]!.data.title);
      expect((await readdir(cacheDir)).filter((name) => name.startsWith('checked-content-'))).toEqual([]);
    } finally {
      await writeFile(file, good);
    }
  });

  it('stops the build and keeps the site when reading the inputs failed', async () => {
    const before = await hashTree(distDir);
    const error = await buildSite('goed', { env, inputsRead: Promise.reject(new Error('simulated unreadable input')) }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('simulated unreadable input');
    expect(await hashTree(distDir)).toEqual(before);
    expect((await readdir(workspace.distDir)).sort()).toEqual(['goed']);
  });

  it('puts a published folder back when a build was killed in the middle of the swap', async () => {
    const before = await hashTree(distDir);
    const dead = 999_999;
    await rename(distDir, `${distDir}.old-${dead}`);
    await mkdir(path.join(workspace.distDir, `.goed.building-${dead}`));
    await mkdir(path.join(workspace.distDir, `.goed.building-${dead}.zoekindex`, 'pagefind'), { recursive: true });
    const { cacheDir } = sitePaths('goed');
    await writeFile(path.join(cacheDir, `checked-content-${dead}.bin`), 'left by a killed build');
    await writeFile(path.join(cacheDir, `checked-content-${process.pid}.bin`), 'a build of this process');
    await recoverInterruptedBuild('goed');
    expect((await readdir(workspace.distDir)).sort()).toEqual(['goed']);
    expect((await readdir(cacheDir)).filter((name) => name.startsWith('checked-content-'))).toEqual([`checked-content-${process.pid}.bin`]);
    await rm(path.join(cacheDir, `checked-content-${process.pid}.bin`));
    expect(await hashTree(distDir)).toEqual(before);
  });
});

describe('the inputs recorded for a build', () => {
  it('checks the content only after the inputs recorded for the build were read', async () => {
    await writeGoodBuurt('tijdens');
    const file = path.join(workspace.sitesDir, 'tijdens', 'content/nieuws/nieuwe-bankjes.md');
    const good = await readFile(file, 'utf8');
    // Astro starts at once; the save that lands while the inputs are still being read must be what is built.
    const inputsRead = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await writeFile(file, good.replace(/^title: .*$/m, 'title: Opgeslagen tijdens het lezen'));
    })();
    try {
      const result = await buildSite('tijdens', { env, inputsRead });
      const html = await readFile(path.join(result.outDir, 'nieuws', 'nieuwe-bankjes', 'index.html'), 'utf8');
      expect(html).toContain('Opgeslagen tijdens het lezen');
    } finally {
      await rm(path.join(workspace.distDir, 'tijdens'), { recursive: true, force: true });
      await rm(path.join(workspace.sitesDir, 'tijdens'), { recursive: true, force: true });
    }
  });
});

describe('buurt build with several buurten', () => {
  it('builds every buurt even when one fails, prints a summary and exits 1', async () => {
    await writeGoodBuurt('ander');
    await writeGoodBuurt('kapot');
    await writeFile(path.join(workspace.sitesDir, 'kapot/content/nieuws/kapot.md'), '---\ntitle: Kapot\ndate: 2026-03-01\n---\n');
    const before = await hashTree(distDir);
    const run = await buurt(['build', 'ander', 'kapot', 'goed']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('kapot: not built, the content has errors; nothing was published (there is no earlier site in dist/kapot/).');
    expect(run.stdout).toContain('kapot.md:2: field "summary": is missing; add it with a text.');
    const table = run.stdout.slice(run.stdout.lastIndexOf('buurt  '));
    const rows = table
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s{2,}/));
    expect(rows[0]).toEqual(['buurt', 'pages', 'time', 'result']);
    const results = Object.fromEntries(rows.slice(2, 5).map((r) => [r[0], { pages: Number(r[1]), result: r[3] }]));
    expect(results).toEqual({
      ander: { pages: expect.any(Number), result: 'built (never built)' },
      goed: { pages: expect.any(Number), result: 'built (never built)' },
      kapot: { pages: 0, result: 'FAILED: content errors' },
    });
    expect(results.goed!.pages).toBeGreaterThan(5);
    expect((await readdir(workspace.distDir)).sort()).toEqual(['ander', 'goed']);
    // Rebuilding the same content gives the same files.
    // (The CLI also leaves its build record's id, .buurt-build, which is never published.)
    expect(
      Object.keys(await hashTree(distDir))
        .filter((f) => f !== '.buurt-build')
        .sort(),
    ).toEqual(Object.keys(before).sort());
  });
});
