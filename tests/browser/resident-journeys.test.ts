/**
 * Residents' journeys in Chromium against the local runtime `npm start` runs (the production build with the local
 * CMS, the Functions with Netlify's local Blobs server, and here a real SMTP server on 127.0.0.1), on one site
 * with both forms (one site build and one browser for the file; each journey its own entries and mails):
 * - issue 18's activity: a resident announces a summer activity with a phone photo (EXIF GPS) through
 *   /meedoen/activiteit/ with JavaScript (the ALTCHA widget solves the proof of work in the page), another
 *   without JavaScript (the form comes back once, then becomes an unverified draft); the editors' notifications
 *   arrive; an editor finds the drafts on the Redactie board in /admin/ and publishes one; the rebuilt site shows
 *   it at 14:30 Amsterdam time (+02:00 in the JSON-LD, TZID=Europe/Amsterdam in the ICS) with a re-encoded photo
 *   without metadata;
 * - the prikbord: a resident posts an offer through /meedoen/, an editor publishes it, a neighbour replies
 *   through the post's form, the poster's mail arrives with the neighbour as Reply-To, the poster withdraws the
 *   post through the private link, and the rebuilt site no longer shows it. The poster's address is in no page,
 *   no built file and nowhere in git.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cmsBranch } from '../../scripts/platform/local-cms/local-repo.ts';
import { readMediaHeader } from '../../src/media/media.ts';
import { MIN_FILL_SECONDS } from '../../src/participation/tokens.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { gitIn } from '../helpers/cms.ts';
import { openAdmin, publish, setStatus } from '../helpers/cms-browser.ts';
import { phonePhoto } from '../helpers/images.ts';
import { proofSolved, startResidentSite, type ResidentSite } from '../helpers/resident-site.ts';

/** A Saturday in summer time: 14:30 in Amsterdam is 12:30 UTC. */
const DAY = '2027-07-10';
const WITH_JS = { title: 'Zomerconcert in het park', slug: 'zomerconcert-in-het-park', email: 'fenna.journey@example.org' };
const WITHOUT_JS = { title: 'Buurtbarbecue', slug: 'buurtbarbecue', email: 'ruud.journey@example.net' };

const POSTER = 'joke.journey@example.org';
const REPLIER = 'kees.journey@example.net';

let site: ResidentSite;
let browser: TestBrowser;
let photo: Buffer;

beforeAll(async () => {
  [site, browser, photo] = await Promise.all([
    startResidentSite({
      site: { menu: ['nieuws', 'agenda', 'prikbord', 'meedoen'], participation: { forms: ['activiteit', 'prikbord'] } },
    }),
    launchBrowser(),
    phonePhoto(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

const url = (pathname: string) => new URL(pathname, site.editing.url).href;

/** Fills the activity form (the photo too: after a round trip without JavaScript it must be chosen again). */
async function fillActivity(page: Page, who: { title: string; email: string }): Promise<void> {
  await page.getByLabel('Naam van de activiteit').fill(who.title);
  await page.getByLabel('Datum').fill(DAY);
  await page.getByLabel('Begintijd').fill('14:30');
  await page.getByLabel('Eindtijd').fill('16:00');
  await page.getByLabel('Eén keer').check();
  await page.getByLabel('Plaats', { exact: true }).fill('Muziektent in het park');
  await page.getByLabel('Korte beschrijving').fill('Buren maken samen muziek in de middag.');
  await page.getByLabel('Meer informatie').fill('Neem een kleedje mee.');
  await page.getByLabel(/^Foto/).setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByLabel('Wat is er op de foto te zien?').fill('Muzikanten in de muziektent');
  await page.getByLabel('Je naam').fill('Een bewoner');
  await page.getByLabel('Je e-mailadres').fill(who.email);
}

async function thanked(page: Page): Promise<void> {
  await page.waitForURL('**/meedoen/bedankt/', { timeout: 20_000 }).catch(async (error: Error) => {
    throw new Error(`${error.message}\n${page.url()}: ${(await page.locator('main').textContent())?.slice(0, 600)}`);
  });
}

it('takes an activity with a photo with and without JavaScript, and an editor publishes it at the right Amsterdam time without metadata', async () => {
  const mailsBefore = site.mails.length;
  // Without JavaScript: the first send comes back filled in, with a token and the request to choose the photo again.
  const plain = await browser.newPage({ timezoneId: 'Europe/Amsterdam', javaScriptEnabled: false });
  await plain.page.goto(url('/meedoen/activiteit/'));
  await fillActivity(plain.page, WITHOUT_JS);
  await plain.page.getByRole('button', { name: 'Activiteit versturen' }).click();
  await expect.poll(() => plain.page.locator('.notice').textContent()).toContain('verstuur haar nog een keer');
  expect(await plain.page.locator('.notice').textContent()).toContain('Kies je foto opnieuw');
  expect(await plain.page.getByLabel('Naam van de activiteit').inputValue()).toBe(WITHOUT_JS.title);
  const issued = Number((await plain.page.locator('input[name=controle]').inputValue()).split('.')[0]);

  // With JavaScript (meanwhile the token above ages past the minimum fill time).
  const js = await browser.newPage({ timezoneId: 'Europe/Amsterdam' });
  await js.page.goto(url('/meedoen/activiteit/'));
  await fillActivity(js.page, WITH_JS);
  await proofSolved(js.page);
  await js.page.getByRole('button', { name: 'Activiteit versturen' }).click();
  await thanked(js.page);

  // Back to the form without JavaScript: choose the photo again and send it a second time.
  await expect.poll(() => Date.now() / 1000 - issued, { timeout: 10_000, interval: 100 }).toBeGreaterThan(MIN_FILL_SECONDS + 1);
  await plain.page.getByLabel(/^Foto/).setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo });
  await plain.page.getByRole('button', { name: 'Activiteit versturen' }).click();
  await thanked(plain.page);

  // The editors' notifications arrive over SMTP: the one sent without JavaScript is marked unverified.
  const mails = (await site.mailCount(mailsBefore + 2)).slice(mailsBefore);
  const mailOf = (title: string) => mails.find((m) => m.subject === `[Oostbuurt] Nieuwe activiteit ingestuurd: ${title}`)!;
  expect(mailOf(WITH_JS.title).to).toMatchObject({ text: 'redactie@oostbuurt.nl' });
  expect(mailOf(WITH_JS.title).replyTo?.value[0]?.address).toBe(WITH_JS.email);
  expect(mailOf(WITH_JS.title).text).toContain('Controle tegen spam: gelukt.');
  expect(mailOf(WITH_JS.title).text).toContain(`${site.editing.url}/admin/#/collections/agenda/entries/${WITH_JS.slug}`);
  expect(mailOf(WITHOUT_JS.title).text).toContain('Controle tegen spam: niet gedaan (verstuurd zonder JavaScript)');
  const draft = (slug: string) => gitIn(site.repo, 'show', `cms/oost/agenda/${slug}:sites/oost/content/agenda/${slug}.md`);
  expect(await draft(WITH_JS.slug)).toMatch(/start: ['"]?2027-07-10T14:30[\s\S]*verified: true/);
  expect(await draft(WITHOUT_JS.slug)).toMatch(/image:[\s\S]*verified: false/);

  // An editor finds both drafts on the Redactie board and publishes the first.
  const editor = await openAdmin(browser, site);
  await editor.page.goto(url('/admin/#/workflow'));
  await editor.page.getByText(WITHOUT_JS.title).first().waitFor();
  await editor.page.getByText(WITH_JS.title).first().click();
  await setStatus(editor.page, 'Concept', 'Klaar');
  await publish(editor.page);
  await site.editing.settled();

  // The rebuilt site, read from a browser in another time zone: 14:30 in Amsterdam, +02:00 in summer.
  const reader = await browser.newPage({ timezoneId: 'America/New_York' });
  await reader.page.goto(url(`/agenda/${WITH_JS.slug}/`));
  const when = reader.page.locator('.facts time');
  expect(await when.textContent()).toContain('14:30');
  expect(await when.getAttribute('datetime')).toBe('2027-07-10T14:30:00+02:00');
  const jsonLd = JSON.parse((await reader.page.locator('script[type="application/ld+json"]').first().textContent())!) as { startDate: string };
  expect(jsonLd.startDate).toBe('2027-07-10T14:30:00+02:00');
  const ics = await (await fetch(url(`/agenda/${WITH_JS.slug}.ics`))).text();
  expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20270710T143000');
  expect(ics).toMatch(/BEGIN:DAYLIGHT\r?\nTZOFFSETFROM:\+0100\r?\nTZOFFSETTO:\+0200/);

  // The photo it serves is re-encoded: shown, turned upright, and without EXIF, GPS, XMP or IPTC.
  const image = reader.page.locator('article img').first();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const served = Buffer.from(await (await fetch(url(await image.evaluate((img: HTMLImageElement) => img.currentSrc)))).arrayBuffer());
  const metadata = await sharp(served).metadata();
  expect({ exif: metadata.exif, xmp: metadata.xmp, iptc: metadata.iptc }).toEqual({ exif: undefined, xmp: undefined, iptc: undefined });
  expect(metadata.height).toBeGreaterThan(metadata.width!);
  expect(await readMediaHeader(`photo.${metadata.format}`, served)).toMatchObject({ hasMetadata: false, hasLocation: false });
  // Astro's image service strips metadata as well: the file the function committed must be clean by itself.
  const committed = execFileSync('git', ['cat-file', 'blob', `${cmsBranch('oost')}:sites/oost/media/${WITH_JS.slug}.jpg`], { cwd: site.repo });
  expect(await readMediaHeader('committed.jpg', committed)).toMatchObject({ type: 'jpeg', hasMetadata: false, hasLocation: false, orientation: 1 });

  for (const opened of [plain, js, editor, reader]) {
    expect(opened.errors).toEqual([]);
    expect(opened.blocked).toEqual([]);
  }
}, 300_000);

it('posts an offer, publishes it, relays a reply, withdraws it through the private link, and never shows the address', async () => {
  const mailsBefore = site.mails.length;
  // A resident posts an offer.
  const { page: poster, errors, blocked } = await browser.newPage({ timezoneId: 'Europe/Amsterdam' });
  await poster.goto(new URL('/meedoen/prikbord/', site.editing.url).href);
  await poster.getByLabel('Ik bied iets aan').check();
  await poster.getByLabel('Spullen').check();
  await poster.getByLabel('Titel').fill('Kinderfiets te leen');
  await poster.getByLabel('Je oproep').fill('Een kinderfiets voor 6 tot 8 jaar, voor een paar weken.');
  await poster.getByLabel('Je voornaam of bijnaam').fill('Joke');
  await poster.getByLabel('Je e-mailadres').fill(POSTER);
  await proofSolved(poster);
  await poster.getByRole('button', { name: 'Oproep versturen' }).click();
  await poster.waitForURL('**/meedoen/bedankt/', { timeout: 20_000 }).catch(async (error: Error) => {
    throw new Error(`${error.message}\n${poster.url()}: ${(await poster.locator('main').textContent())?.slice(0, 600)}`);
  });

  // An editor publishes it.
  const api = async (action: string, params: Record<string, unknown>) =>
    fetch(new URL('/api/v1', site.editing.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action, params: { branch: cmsBranch('oost'), ...params } }),
    });
  await api('updateUnpublishedEntryStatus', { collection: 'prikbord', slug: 'kinderfiets-te-leen', newStatus: 'pending_publish' });
  await api('publishUnpublishedEntry', { collection: 'prikbord', slug: 'kinderfiets-te-leen' });
  await site.editing.settled();

  // A neighbour finds it and replies.
  const { page: neighbour, errors: neighbourErrors, blocked: neighbourBlocked } = await browser.newPage({ timezoneId: 'Europe/Amsterdam' });
  await neighbour.goto(new URL('/prikbord/', site.editing.url).href);
  await neighbour.getByRole('link', { name: 'Kinderfiets te leen' }).click();
  await neighbour.waitForURL('**/prikbord/kinderfiets-te-leen/');
  await neighbour.getByLabel('Je naam').fill('Kees');
  await neighbour.getByLabel('Je e-mailadres').fill(REPLIER);
  await neighbour.getByLabel('Je bericht').fill('Mijn dochter zou hem graag lenen!');
  await proofSolved(neighbour);
  await neighbour.getByRole('button', { name: 'Bericht versturen' }).click();
  await neighbour.getByText('Je bericht is verstuurd naar Joke').waitFor();
  expect(await neighbour.content()).not.toContain(POSTER);

  // The poster's mail arrives, with the neighbour as Reply-To.
  const arrived = (await site.mailCount(mailsBefore + 3)).slice(mailsBefore);
  const reply = arrived.find((m) => m.subject === '[Oostbuurt] Reactie op je oproep: Kinderfiets te leen')!;
  expect(reply.to).toMatchObject({ text: POSTER });
  expect(reply.replyTo?.value[0]).toMatchObject({ name: 'Kees', address: REPLIER });
  const confirmation = arrived.find((m) => m.subject?.startsWith('[Oostbuurt] Je oproep is ontvangen'))!;
  const withdraw = /http:\/\/127\.0\.0\.1:\d+\/prikbord\/intrekken\?\S+/.exec(confirmation.text!)![0];

  // The poster withdraws it through the private link.
  await poster.goto(withdraw);
  await poster.getByRole('button', { name: 'Ja, haal mijn oproep weg' }).click();
  await poster.getByText('Je oproep is ingetrokken.').waitFor();
  await site.editing.settled();
  await poster.goto(new URL('/prikbord/', site.editing.url).href);
  expect(await poster.locator('main').textContent()).not.toContain('Kinderfiets');
  expect((await poster.goto(new URL('/prikbord/kinderfiets-te-leen/', site.editing.url).href))?.status()).toBe(404);

  // The address is nowhere: not in git, not in a built file.
  const log = execFileSync('git', ['log', '-p', '--all'], { cwd: site.repo, maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
  expect(log).toContain('kinderfiets-te-leen');
  expect(log).not.toContain(POSTER);
  const dist = path.join(site.workspace.root, 'dist');
  const walk = async (dir: string): Promise<string[]> =>
    (
      await Promise.all((await readdir(dir, { withFileTypes: true })).map((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)])))
    ).flat();
  for (const file of await walk(dist)) expect((await readFile(file)).includes(POSTER), file).toBe(false);

  expect([...errors, ...neighbourErrors]).toEqual([]);
  expect([...blocked, ...neighbourBlocked]).toEqual([]);
}, 240_000);
