/**
 * Rough edges an editor met in the real CMS (Chromium, a fresh repository per test, `buurt dev`): a new entry
 * opened right after "Nu publiceren" must be empty, the refusal to publish names the status as the toolbar
 * does, conditionally required fields say so, and nothing a screen reader reads out is English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { gitIn, startCmsRepo } from '../helpers/cms.ts';
import { openAdmin, save, setStatus } from '../helpers/cms-browser.ts';

const NOW = '2026-01-01T12:00';
const LONG = 480_000;
let browser: TestBrowser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
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
      const cms = await startCmsRepo({ now: NOW, mode: 'dev' });
      try {
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
        const concepts = async () => (await gitIn(cms.repo, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/cms/')).split('\n').filter(Boolean);
        await expect.poll(concepts, { timeout: 60_000 }).toEqual(['cms/oost/nieuws/rommelmarkt']);
        expect(await gitIn(cms.repo, 'log', '-1', '--format=%s', 'cms/oost/nieuws/rommelmarkt')).toBe('Nieuwsbericht “Rommelmarkt” toegevoegd (oost)');
        expect(await gitIn(cms.repo, 'show', `${cms.branch}:sites/oost/content/nieuws/straatspeeldag.md`)).toContain('title: Straatspeeldag');

        expect(errors).toEqual([]);
        expect(blocked).toEqual([]);
      } finally {
        await cms.stop();
      }
    },
    LONG,
  );
});
