/**
 * The prikbord journey in Chromium against the local runtime `npm start` runs (the production build with the local
 * CMS, the Functions with Netlify's local Blobs server, and here a real SMTP server on 127.0.0.1): a resident posts
 * an offer through /meedoen/, an editor publishes it, a neighbour replies through the post's form, the poster's
 * mail arrives with the neighbour as Reply-To, the poster withdraws the post through the private link, and the
 * rebuilt site no longer shows it. The poster's address is in no page, no built file and nowhere in git.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cmsBranch } from '../../scripts/platform/local-cms/local-repo.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { proofSolved, startResidentSite, type ResidentSite } from '../helpers/resident-site.ts';

const POSTER = 'joke.journey@example.org';
const REPLIER = 'kees.journey@example.net';

let site: ResidentSite;
let browser: TestBrowser;

beforeAll(async () => {
  site = await startResidentSite({ site: { menu: ['prikbord', 'meedoen'], participation: { forms: ['prikbord'] } } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

it('posts an offer, publishes it, relays a reply, withdraws it through the private link, and never shows the address', async () => {
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
  const arrived = await site.mailCount(3);
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
