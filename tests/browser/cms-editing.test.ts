/**
 * The CMS in a real browser (Debian's Chromium through playwright-core), against a fresh git repository per
 * test, with the real local editing of `npm start`: our local backend committing on buurt-cms/oost, the
 * production build of the buurt served with its /admin/, rebuilt after every published edit. Every request
 * that leaves localhost is blocked and must not happen; page errors fail the test.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { splitFrontMatter } from '../../src/lib/content.ts';
import { buildSite } from '../../src/lib/build.ts';
import { hasGps } from '../../src/lib/images.ts';
import { rootDir } from '../../src/lib/paths.ts';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { gitIn, startCmsRepo, type CmsRepo } from '../helpers/cms.ts';
import { openAdmin as openAdminAs, publish, save, setStatus } from '../helpers/cms-browser.ts';
import { builtSite } from '../helpers/fixtures.ts';

const NOW = '2026-01-01T12:00';
/** A browser session with saves, publishes and a build, on a shared 2-core machine. */
const LONG = 480_000;
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens /admin/ and logs in. */
function openAdmin(cms: CmsRepo, timezoneId = 'Europe/Amsterdam') {
  return openAdminAs(browser, cms, { timezoneId });
}

async function branches(repo: string): Promise<string[]> {
  return (await gitIn(repo, 'branch', '--format=%(refname:short)')).split('\n').filter(Boolean).sort();
}

describe('editing a buurt in Decap CMS', () => {
  it(
    'creates a news item with a photo: one commit in the buurt’s folder, and the rebuilt site shows it resized and stripped',
    async () => {
      const cms = await startCmsRepo({ now: NOW });
      try {
        const start = await gitIn(cms.repo, 'rev-parse', cms.branch);
        const photo = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#4488aa' } })
          .jpeg()
          .withExif({
            IFD0: { Copyright: 'Fotograaf' },
            IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 0/1' },
          })
          .toBuffer();
        expect(hasGps((await sharp(photo).metadata()).exif)).toBe(true);

        const { page, blocked, errors } = await openAdmin(cms);
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
      } finally {
        await cms.stop();
      }
    },
    LONG,
  );

  it(
    'runs the editorial workflow: concept on its own branch, ter beoordeling, klaar, then merged and the branch deleted',
    async () => {
      const cms = await startCmsRepo({ now: NOW });
      try {
        const start = await gitIn(cms.repo, 'rev-parse', cms.branch);
        const { page, blocked, errors } = await openAdmin(cms);
        await page.goto(`${cms.editing.url}/admin/#/collections/nieuws/new`);
        await page.getByLabel('Titel', { exact: true }).fill('Straatspeeldag');
        await page.getByLabel('Datum', { exact: true }).fill('2025-12-28');
        await page.getByLabel('Samenvatting', { exact: true }).fill('De straat is van de kinderen.');

        await save(page);
        const branch = 'cms/oost/nieuws/straatspeeldag';
        expect(await branches(cms.repo)).toEqual([cms.branch, branch, 'main'].sort());
        expect(await gitIn(cms.repo, 'config', `branch.${branch}.description`)).toBe('decap-cms/draft');
        expect(await gitIn(cms.repo, 'rev-parse', cms.branch)).toBe(start);
        const concept = await gitIn(cms.repo, 'log', '-1', '--format=%s', branch);
        expect(concept).toBe('Nieuwsbericht “Straatspeeldag” toegevoegd (oost)');

        await setStatus(page, 'Concept', 'Ter beoordeling');
        expect(await gitIn(cms.repo, 'config', `branch.${branch}.description`)).toBe('decap-cms/pending_review');
        // The workflow board shows it in the Dutch column.
        await page.goto(`${cms.editing.url}/admin/#/workflow`);
        await expect.poll(() => page.getByText('Ter beoordeling').count()).toBeGreaterThan(0);
        await page.getByText('Straatspeeldag').first().click();

        await setStatus(page, 'Ter beoordeling', 'Klaar');
        expect(await gitIn(cms.repo, 'config', `branch.${branch}.description`)).toBe('decap-cms/pending_publish');
        const entryCommit = await gitIn(cms.repo, 'rev-parse', branch);

        await publish(page);
        expect(await branches(cms.repo)).toEqual([cms.branch, 'main'].sort());
        expect(await gitIn(cms.repo, 'merge-base', '--is-ancestor', entryCommit, cms.branch).then(() => true)).toBe(true);
        expect(await gitIn(cms.repo, 'show', `${cms.branch}:sites/oost/content/nieuws/straatspeeldag.md`)).toContain('title: Straatspeeldag');
        expect(await gitIn(cms.repo, 'rev-parse', 'main')).toBe(start);

        await cms.editing.settled();
        await page.goto(`${cms.editing.url}/nieuws/`);
        await expect.poll(() => page.getByRole('link', { name: 'Straatspeeldag' }).count()).toBe(1);

        expect(errors).toEqual([]);
        expect(blocked).toEqual([]);
      } finally {
        await cms.stop();
      }
    },
    LONG,
  );

  it(
    'stores the Amsterdam time an editor types, in winter and summer, from New York and from Tokyo',
    async () => {
      // Dev mode (buurt dev): no rebuild after every publish; the site is built once at the end.
      const cms = await startCmsRepo({ now: NOW, mode: 'dev' });
      try {
        /** Edits an activity's start and end in a browser with the time zone `timezoneId`. */
        const edit = async (timezoneId: string, slug: string, shown: string, start: string, end: string, preview: string) => {
          const { page, blocked, errors, context } = await openAdmin(cms, timezoneId);
          expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(timezoneId);
          await page.goto(`${cms.editing.url}/admin/#/collections/agenda/entries/${slug}`);
          const startInput = page.getByLabel('Begint op', { exact: true });
          await expect.poll(() => startInput.inputValue()).toBe(shown);
          await startInput.fill(start);
          await page.getByLabel(/^Eindigt op/).fill(end);
          await expect.poll(() => page.frameLocator('iframe').first().getByTestId('preview-when').textContent()).toBe(preview);
          await save(page);
          await setStatus(page, 'Concept', 'Klaar');
          await publish(page);
          const file = await gitIn(cms.repo, 'show', `${cms.branch}:sites/oost/content/agenda/${slug}.md`);
          const data = parse(splitFrontMatter(file)!.yaml, { version: '1.2' }) as { start: string; end: string };
          expect({ start: data.start, end: data.end }).toEqual({ start, end });
          expect(errors).toEqual([]);
          expect(blocked).toEqual([]);
          await context.close();
        };
        await edit('America/New_York', 'winterborrel', '2026-01-15T19:30', '2026-01-15T20:15', '2026-01-15T22:00', 'do 15 januari 2026, 20:15–22:00');
        await edit('America/New_York', 'zomerfeest', '2026-07-04T14:00', '2026-07-04T15:30', '2026-07-04T18:00', 'za 4 juli 2026, 15:30–18:00');
        await edit('Asia/Tokyo', 'winterborrel', '2026-01-15T20:15', '2026-01-15T18:45', '2026-01-15T21:30', 'do 15 januari 2026, 18:45–21:30');
        await edit('Asia/Tokyo', 'zomerfeest', '2026-07-04T15:30', '2026-07-04T16:45', '2026-07-04T23:00', 'za 4 juli 2026, 16:45–23:00');

        // A rebuild from the CMS branch shows the times as typed.
        process.env.BUURT_SITES_DIR = path.join(cms.editing.cms.servedDir, 'sites');
        const built = builtSite((await buildSite('oost', { env: { BUURT_NOW: NOW } })).outDir);
        const winter = await built.page('/agenda/winterborrel/');
        expect(winter('dl.facts time').first().text()).toBe('do 15 januari 2026, 18:45–21:30');
        expect(winter('dl.facts time').first().attr('datetime')).toBe('2026-01-15T18:45:00+01:00');
        const summer = await built.page('/agenda/zomerfeest/');
        expect(summer('dl.facts time').first().text()).toBe('za 4 juli 2026, 16:45–23:00');
        expect(summer('dl.facts time').first().attr('datetime')).toBe('2026-07-04T16:45:00+02:00');
      } finally {
        await cms.stop();
      }
    },
    LONG,
  );

  it(
    'keeps the domain, the editors and the CMS settings when an editor changes the buurt’s settings',
    async () => {
      const cms = await startCmsRepo({ now: NOW });
      try {
        const before = parse(await gitIn(cms.repo, 'show', `${cms.branch}:sites/oost/site.yaml`)) as Record<string, unknown>;
        const { page, blocked, errors } = await openAdmin(cms);
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
      } finally {
        await cms.stop();
      }
    },
    LONG,
  );

  it(
    'works the same in dev mode (buurt dev): the saved item appears on the dev site',
    async () => {
      const cms = await startCmsRepo({ now: NOW, mode: 'dev' });
      try {
        const { page, blocked, errors } = await openAdmin(cms);
        await page.goto(`${cms.editing.url}/admin/#/collections/nieuws/new`);
        await page.getByLabel('Titel', { exact: true }).fill('Snoeidag');
        await page.getByLabel('Datum', { exact: true }).fill('2025-12-30');
        await page.getByLabel('Samenvatting', { exact: true }).fill('Samen de heggen snoeien.');
        await save(page);
        await setStatus(page, 'Concept', 'Klaar');
        await publish(page);
        expect(await gitIn(cms.repo, 'log', '-1', '--format=%s', cms.branch)).toBe('Nieuwsbericht “Snoeidag” toegevoegd (oost)');
        await expect.poll(async () => (await page.request.get(`${cms.editing.url}/nieuws/snoeidag/`)).status(), { timeout: 30_000 }).toBe(200);
        await page.goto(`${cms.editing.url}/nieuws/snoeidag/`);
        expect(await page.locator('h1').textContent()).toBe('Snoeidag');
        expect(errors).toEqual([]);
        expect(blocked).toEqual([]);
      } finally {
        await cms.stop();
      }
    },
    LONG,
  );

  it(
    'stays steady with several editors at once on a busy machine: no 5xx, no blank editor, no content error on the dev site',
    async () => {
      const cms = await startCmsRepo({ now: NOW, mode: 'dev' });
      // Load: `buurt build` of the other buurt, again and again, beside the editing.
      let loading = true;
      const builds: number[] = [];
      const buildWest = async () => {
        while (loading) {
          const code = await new Promise<number | null>((resolve) => {
            const child = spawn(process.execPath, [path.join(rootDir, 'scripts/buurt.ts'), 'build', 'west'], {
              cwd: rootDir,
              env: { ...process.env, BUURT_SITES_DIR: path.join(cms.repo, 'sites'), BUURT_NOW: NOW },
              stdio: 'ignore',
            });
            child.once('exit', resolve);
          });
          builds.push(code ?? -1);
        }
      };
      const load = buildWest();
      const failures: string[] = [];
      try {
        const titles = ['Snoeidag', 'Rommelmarkt', 'Burendag'];
        // Opened one after another (each loads the 5 MB CMS); then they work at the same time.
        const editors: Awaited<ReturnType<typeof openAdmin>>[] = [];
        for (const _ of titles) editors.push(await openAdmin(cms));
        for (const { page } of editors) {
          page.on('response', (response) => {
            if (response.url().includes('/api/v1') && response.status() >= 500)
              failures.push(`${response.status()} ${response.request().postData()?.slice(0, 120)}`);
          });
        }
        /** The editor is never blank: the form is there, and no error notification. */
        const assertEditorShown = async (page: Page) => {
          await page.getByLabel('Titel', { exact: true }).waitFor();
          expect(await page.getByText(/API_ERROR|Fout bij|kon niet/).count()).toBe(0);
        };
        // Three editors make a concept each, at the same time, while a fourth reads the existing news.
        const reader = await openAdmin(cms);
        await Promise.all([
          ...editors.map(async ({ page }, i) => {
            await page.goto(`${cms.editing.url}/admin/#/collections/nieuws/new`);
            await assertEditorShown(page);
            await page.getByLabel('Titel', { exact: true }).fill(titles[i]!);
            await page.getByLabel('Datum', { exact: true }).fill(`2025-12-2${i}`);
            await page.getByLabel('Samenvatting', { exact: true }).fill(`Samenvatting ${i}.`);
            await save(page);
            await setStatus(page, 'Concept', 'Klaar');
          }),
          (async () => {
            for (let i = 0; i < 3; i++) {
              await reader.page.goto(`${cms.editing.url}/admin/#/collections/nieuws/entries/eerste`);
              await assertEditorShown(reader.page);
              await reader.page.goto(`${cms.editing.url}/admin/#/workflow`);
              await reader.page.getByText('Klaar').first().waitFor();
            }
          })(),
        ]);
        // Then all publish at the same time, and each reopens its published entry.
        await Promise.all(editors.map(({ page }) => publish(page)));
        for (const [i, { page }] of editors.entries()) {
          const slug = titles[i]!.toLowerCase();
          await page.goto(`${cms.editing.url}/admin/#/collections/nieuws/entries/${slug}`);
          await assertEditorShown(page);
          await expect.poll(() => page.getByLabel('Titel', { exact: true }).inputValue()).toBe(titles[i]);
        }
        const published = (await gitIn(cms.repo, 'ls-tree', '--name-only', `${cms.branch}:sites/oost/content/nieuws`)).split('\n');
        expect(published).toEqual(expect.arrayContaining(['burendag.md', 'rommelmarkt.md', 'snoeidag.md']));
        expect(await branches(cms.repo)).toEqual([cms.branch, 'main'].sort());
        for (const title of titles) {
          await expect
            .poll(async () => (await editors[0]!.page.request.get(`${cms.editing.url}/nieuws/${title.toLowerCase()}/`)).status(), { timeout: 60_000 })
            .toBe(200);
        }
        expect(failures).toEqual([]);
        for (const { errors, blocked } of [...editors, reader]) {
          expect(errors).toEqual([]);
          expect(blocked).toEqual([]);
        }
        // The dev site never read a half-written file, a missing one or a concept.
        expect(cms.log.filter((line) => /ENOENT|cannot be read|kan niet gelezen|\[ERROR\]|local CMS/i.test(line))).toEqual([]);
      } finally {
        loading = false;
        await load;
        await cms.stop();
      }
      expect(builds.length).toBeGreaterThan(0);
      expect(builds.every((code) => code === 0)).toBe(true);
    },
    LONG * 2,
  );
});
