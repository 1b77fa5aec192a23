/**
 * The CMS on a phone: a 390 px wide touch screen (Chromium with isMobile and hasTouch), with the admin's own
 * stylesheet repairing Decap's desktop layout. An editor logs in, writes a news item with a photo from the
 * phone, creates a recurring activity and moves it through the workflow to publication.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Page } from 'playwright-core';
import { splitFrontMatter } from '../../src/model/content.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { gitIn, startCmsRepo } from '../helpers/cms.ts';
import { groupToggle, openAdmin, PHONE } from '../helpers/cms-browser.ts';
import { phonePhoto } from '../helpers/images.ts';

const NOW = '2026-01-01T12:00';
const LONG = 600_000;
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
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
      const cms = await startCmsRepo({ now: NOW, mode: 'dev' });
      try {
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
      } finally {
        await cms.stop();
      }
    },
    LONG,
  );
});
