/**
 * The CMS in a real browser (Debian's Chromium through playwright-core), against a fresh git repository with
 * the real local editing of `npm start`: our local backend committing on buurt-cms/oost, the production build
 * of the buurt served with its /admin/, rebuilt after every published edit. One repository and one editor
 * serve the tests of this file, each editing its own entry (starting a build and loading the CMS cost more
 * than the tests themselves). Every request that leaves localhost is blocked and must not happen; page errors
 * fail the test. Publishing under `buurt dev` is tested in tests/browser/cms-workflow.test.ts.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { splitFrontMatter } from '../../src/model/content.ts';
import { hasGps } from '../../src/media/images.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { gitIn, startCmsRepo, type CmsRepo } from '../helpers/cms.ts';
import { openAdmin as openAdminAs, publish, save, setStatus } from '../helpers/cms-browser.ts';

const NOW = '2026-01-01T12:00';
/** A browser session with saves, publishes and a build, on a shared 2-core machine. */
const LONG = 480_000;
let browser: TestBrowser;
/** One repository under `npm start`'s local editing, and one editor in /admin/, for the tests of this file. */
let cms: CmsRepo;
let editor: Awaited<ReturnType<typeof openAdminAs>> | undefined;

beforeAll(async () => {
  [browser, cms] = await Promise.all([launchBrowser(), startCmsRepo({ now: NOW })]);
}, LONG);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

/** The editor's /admin/, logged in; opened once (loading the 5 MB CMS costs seconds of CPU) and shared. */
async function openAdmin() {
  editor ??= await openAdminAs(browser, cms, { timezoneId: 'Europe/Amsterdam' });
  return editor;
}

describe('editing a buurt in Decap CMS', () => {
  it(
    'creates a news item with a photo: one commit in the buurt’s folder, and the rebuilt site shows it resized and stripped',
    async () => {
      const start = await gitIn(cms.repo, 'rev-parse', cms.branch);
      const photo = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#4488aa' } })
        .jpeg()
        .withExif({
          IFD0: { Copyright: 'Fotograaf' },
          IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 0/1' },
        })
        .toBuffer();
      expect(hasGps((await sharp(photo).metadata()).exif)).toBe(true);

      const { page, blocked, errors } = await openAdmin();
      await page.goto(`${cms.editing.url}/admin/#/collections/nieuws/new`);
      await page.getByLabel('Titel', { exact: true }).fill('Buurtfeest: café & muziek!');
      await page.getByLabel('Datum', { exact: true }).fill('2025-12-20');
      await page.getByLabel('Samenvatting', { exact: true }).fill('Het feest komt eraan.');
      await page.getByText('Kies een afbeelding').click();
      await page.locator('input[type="file"]').setInputFiles({ name: 'plein.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByRole('button', { name: 'Gebruik selectie' }).click();
      await page.getByLabel(/^Beschrijving van de foto/).fill('Mensen dansen op het plein');
      await page.getByLabel(/^Onderwerpen/).fill('feest, muziek');
      await page.locator('[data-slate-editor="true"]').click();
      await page.keyboard.type('Kom allemaal naar het feest.');

      // The preview looks like the site: the site's stylesheet with the buurt's colours, a Dutch date.
      const preview = page.frameLocator('iframe').first();
      await expect.poll(() => preview.locator('.meta').textContent()).toBe('Geplaatst op 20 december 2025');
      await expect.poll(() => preview.locator('.site-header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(29, 92, 140)');

      await save(page);
      await setStatus(page, 'Concept', 'Klaar');
      await publish(page);
      await cms.editing.settled();

      // One commit, only in sites/oost/, with the news item and the photo.
      const changed = (await gitIn(cms.repo, 'diff', '--name-only', start, cms.branch)).split('\n').sort();
      expect(changed).toEqual(['sites/oost/content/nieuws/buurtfeest-cafe-muziek.md', 'sites/oost/media/plein.jpg']);
      const subjects = (await gitIn(cms.repo, 'log', '--format=%s|%an|%ae', `${start}..${cms.branch}`)).split('\n');
      expect(subjects).toEqual(['Nieuwsbericht “Buurtfeest: café & muziek!” toegevoegd (oost)|Buurtredactie (lokaal)|buurt-cms@users.noreply.localhost']);
      expect(await gitIn(cms.repo, 'rev-parse', 'main')).toBe(start);

      const file = await gitIn(cms.repo, 'show', `${cms.branch}:sites/oost/content/nieuws/buurtfeest-cafe-muziek.md`);
      const parts = splitFrontMatter(file)!;
      expect(parse(parts.yaml, { version: '1.2' })).toEqual({
        title: 'Buurtfeest: café & muziek!',
        date: '2025-12-20',
        summary: 'Het feest komt eraan.',
        image: { src: '../../media/plein.jpg', alt: 'Mensen dansen op het plein' },
        tags: ['feest', 'muziek'],
        draft: false,
      });
      expect(parts.body.trim()).toBe('Kom allemaal naar het feest.');

      // The site was rebuilt from the CMS branch: the item is there, its photo resized and without metadata.
      await page.goto(`${cms.editing.url}/nieuws/buurtfeest-cafe-muziek/`);
      const $ = cheerio.load(await page.content());
      expect($('h1').text()).toBe('Buurtfeest: café & muziek!');
      const img = $('picture img');
      expect(img.attr('alt')).toBe('Mensen dansen op het plein');
      const sources = $('picture source, picture img')
        .map((_, el) => $(el).attr('srcset') ?? '')
        .get()
        .flatMap((srcset) => srcset.split(',').map((s) => s.trim().split(' ')[0]!))
        .filter(Boolean);
      expect(sources.length).toBeGreaterThan(2);
      for (const src of sources) {
        expect(src).toMatch(/^\/_fotos\/[0-9a-f]+-\d+\.(webp|jpg)$/);
        const bytes = await readFile(path.join(cms.workspace.distDir, 'oost', src));
        const meta = await sharp(bytes).metadata();
        expect(meta.width).toBeLessThanOrEqual(1600);
        expect(meta.exif).toBeUndefined();
        expect(hasGps(meta.exif)).toBe(false);
      }
      expect(await page.locator('picture img').evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
      // The original upload is never published.
      expect(await page.request.get(`${cms.editing.url}/media/plein.jpg`).then((r) => r.status())).toBe(404);

      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
    },
    LONG,
  );

  it(
    'keeps the domain, the editors and the CMS settings when an editor changes the buurt’s settings',
    async () => {
      const before = parse(await gitIn(cms.repo, 'show', `${cms.branch}:sites/oost/site.yaml`)) as Record<string, unknown>;
      const { page, blocked, errors } = await openAdmin();
      await page.goto(`${cms.editing.url}/admin/#/collections/instellingen/entries/site`);
      await page.getByLabel(/^Ondertitel/).fill('Samen voor de Oostbuurt');
      // The maintainers' fields are not in the form.
      expect(await page.locator('input[value="https://oostbuurt.nl"], input[value="abc123"]').count()).toBe(0);
      await save(page);
      await setStatus(page, 'Concept', 'Klaar');
      await publish(page);
      const after = parse(await gitIn(cms.repo, 'show', `${cms.branch}:sites/oost/site.yaml`)) as Record<string, unknown>;
      expect(after.tagline).toBe('Samen voor de Oostbuurt');
      expect({ domain: after.domain, editors: after.editors, cms: after.cms }).toEqual({ domain: before.domain, editors: before.editors, cms: before.cms });
      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
    },
    LONG,
  );
});
