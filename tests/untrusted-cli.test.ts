/**
 * `buurt check` and `buurt media fix` through the real CLI (Node 24 running scripts/buurt.ts): exit codes,
 * the --json report, and media originals rewritten in place without touching anything else.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../scripts/commands/check.ts';
import { runCli, type CliResult } from './helpers/cli.ts';
import { createWorkspace, type Workspace } from './helpers/fixtures.ts';
import { phonePhoto, photo } from './helpers/images.ts';

let workspace: Workspace;

function buurt(args: string[]): Promise<CliResult> {
  return runCli(args, { cwd: workspace.root, env: { ...workspace.env, BUURT_NOW: '2026-03-10T12:00' } });
}

async function hashes(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort())
    result[name] = createHash('sha256')
      .update(await readFile(path.join(dir, name)))
      .digest('hex');
  return result;
}

beforeAll(async () => {
  workspace = await createWorkspace();
  await workspace.copyFixture('last-good-site', 'schoon');
  await workspace.writeBuurt('schoon', { 'media/plein.jpg': await photo(1200, 800) });
  await workspace.copyFixture('last-good-site', 'waarschuwing');
  await workspace.writeBuurt('waarschuwing', { 'media/plein.jpg': await photo(1200, 800), 'media/oud.jpg': await photo(100, 100) });
  await workspace.copyFixture('wrong-type');
});
afterAll(async () => {
  await workspace?.dispose();
});

describe('buurt check', () => {
  it('exits 0 for a clean buurt', async () => {
    const run = await buurt(['check', 'schoon']);
    expect(run).toMatchObject({ code: 0, stdout: 'schoon: no problems.\n' });
  });

  it('exits 0 when there are only warnings, and prints them', async () => {
    const run = await buurt(['check', 'waarschuwing']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchInlineSnapshot(`
      "sites/waarschuwing/media/oud.jpg: warning: no page uses this file; it is not published, but it stays in the repository: remove it if it is no longer needed.
      waarschuwing: 0 errors, 1 warning.
      "
    `);
  });

  it('exits 1 with every error, and a summary per buurt', async () => {
    const run = await buurt(['check', '--all']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'sites/wrong-type/content/agenda/buurtborrel.md:3: field "start": "14-03-2026" is not a date and time; write it as 2026-03-14T20:00 (or 2026-03-14 for a whole day).\n',
    );
    expect(run.stdout).toContain('wrong-type: 16 errors, 0 warnings. It will not be built until the errors are fixed.\n');
    expect(run.stdout).toContain('3 buurten checked: errors in wrong-type.\n');
  });

  it('exits 2 on a usage error', async () => {
    expect(await buurt(['check'])).toMatchObject({ code: 2 });
    expect((await buurt(['check', 'bestaat-niet'])).stderr).toContain('Unknown buurt "bestaat-niet"');
    expect(await buurt(['check', 'schoon', '--verbose'])).toMatchObject({ code: 2 });
    expect(await buurt(['check', 'schoon', '--all'])).toMatchObject({ code: 2 });
  });

  it('reports to machines with --json', async () => {
    const run = await buurt(['check', 'wrong-type', 'waarschuwing', '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report).toMatchObject({ ok: false, errors: 16, warnings: 1 });
    expect(report.buurten.map((b) => [b.slug, b.ok, b.errors, b.warnings])).toEqual([
      ['wrong-type', false, 16, 0],
      ['waarschuwing', true, 0, 1],
    ]);
    expect(report.buurten[0]!.problems[0]).toEqual({
      code: 'invalid-field',
      severity: 'error',
      file: 'sites/wrong-type/content/agenda/buurtborrel.md',
      line: 3,
      field: 'start',
      message: '"14-03-2026" is not a date and time; write it as 2026-03-14T20:00 (or 2026-03-14 for a whole day)',
      text: 'sites/wrong-type/content/agenda/buurtborrel.md:3: field "start": "14-03-2026" is not a date and time; write it as 2026-03-14T20:00 (or 2026-03-14 for a whole day).',
    });
    expect(report.buurten[1]!.problems[0]).toMatchObject({ code: 'media-unused', severity: 'warning', line: null, field: null });
  });
});

describe('buurt media fix', () => {
  let mediaDir: string;
  beforeAll(async () => {
    await workspace.copyFixture('last-good-site', 'telefoon');
    await workspace.writeBuurt('telefoon', {
      'media/plein.jpg': await phonePhoto(3000, 2000),
      'media/schoon.jpg': await photo(800, 600),
      'media/kaart.png': await sharp(await photo(4000, 1000, 'png'))
        .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 0/1' } })
        .png()
        .toBuffer(),
      'media/alleen-gps.jpg': await sharp(await photo(640, 480))
        .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 0/1' } })
        .jpeg()
        .toBuffer(),
      'media/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'media/folder.pdf': '%PDF-1.7 niet aanraken',
    });
    mediaDir = path.join(workspace.sitesDir, 'telefoon/media');
  });

  it('with --dry-run says what it would do and writes nothing', async () => {
    const before = await hashes(mediaDir);
    const run = await buurt(['media', 'fix', 'telefoon', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout.replace(/\d+(\.\d)? (kB|MB)/g, 'N kB')).toMatchInlineSnapshot(`
      "would fix  sites/telefoon/media/alleen-gps.jpg: removed the location (GPS), removed the other metadata (EXIF, XMP, IPTC), kept every pixel as it was; N kB → N kB (saved N kB)
      skipped  sites/telefoon/media/folder.pdf: not an image the site publishes
      would fix  sites/telefoon/media/kaart.png: removed the location (GPS), removed the other metadata (EXIF, XMP, IPTC), resized 4000×1000 → 2560×640; N kB → N kB (saved N kB)
      skipped  sites/telefoon/media/logo.svg: an SVG drawing; the site does not publish SVG files
      would fix  sites/telefoon/media/plein.jpg: removed the location (GPS), removed the other metadata (EXIF, XMP, IPTC), turned it upright, resized 2000×3000 → 1707×2560; N kB → N kB (saved N kB)

      Would fix 3 of 6 files, saving N kB; 3 left as they were. Dry run: nothing was written.
      "
    `);
    expect(await hashes(mediaDir)).toEqual(before);
  });

  it('rewrites originals in place: upright, no metadata, long side at most 2560, same format; leaves the rest alone', async () => {
    const before = await hashes(mediaDir);
    const run = await buurt(['media', 'fix', 'telefoon']);
    expect(run.code).toBe(0);
    const after = await hashes(mediaDir);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const untouched of ['schoon.jpg', 'logo.svg', 'folder.pdf']) expect(after[untouched], untouched).toBe(before[untouched]);
    for (const changed of ['plein.jpg', 'kaart.png', 'alleen-gps.jpg']) expect(after[changed], changed).not.toBe(before[changed]);

    const plein = await sharp(path.join(mediaDir, 'plein.jpg')).metadata();
    expect(plein).toMatchObject({ format: 'jpeg', width: 1707, height: 2560 });
    expect([plein.exif, plein.xmp, plein.iptc, plein.orientation]).toEqual([undefined, undefined, undefined, undefined]);
    const kaart = await sharp(path.join(mediaDir, 'kaart.png')).metadata();
    expect(kaart).toMatchObject({ format: 'png', width: 2560, height: 640 });
    expect(kaart.exif).toBeUndefined();
    // Only the location had to go: the pixels are exactly the same, only the EXIF block was cut out.
    const gps = path.join(mediaDir, 'alleen-gps.jpg');
    expect((await sharp(gps).metadata()).exif).toBeUndefined();
    expect(run.stdout).toContain('alleen-gps.jpg: removed the location (GPS), removed the other metadata (EXIF, XMP, IPTC), kept every pixel as it was');
    expect(run.stdout).toMatch(/Fixed 3 of 6 files, saved \d/);
    expect(await buurt(['check', 'telefoon'])).toMatchObject({ code: 0 });
    expect((await buurt(['check', 'telefoon'])).stdout).not.toMatch(/media-|location|pixels;/);
  });

  it('finds nothing to do the second time', async () => {
    const before = await hashes(mediaDir);
    const run = await buurt(['media', 'fix', 'telefoon']);
    expect(run.stdout).toContain('Nothing to fix in sites/telefoon/media (6 files checked).');
    expect(await hashes(mediaDir)).toEqual(before);
  });

  it('exits 2 without an action or a buurt', async () => {
    expect(await buurt(['media', 'fix'])).toMatchObject({ code: 2 });
    expect(await buurt(['media', 'opruimen', 'telefoon'])).toMatchObject({ code: 2 });
  });
});
