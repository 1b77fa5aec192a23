/**
 * Details of editing in the real CMS (Chromium, `buurt dev` on one fresh git repository that the tests share,
 * each editing its own entries: starting a dev server and opening Decap cost more than most tests):
 * - on a phone: a 390 px wide touch screen (isMobile, hasTouch), with the admin's own stylesheet repairing
 *   Decap's desktop layout. An editor logs in, writes a news item with a photo from the phone, creates a
 *   recurring activity and moves it through the workflow to publication;
 * - photos: every photo an editor picks is cleaned in the browser before Decap sees it, so the commit never
 *   holds a location; a HEIC photo is refused with a Dutch message saying what to do;
 * - rough edges an editor met: a new entry opened right after "Nu publiceren" must be empty, the refusal to
 *   publish names the status as the toolbar does, conditionally required fields say so, and nothing a screen
 *   reader reads out is English.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Page, Route } from 'playwright-core';
import { hasGps } from '../../src/media/images.ts';
import { splitFrontMatter } from '../../src/model/content.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { gitIn, startCmsRepo, type CmsRepo } from '../helpers/cms.ts';
import { groupToggle, openAdmin, PHONE, publish, save, setStatus } from '../helpers/cms-browser.ts';
import { heicBytes, phonePhoto } from '../helpers/images.ts';

const run = promisify(execFile);
const NOW = '2026-01-01T12:00';
/** A browser session with saves and publishes, on a shared 2-core machine. */
const LONG = 600_000;
let browser: TestBrowser;
let cms: CmsRepo;

beforeAll(async () => {
  [browser, cms] = await Promise.all([launchBrowser(), startCmsRepo({ now: NOW, mode: 'dev' })]);
}, LONG);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

/** The page does not scroll sideways: nothing sticks out past the phone's width. */
function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** True when the element is entirely on the screen, where a thumb can reach it. */
async function onScreen(page: Page, name: string | RegExp): Promise<boolean> {
  const box = await page
    .getByRole('button', { name, exact: typeof name === 'string' })
    .first()
    .boundingBox();
  return box !== null && box.x >= 0 && box.x + box.width <= PHONE.viewport.width;
}

async function tapSave(page: Page): Promise<void> {
  expect(await onScreen(page, 'Opslaan')).toBe(true);
  await page.getByRole('button', { name: 'Opslaan', exact: true }).tap();
  await page.getByText('Item opgeslagen').last().waitFor();
  await page.getByRole('button', { name: /^Status:/ }).waitFor();
}

async function tapStatus(page: Page, from: string, to: string): Promise<void> {
  expect(await onScreen(page, `Status: ${from}`)).toBe(true);
  await page.getByRole('button', { name: `Status: ${from}` }).tap();
  await page.getByRole('menuitem', { name: to }).tap();
  await page.getByRole('button', { name: `Status: ${to}` }).waitFor();
}

async function tapPublish(page: Page): Promise<void> {
  expect(await onScreen(page, 'Publiceren')).toBe(true);
  await page.getByRole('button', { name: 'Publiceren', exact: true }).tap();
  await page.getByRole('menuitem', { name: 'Nu publiceren' }).tap();
  await page.getByText('Item gepubliceerd').last().waitFor();
}

describe('the CMS on a phone', () => {
  it(
    'lets an editor write news with a photo, create a recurring activity and publish it, on 390 px with touch',
    async () => {
      const { page, blocked, errors } = await openAdmin(browser, cms, { phone: true });
      expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);

      // A news item with a photo taken on the phone.
      await page.getByRole('link', { name: 'Nieuws' }).first().tap();
      await page.getByRole('link', { name: 'Nieuw: Nieuwsbericht' }).tap();
      await page.getByLabel('Titel', { exact: true }).fill('Bloembakken geplant');
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      await page.getByLabel('Datum', { exact: true }).fill('2025-12-20');
      await page.getByLabel('Samenvatting', { exact: true }).fill('De straat is weer groen.');
      await page.getByText('Kies een afbeelding').tap();
      await page.locator('input[type="file"]').setInputFiles({ name: 'bloembak.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto(1600, 1200) });
      await expect.poll(() => page.locator('#buurt-photo-message p').textContent(), { timeout: 60_000 }).toMatch(/^Foto “bloembak\.jpg” is klaar/);
      await page.getByRole('button', { name: 'Melding sluiten' }).tap();
      await page.getByRole('button', { name: 'Gebruik selectie' }).tap();
      await page.getByLabel(/^Beschrijving van de foto/).fill('Bloembakken vol viooltjes');
      await tapSave(page);
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      await tapStatus(page, 'Concept', 'Klaar');
      await tapPublish(page);
      const news = await gitIn(cms.repo, 'show', `${cms.branch}:sites/oost/content/nieuws/bloembakken-geplant.md`);
      expect(parse(splitFrontMatter(news)!.yaml, { version: '1.2' })).toMatchObject({
        title: 'Bloembakken geplant',
        image: { src: '../../media/bloembak.jpg', alt: 'Bloembakken vol viooltjes' },
      });

      // A recurring activity, moved through every status of the workflow.
      await page.getByRole('link', { name: /Terug naar Nieuws/ }).tap();
      await page.getByRole('link', { name: 'Agenda' }).first().tap();
      await page.getByRole('link', { name: 'Nieuw: Activiteit' }).tap();
      await page.getByLabel('Titel', { exact: true }).fill('Koffieochtend');
      await page.getByLabel('Begint op', { exact: true }).fill('2026-01-13T10:00');
      await page.getByLabel(/^Eindigt op/).fill('2026-01-13T12:00');
      await page.getByLabel('Naam van de plek', { exact: true }).fill('Buurthuis De Kroon');
      await page.getByLabel('Samenvatting', { exact: true }).fill('Elke dinsdag koffie en een praatje.');
      const repetition = page.locator('label').filter({ hasText: /^Herhaling/ });
      await repetition.scrollIntoViewIfNeeded();
      await groupToggle(page, 'Herhaling').tap();
      await expect
        .poll(() =>
          page
            .locator('label')
            .filter({ hasText: /^Hoe vaak/ })
            .textContent(),
        )
        .toBe('Hoe vaak (verplicht bij “Herhaling”)');
      await page.getByLabel(/^Hoe vaak/).tap();
      await page.getByText('Elke week', { exact: true }).tap();
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      await tapSave(page);
      await tapStatus(page, 'Concept', 'Ter beoordeling');
      await tapStatus(page, 'Ter beoordeling', 'Klaar');
      await tapPublish(page);
      const activity = await gitIn(cms.repo, 'show', `${cms.branch}:sites/oost/content/agenda/koffieochtend.md`);
      expect(parse(splitFrontMatter(activity)!.yaml, { version: '1.2' })).toMatchObject({
        title: 'Koffieochtend',
        start: '2026-01-13T10:00',
        location: { name: 'Buurthuis De Kroon' },
        recurrence: { frequency: 'weekly' },
      });
      expect(await gitIn(cms.repo, 'log', '-1', '--format=%s', cms.branch)).toMatch(/Koffieochtend/);

      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
    },
    LONG,
  );
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
      // Stored 4000×3000 with orientation 6: shown 3000×4000, red on top, with GPS, XMP and IPTC.
      const original = await phonePhoto(4000, 3000);
      const meta = await sharp(original).metadata();
      expect({ orientation: meta.orientation, gps: hasGps(meta.exif), xmp: Boolean(meta.xmp), iptc: Boolean(meta.iptc) }).toEqual({
        orientation: 6,
        gps: true,
        xmp: true,
        iptc: true,
      });

      // What the other tests of this file committed before stays out of the checks below.
      const start = await gitIn(cms.repo, 'rev-parse', cms.branch);
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
      const history = (await gitIn(cms.repo, 'log', '--format=%H', `${start}..${cms.branch}`)).split('\n');
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
      const media = await gitIn(cms.repo, 'diff', '--name-only', start, cms.branch, '--', 'sites/oost/media/');
      expect(media.split('\n')).toEqual(['sites/oost/media/speeltuin.jpg']);

      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
    },
    LONG,
  );
});

/** English words of Decap's interface that must not reach an editor or a screen reader. */
const ENGLISH = /\b(field|set|now|collapse|expand|account|options?|dropdown|close|toggle|add|remove|choose|view|list|grid)\b/i;

/** Every name a screen reader or tooltip gives in the page: aria-label, title, placeholder, alt. */
function accessibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')].flatMap((el) =>
      ['aria-label', 'title', 'placeholder', 'alt'].map((name) => el.getAttribute(name)).filter((value): value is string => Boolean(value)),
    ),
  );
}

describe('rough edges of the CMS', () => {
  it(
    'opens a new entry empty right after publishing, names the status “Klaar”, marks conditionally required fields, speaks Dutch',
    async () => {
      const concepts = async () => (await gitIn(cms.repo, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/cms/')).split('\n').filter(Boolean);
      const conceptsBefore = await concepts();
      const { page, blocked, errors, dialogs } = await openAdmin(browser, cms);
      await page.goto(`${cms.editing.url}/admin/#/collections/nieuws/new`);
      await page.getByLabel('Titel', { exact: true }).waitFor();

      // The description of a photo: required as soon as there is a photo, and the label says so.
      await expect
        .poll(() =>
          page
            .locator('label')
            .filter({ hasText: /^Beschrijving van de foto/ })
            .textContent(),
        )
        .toBe('Beschrijving van de foto (verplicht bij “Foto”)');
      expect(await page.locator('label').filter({ hasText: /^Foto/ }).first().textContent()).toBe('Foto (optioneel)');
      expect(await page.getByText('Verplicht zodra je iets invult bij “Foto”.', { exact: false }).count()).toBe(2);

      const english = (await accessibleTexts(page)).filter((text) => ENGLISH.test(text));
      expect(english).toEqual([]);

      await page.getByLabel('Titel', { exact: true }).fill('Straatspeeldag');
      await page.getByLabel('Datum', { exact: true }).fill('2025-12-28');
      await page.getByLabel('Samenvatting', { exact: true }).fill('De straat is van de kinderen.');
      await save(page);

      // Publishing a concept is refused in the toolbar's words.
      await page.getByRole('button', { name: 'Publiceren', exact: true }).click();
      await page.getByRole('menuitem', { name: 'Nu publiceren' }).click();
      await expect.poll(() => dialogs.at(-1)).toBe('Publiceren kan pas als de status “Klaar” is. Kies eerst bij “Status” de stand “Klaar”.');
      expect((await accessibleTexts(page)).filter((text) => ENGLISH.test(text))).toEqual([]);

      await setStatus(page, 'Concept', 'Klaar');

      // Hold Decap's reload of the published entry until the editor has opened a new one: the moment the
      // old form used to come back.
      const held: Route[] = [];
      let holding = true;
      await page.route('**/api/v1', (route) => {
        const body = route.request().postData() ?? '';
        if (holding && body.includes('"action":"getEntry"') && body.includes('straatspeeldag')) held.push(route);
        else void route.continue();
      });
      await page.getByRole('button', { name: 'Publiceren', exact: true }).click();
      await page.getByRole('menuitem', { name: 'Nu publiceren' }).click();
      await page.getByText('Item gepubliceerd').last().waitFor();
      await expect.poll(() => held.length, { timeout: 60_000 }).toBeGreaterThan(0);

      await page.goto(`${cms.editing.url}/admin/#/collections/nieuws/new`);
      const title = page.getByLabel('Titel', { exact: true });
      // The form of a new entry: no workflow status yet.
      await expect.poll(() => page.getByRole('button', { name: /^Status:/ }).count(), { timeout: 60_000 }).toBe(0);
      await expect.poll(() => title.inputValue(), { timeout: 60_000 }).toBe('');

      // Release the reload and wait until it and everything it started have been answered.
      holding = false;
      let pending = 0;
      page.on('request', (request) => void (request.url().endsWith('/api/v1') && pending++));
      page.on('requestfinished', (request) => void (request.url().endsWith('/api/v1') && pending--));
      const reloaded = page.waitForResponse((response) => response.request().postData()?.includes('"action":"getEntry"') === true);
      for (const route of held) await route.continue();
      await reloaded;
      await expect.poll(() => pending, { timeout: 60_000 }).toBe(0);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

      expect(await title.inputValue()).toBe('');
      expect(await page.getByLabel('Samenvatting', { exact: true }).inputValue()).toBe('');
      expect(page.url()).toMatch(/#\/collections\/nieuws\/new$/);

      // Typing there makes a new entry; the published one is untouched.
      await title.fill('Rommelmarkt');
      await page.getByLabel('Datum', { exact: true }).fill('2025-12-29');
      await page.getByLabel('Samenvatting', { exact: true }).fill('Spullen ruilen op het plein.');
      await save(page);
      // Without the guard, the reloaded entry took the form over after all and this save changed it instead.
      await expect.poll(concepts, { timeout: 60_000 }).toEqual([...conceptsBefore, 'cms/oost/nieuws/rommelmarkt'].sort());
      expect(await gitIn(cms.repo, 'log', '-1', '--format=%s', 'cms/oost/nieuws/rommelmarkt')).toBe('Nieuwsbericht “Rommelmarkt” toegevoegd (oost)');
      expect(await gitIn(cms.repo, 'show', `${cms.branch}:sites/oost/content/nieuws/straatspeeldag.md`)).toContain('title: Straatspeeldag');

      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
    },
    LONG,
  );
});
