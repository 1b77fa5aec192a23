/**
 * Photos in the real CMS (Chromium, the local editing of `npm start`, a fresh git repository per test): every
 * photo an editor picks is cleaned in the browser before Decap sees it, so the commit never holds a location;
 * a HEIC photo is refused with a Dutch message saying what to do.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGps } from '../../src/media/images.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { gitIn, startCmsRepo } from '../helpers/cms.ts';
import { openAdmin, publish, save, setStatus } from '../helpers/cms-browser.ts';
import { heicBytes, phonePhoto } from '../helpers/images.ts';

const run = promisify(execFile);
const NOW = '2026-01-01T12:00';
const LONG = 480_000;
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** A file of a commit, as bytes. */
async function blob(repo: string, spec: string): Promise<Buffer> {
  const { stdout } = await run('git', ['show', spec], { cwd: repo, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The colour at (x, y) as [r, g, b]. */
async function pixel(bytes: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}

describe('photos in the CMS', () => {
  it(
    'commits a phone photo without location or other metadata, upright and within 2560 px and 3 MB; refuses HEIC in Dutch',
    async () => {
      const cms = await startCmsRepo({ now: NOW, mode: 'dev' });
      try {
        // Stored 4000×3000 with orientation 6: shown 3000×4000, red on top, with GPS, XMP and IPTC.
        const original = await phonePhoto(4000, 3000);
        const meta = await sharp(original).metadata();
        expect({ orientation: meta.orientation, gps: hasGps(meta.exif), xmp: Boolean(meta.xmp), iptc: Boolean(meta.iptc) }).toEqual({
          orientation: 6,
          gps: true,
          xmp: true,
          iptc: true,
        });

        const { page, blocked, errors } = await openAdmin(browser, cms);
        await page.goto(`${cms.editing.url}/admin/#/collections/nieuws/new`);
        await page.getByLabel('Titel', { exact: true }).fill('Nieuwe glijbaan in de speeltuin');
        await page.getByLabel('Datum', { exact: true }).fill('2025-12-20');
        await page.getByLabel('Samenvatting', { exact: true }).fill('De kinderen kunnen weer glijden.');
        await page.getByText('Kies een afbeelding').click();

        // HEIC: refused before Decap sees it, with what to do.
        await page.locator('input[type="file"]').setInputFiles({ name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: heicBytes() });
        const alert = page.getByRole('alert').filter({ hasText: 'HEIC' });
        await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toContain('Meest compatibel');
        expect(await alert.textContent()).toContain('“IMG_0001.HEIC” is een HEIC-foto');
        await alert.getByRole('button', { name: 'Melding sluiten' }).click();
        expect(await page.getByText('IMG_0001', { exact: false }).count()).toBe(0);

        await page.locator('input[type="file"]').setInputFiles({ name: 'speeltuin.jpg', mimeType: 'image/jpeg', buffer: original });
        // Decoding and encoding a 12-megapixel photo takes a moment on a busy machine (or an old phone).
        await expect
          .poll(() => page.locator('#buurt-photo-message p').textContent(), { timeout: 60_000 })
          .toBe('Foto “speeltuin.jpg” is klaar: zonder locatie en andere verborgen gegevens, 1920 × 2560 pixels. Kies “Gebruik selectie” om hem te gebruiken.');
        await page.getByRole('button', { name: 'Gebruik selectie' }).click();
        await page.getByLabel(/^Beschrijving van de foto/).fill('Een rode glijbaan');

        // The preview shows the cleaned photo: upright (red on top), 1920×2560.
        const preview = page.frameLocator('iframe').first();
        await expect
          .poll(() => preview.locator('img.hero').evaluate((img: HTMLImageElement) => (img.complete ? `${img.naturalWidth}×${img.naturalHeight}` : '')), {
            timeout: 30_000,
          })
          .toBe('1920×2560');
        const top = await preview.locator('img.hero').evaluate((img: HTMLImageElement) => {
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth;
          canvas.height = img.naturalHeight;
          const context = canvas.getContext('2d')!;
          context.drawImage(img, 0, 0);
          return [...context.getImageData(img.naturalWidth / 2, 10, 1, 1).data.slice(0, 3)];
        });
        expect(top[0]).toBeGreaterThan(180);
        expect(top[2]).toBeLessThan(90);

        await save(page);
        await setStatus(page, 'Concept', 'Klaar');
        await publish(page);

        // The commit names the title, and its photo holds no metadata at all.
        expect(await gitIn(cms.repo, 'log', '-1', '--format=%s', cms.branch)).toBe('Nieuwsbericht “Nieuwe glijbaan in de speeltuin” toegevoegd (oost)');
        const history = (await gitIn(cms.repo, 'log', '--format=%H', `main..${cms.branch}`)).split('\n');
        for (const commit of history) {
          const files = (await gitIn(cms.repo, 'show', '--name-only', '--format=', commit)).split('\n');
          for (const file of files.filter((f) => f.startsWith('sites/oost/media/'))) {
            const bytes = await blob(cms.repo, `${commit}:${file}`);
            const committed = await sharp(bytes).metadata();
            expect({ file, exif: committed.exif, xmp: committed.xmp, iptc: committed.iptc, orientation: committed.orientation ?? 1 }).toEqual({
              file: 'sites/oost/media/speeltuin.jpg',
              exif: undefined,
              xmp: undefined,
              iptc: undefined,
              orientation: 1,
            });
            expect({ format: committed.format, width: committed.width, height: committed.height }).toEqual({ format: 'jpeg', width: 1920, height: 2560 });
            expect(bytes.length).toBeLessThanOrEqual(3 * 1024 * 1024);
            expect(bytes.includes(Buffer.from('Amsterdam'))).toBe(false);
            expect(bytes.includes(Buffer.from('Fruitphone'))).toBe(false);
            // Upright: the stored left half (red) is now on top, the right half (blue) at the bottom.
            const [r1, , b1] = await pixel(bytes, 960, 100);
            const [r2, , b2] = await pixel(bytes, 960, 2460);
            expect(r1).toBeGreaterThan(b1! + 100);
            expect(b2).toBeGreaterThan(r2! + 100);
          }
        }
        const media = await gitIn(cms.repo, 'ls-tree', '-r', '--name-only', cms.branch, 'sites/oost/media/');
        expect(media.split('\n')).toEqual(['sites/oost/media/speeltuin.jpg']);

        expect(errors).toEqual([]);
        expect(blocked).toEqual([]);
      } finally {
        await cms.stop();
      }
    },
    LONG,
  );
});
