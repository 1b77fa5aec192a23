/**
 * The handleiding tried as a new editor would, in the real CMS on the demo buurt under local editing (the code
 * of `npm start`): following only the steps of docs/redactie/, publish a news item with a photo and a
 * recurring activity, and see both on the rebuilt site. On the way it takes the handleiding's screenshots;
 * with UPDATE_SCREENSHOTS=1 (`npm run docs:screenshots`) it writes them to docs/redactie/img/ with a manifest
 * of this file's hash and each image's hash, which tests/handleiding.test.ts checks.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { startLocalEditing, type LocalEditing } from '../../scripts/platform/local-cms/local-editing.ts';
import { freePort } from '../../scripts/platform/local-cms/local-repo.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { CMS_AUTHOR, gitIn } from '../helpers/cms.ts';
import { groupToggle } from '../helpers/cms-browser.ts';
import { createWorkspace, type Workspace } from '../helpers/fixtures.ts';

const THIS_FILE = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(THIS_FILE), '../..');
const IMG_DIR = path.join(ROOT, 'docs/redactie/img');
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const NOW = '2026-12-02T12:00';

let browser: TestBrowser;
let workspace: Workspace;
let editing: LocalEditing;
const shots = new Map<string, Buffer>();

beforeAll(async () => {
  workspace = await createWorkspace();
  const repo = path.join(workspace.root, 'repo');
  await mkdir(path.join(repo, 'sites'), { recursive: true });
  await cp(path.join(ROOT, 'sites/voorbeeldwijk'), path.join(repo, 'sites/voorbeeldwijk'), { recursive: true });
  await writeFile(path.join(repo, '.gitignore'), '.cache/\n');
  await gitIn(repo, 'init', '-q', '-b', 'main');
  await gitIn(repo, 'add', '-A');
  await gitIn(repo, 'commit', '-q', '-m', 'De voorbeeldwijk');
  [browser, editing] = await Promise.all([
    launchBrowser(),
    freePort().then((port) => startLocalEditing({ slug: 'voorbeeldwijk', repoDir: repo, port, mode: 'static', env: { BUURT_NOW: NOW }, author: CMS_AUTHOR })),
  ]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await editing?.stop();
  await workspace?.dispose();
});

async function shot(page: Page, name: string): Promise<void> {
  // Let fonts, images and transitions settle, measured by the browser rather than by a fixed wait.
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
  shots.set(name, await page.screenshot({ type: 'png' }));
}

async function publishOpenEntry(page: Page, screenshot?: string): Promise<void> {
  await page.getByRole('button', { name: /^Status: / }).click();
  await page.getByRole('menuitem', { name: 'Klaar' }).click();
  await page.getByRole('button', { name: 'Status: Klaar' }).waitFor();
  await page.getByRole('button', { name: 'Publiceren', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Nu publiceren' }).waitFor();
  if (screenshot) await shot(page, screenshot);
  await page.getByRole('menuitem', { name: 'Nu publiceren' }).click();
  await page.getByText('Item gepubliceerd').last().waitFor();
}

describe('the handleiding, followed by a new editor', () => {
  it('is enough to publish a news item with a photo and a recurring activity on the demo buurt', async () => {
    const { page, blocked, errors } = await browser.newPage({ timezoneId: 'Europe/Amsterdam', viewport: { width: 1280, height: 860 } });
    page.setDefaultTimeout(120_000);
    page.on('dialog', (dialog) => void dialog.accept());
    if (process.env.SCREENSHOT_ON_FAILURE) onTestFailed(() => page.screenshot({ path: process.env.SCREENSHOT_ON_FAILURE }).then(() => undefined));

    // Inloggen.
    await page.goto(`${editing.url}/admin/`);
    await page.getByRole('button', { name: 'Inloggen' }).waitFor();
    await shot(page, 'inloggen.png');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('link', { name: 'Nieuws' }).first().waitFor();
    expect(await page.getByRole('link', { name: /^Handleiding/ }).getAttribute('href')).toBe('/admin/handleiding/');
    await shot(page, 'overzicht.png');

    // Een nieuwsbericht maken: Nieuws, then "Nieuw Nieuwsbericht".
    await page.getByRole('link', { name: 'Nieuws' }).first().click();
    await page
      .getByRole('link', { name: /^Nieuw[: ]/ })
      .first()
      .click();
    await page.getByLabel('Titel', { exact: true }).waitFor();
    await shot(page, 'nieuwsbericht-nieuw.png');
    await page.getByLabel('Titel', { exact: true }).fill('Bollen planten in de moestuin');
    await page.getByLabel('Datum', { exact: true }).fill('2026-12-01');
    await page.getByLabel('Samenvatting', { exact: true }).fill('Twintig buren plantten zaterdag 500 bollen.');
    const photo = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#5a8a3c' } })
      .jpeg()
      .toBuffer();
    await page.getByText('Kies een afbeelding').click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'bollen.jpg', mimeType: 'image/jpeg', buffer: photo });
    await shot(page, 'foto-toevoegen.png');
    await page.getByRole('button', { name: 'Gebruik selectie' }).click();
    await page.getByLabel(/^Beschrijving van de foto/).fill('Buren planten bollen in de moestuin');
    await page.locator('[data-slate-editor="true"]').click();
    await page.keyboard.type('In het voorjaar bloeit de moestuin.');
    await shot(page, 'nieuwsbericht-ingevuld.png');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.getByText('Item opgeslagen').last().waitFor();
    await publishOpenEntry(page, 'publiceren.png');

    // Een herhalende activiteit: Agenda, then "Nieuw Activiteit", Herhaling: every week.
    await page.goto(`${editing.url}/admin/#/collections/agenda`);
    await page.reload();
    await page
      .getByRole('link', { name: /^Nieuw[: ]/ })
      .first()
      .click();
    await page.getByLabel('Titel', { exact: true }).waitFor();
    await shot(page, 'activiteit-nieuw.png');
    await page.getByLabel('Titel', { exact: true }).fill('Breicafé');
    await page.getByLabel('Begint op', { exact: true }).fill('2026-12-08T10:00');
    await page.getByLabel(/^Eindigt op/).fill('2026-12-08T12:00');
    await page.getByLabel(/^Naam van de plek/).fill('Buurthuis De Kroon');
    await page.getByLabel('Samenvatting', { exact: true }).fill('Samen breien met koffie.');
    await groupToggle(page, 'Herhaling').click();
    await page.getByLabel(/^Hoe vaak/).click();
    await page.getByText('Elke week', { exact: true }).click();
    await shot(page, 'activiteit-herhaling.png');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.getByText('Item opgeslagen').last().waitFor();

    // Van concept tot publicatie: the Redactie board shows the concept.
    // Decap moves a new entry to its own address after the first save; leave only once it has.
    await page.waitForURL(/\/collections\/agenda\/entries\/breicafe$/);
    await page.getByText('Terug naar Agenda').click();
    await page.getByRole('link', { name: 'Redactie' }).first().click();
    await page.getByText('Breicafé').first().waitFor();
    await shot(page, 'redactie.png');
    await page.getByText('Breicafé').first().click();
    await page.getByLabel('Titel', { exact: true }).waitFor();
    await publishOpenEntry(page);
    await editing.settled();

    // The rebuilt site shows both: the news item with its photo, the activity once, as a weekly one.
    await page.goto(`${editing.url}/nieuws/bollen-planten-in-de-moestuin/`);
    const news = cheerio.load(await page.content());
    expect(news('h1').text()).toBe('Bollen planten in de moestuin');
    expect(news('img[alt="Buren planten bollen in de moestuin"]').length).toBe(1);
    await page.goto(`${editing.url}/agenda/breicafe/`);
    const activity = cheerio.load(await page.content());
    expect(activity('h1').text()).toBe('Breicafé');
    expect(activity('main').text()).toMatch(/Elke week|elke dinsdag|Elke dinsdag/);
    expect(activity('main').text()).toContain('10:00');

    // The agenda on a phone, the wijkkrant and a poster, for the chapter on the agenda and the krant.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${editing.url}/agenda/`);
    await shot(page, 'agenda.png');
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.goto(`${editing.url}/krant/`);
    await shot(page, 'krant.png');
    await page.goto(`${editing.url}/agenda/breicafe/poster/`);
    await shot(page, 'poster.png');

    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await writeScreenshots();
  }, 600_000);
});

/** With UPDATE_SCREENSHOTS=1: the screenshots into docs/redactie/img/, then the manifest that vouches for them. */
async function writeScreenshots(): Promise<void> {
  if (!UPDATE) return;
  const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
  const images: Record<string, string> = {};
  await mkdir(IMG_DIR, { recursive: true });
  for (const [name, png] of shots) {
    // Smaller files for the repository: palette PNG, same pixels to the eye.
    const small = await sharp(png).png({ palette: true, quality: 90, compressionLevel: 9 }).toBuffer();
    const file = path.join(IMG_DIR, name);
    await writeFile(`${file}.tmp`, small);
    await rename(`${file}.tmp`, file);
    images[name] = sha256(small);
  }
  const manifest = {
    test: path.relative(ROOT, THIS_FILE),
    testHash: sha256(await readFile(THIS_FILE)),
    images: Object.fromEntries(Object.entries(images).sort(([a], [b]) => a.localeCompare(b))),
  };
  await writeFile(path.join(IMG_DIR, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
