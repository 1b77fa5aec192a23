/**
 * The prikbord end to end against the real local runtime (as `npm start` runs it): a fresh git repository, the
 * production build served with the local CMS backend, the Functions mounted with Netlify's local Blobs server and a
 * real SMTP server on 127.0.0.1. A resident posts an offer through /meedoen/, an editor publishes it, a neighbour
 * replies, the poster extends and withdraws it through the private links, and the poster's address is never on
 * the site, in the built files or anywhere in git.
 */
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { solveChallenge } from 'altcha-lib';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalEditing, type LocalEditing } from '../scripts/platform/local-cms/local-editing.ts';
import { cmsBranch, freePort } from '../scripts/platform/local-cms/local-repo.ts';
import { checkSite } from '../src/check/index.ts';
import { addDays, formatIsoDate, parseWallClock, toDateString } from '../src/dates/dates.ts';
import { formatProblem, hasErrors } from '../src/model/problems.ts';
import { createAltchaChallenge } from '../src/function-runtime/altcha.ts';
import { openStore, STORE_NAMES } from '../src/function-runtime/blobs.ts';
import { monthlyCounts, readPoster, savePoster } from '../src/prikbord/store.ts';
import { localDraftsEnv, startFunctionsRuntime, type FunctionsRuntime } from '../scripts/functions/mount.ts';
import { cleanUpPrikbord } from '../scripts/prikbord/cleanup.ts';
import { formatPrikbordMonth, prikbordCounts } from '../scripts/commands/report.ts';
import { baseSiteYaml, createWorkspace, markdown, type Workspace } from './helpers/fixtures.ts';
import { gitIn } from './helpers/cms.ts';

const POSTER = { voornaam: 'Joke', email: 'joke.prikbordtest@example.org' };
const REPLIER = { naam: 'Kees de Buurman', email: 'kees.buurman@example.net' };
const today = toDateString(new Date());
const daysFromToday = (n: number) => formatIsoDate(addDays(parseWallClock(today), n));

let workspace: Workspace;
let repo: string;
let editing: LocalEditing;
let functions: FunctionsRuntime;
let smtp: SMTPServer;
const mails: ParsedMail[] = [];
let nextAddress = 2;

async function post(
  pathname: string,
  form: FormData | URLSearchParams,
  address = `127.0.0.${nextAddress++}`,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const encoded = new Request('http://x/', { method: 'POST', body: form });
  const body = Buffer.from(await encoded.arrayBuffer());
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(pathname, editing.url),
      { method: 'POST', localAddress: address, headers: { 'content-type': encoded.headers.get('content-type')!, 'content-length': String(body.length) } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function solvedPayload(): Promise<string> {
  const challenge = await createAltchaChallenge(process.env.ALTCHA_HMAC_SECRET!, new Date(Date.now() - 10_000));
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

async function cmsApi(action: string, params: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(new URL('/api/v1', editing.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action, params: { branch: cmsBranch('oost'), ...params } }),
  });
  return res.json();
}

/**
 * Waits until `count` mails have arrived. The function answers after SMTP took the mail, but the test server
 * parses it after that; the bound is for a hang, not an expectation (a busy machine can take seconds).
 */
async function mailsArrived(count: number): Promise<ParsedMail[]> {
  await vi.waitFor(() => expect(mails.length).toBeGreaterThanOrEqual(count), { timeout: 60_000, interval: 25 }).catch(() => {});
  return mails;
}

const text = (body: string) => cheerio.load(body)('main').text().replace(/\s+/g, ' ');

beforeAll(async () => {
  workspace = await createWorkspace();
  repo = path.join(workspace.root, 'repo');
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          mails.push(mail);
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  await mkdir(repo, { recursive: true });
  await gitIn(repo, 'init', '-q', '-b', 'main');
  const files: Record<string, string> = {
    '.gitignore': '.cache/\n',
    'sites/oost/site.yaml': stringify({
      ...baseSiteYaml,
      name: 'Oostbuurt',
      domain: 'https://oostbuurt.nl',
      email: 'redactie@oostbuurt.nl',
      menu: ['nieuws', 'prikbord'],
      participation: { forms: ['prikbord'] },
      prikbord: { categories: ['klussen', 'spullen', 'overig'] },
    }),
    'sites/oost/content/paginas/welkom.md': markdown({ title: 'Welkom', summary: 'Home.' }),
    // A resident's post that expired long ago: refused for replies, removed by the clean-up.
    'sites/oost/content/prikbord/oude-ladder.md': markdown(
      {
        kind: 'vraag',
        title: 'Oude ladder gezocht',
        category: 'klussen',
        date: daysFromToday(-60),
        validUntil: daysFromToday(-20),
        name: 'Ria',
        submission: { verified: true },
      },
      'Wie heeft een ladder?',
    ),
  };
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(repo, name)), { recursive: true });
    await writeFile(path.join(repo, name), content);
  }
  await gitIn(repo, 'add', '-A');
  await gitIn(repo, 'commit', '-q', '-m', 'Fixture');
  functions = await startFunctionsRuntime({
    blobsDir: path.join(workspace.root, 'blobs'),
    env: {
      ...localDraftsEnv('oost', repo, cmsBranch('oost')),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtpPort),
      MAIL_FROM: 'Oostbuurt <noreply@oostbuurt.nl>',
    },
  });
  editing = await startLocalEditing({ slug: 'oost', repoDir: repo, port: await freePort(), mode: 'static', functions });
});

afterAll(async () => {
  await editing?.stop();
  await functions?.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  for (const key of ['BUURT', 'BUURT_DRAFTS', 'BUURT_REPO_DIR', 'BUURT_CMS_BRANCH', 'SMTP_HOST', 'SMTP_PORT', 'MAIL_FROM']) delete process.env[key];
  await workspace?.dispose();
});

let withdrawLink: URL;
let extendLink: URL;

describe('a prikbord offer', () => {
  it('posted through /meedoen/ becomes a draft without the address, which is kept only in Blobs, and the poster gets the private links', async () => {
    const page = cheerio.load(await (await fetch(new URL('/meedoen/prikbord/', editing.url))).text());
    expect(
      page('input[name=categorie]')
        .map((_, el) => page(el).attr('value'))
        .get(),
    ).toEqual(['klussen', 'spullen', 'overig']);
    const res = await post(
      '/meedoen/verzenden',
      form({
        formulier: 'prikbord',
        soort: 'aanbod',
        categorie: 'spullen',
        titel: 'Ladder te leen',
        tekst: 'Een ladder van vier meter, **gratis** te leen.',
        looptijd: '4w',
        ...POSTER,
        altcha: await solvedPayload(),
      }),
    );
    expect(res.status, res.body.slice(0, 300)).toBe(303);
    const source = await gitIn(repo, 'show', 'cms/oost/prikbord/ladder-te-leen:sites/oost/content/prikbord/ladder-te-leen.md');
    expect(source).toContain('kind: aanbod');
    expect(source).toContain('name: Joke');
    expect(source).toContain(`validUntil: ${daysFromToday(28)}`);
    expect(source).not.toContain(POSTER.email);
    const record = await readPoster(openStore(STORE_NAMES.prikbord), 'oost', 'ladder-te-leen');
    expect(record).toMatchObject({ email: POSTER.email, name: 'Joke', extended: false });

    const arrived = await mailsArrived(2);
    const confirmation = arrived.find((m) => m.subject?.startsWith('[Oostbuurt] Je oproep is ontvangen'))!;
    expect(confirmation.to).toMatchObject({ text: POSTER.email });
    const links = confirmation.text!.match(/http:\/\/127\.0\.0\.1:\d+\/prikbord\/\S+/g)!;
    withdrawLink = new URL(links.find((l) => l.includes('/intrekken?'))!);
    extendLink = new URL(links.find((l) => l.includes('/verlengen?'))!);
    expect(arrived.find((m) => m.to && 'text' in m.to && m.to.text === 'redactie@oostbuurt.nl')?.subject).toBe(
      '[Oostbuurt] Nieuwe oproep voor het prikbord ingestuurd: Ladder te leen',
    );
  });

  it('refuses an e-mail address or phone number in the text, with a Dutch message', async () => {
    const res = await post(
      '/meedoen/verzenden',
      form({
        formulier: 'prikbord',
        soort: 'vraag',
        categorie: 'klussen',
        titel: 'Hulp gezocht',
        tekst: 'Bel me op 06-12345678',
        looptijd: '2w',
        ...POSTER,
        altcha: await solvedPayload(),
      }),
    );
    expect(res.status).toBe(422);
    expect(cheerio.load(res.body)('#fouten').text()).toContain('Zet geen e-mailadres of telefoonnummer in je oproep');
  });

  it('is published by an editor and gets a reply form; a reply reaches the poster with the replier as Reply-To', async () => {
    await cmsApi('updateUnpublishedEntryStatus', { collection: 'prikbord', slug: 'ladder-te-leen', newStatus: 'pending_publish' });
    await cmsApi('publishUnpublishedEntry', { collection: 'prikbord', slug: 'ladder-te-leen' });
    await editing.settled();
    const $ = cheerio.load(await (await fetch(new URL('/prikbord/ladder-te-leen/', editing.url))).text());
    expect($('h1').text()).toBe('Ladder te leen');
    expect($('form[action="/prikbord/reageren"] input[name=oproep]').attr('value')).toBe('ladder-te-leen');
    const before = mails.length;
    const res = await post(
      '/prikbord/reageren',
      form({ formulier: 'reageren', oproep: 'ladder-te-leen', ...REPLIER, bericht: 'Mag ik hem zaterdag lenen?', altcha: await solvedPayload() }),
    );
    expect(res.status, res.body.slice(0, 300)).toBe(200);
    expect(text(res.body)).toContain('Je bericht is verstuurd naar Joke');
    const reply = (await mailsArrived(before + 1))[before]!;
    expect(reply.to).toMatchObject({ text: POSTER.email });
    expect(reply.replyTo?.value[0]).toMatchObject({ name: REPLIER.naam, address: REPLIER.email });
    expect(reply.subject).toBe('[Oostbuurt] Reactie op je oproep: Ladder te leen');
    expect(reply.text).toContain('Mag ik hem zaterdag lenen?');
    const counts = await monthlyCounts(openStore(STORE_NAMES.prikbord), 'oost');
    expect(counts[today.slice(0, 7)]).toEqual({ posts: 1, replies: 1, answered: 1 });
  });

  it('sends the reply form back with errors, and refuses replies to an expired or unknown post in Dutch', async () => {
    const empty = await post(
      '/prikbord/reageren',
      form({ formulier: 'reageren', oproep: 'ladder-te-leen', naam: '', email: 'geen-adres', bericht: '', altcha: await solvedPayload() }),
    );
    expect(empty.status).toBe(422);
    const $ = cheerio.load(empty.body);
    expect(
      $('#fouten li')
        .map((_, li) => $(li).text())
        .get(),
    ).toEqual(['Vul je naam in', 'Vul een e-mailadres in zoals naam@voorbeeld.nl', 'Schrijf je bericht']);
    await savePoster(openStore(STORE_NAMES.prikbord), 'oost', 'oude-ladder', {
      email: 'ria@example.org',
      name: 'Ria',
      title: 'Oude ladder gezocht',
      validUntil: daysFromToday(-20),
      nonce: 'a'.repeat(32),
      extended: false,
      created: new Date(Date.now() - 90 * 86400_000).toISOString(),
    });
    const expired = await post(
      '/prikbord/reageren',
      form({ formulier: 'reageren', oproep: 'oude-ladder', ...REPLIER, bericht: 'Nog nodig?', altcha: await solvedPayload() }),
    );
    expect(expired.status).toBe(410);
    expect(text(expired.body)).toContain('Deze oproep is verlopen: reageren kan niet meer.');
    const unknown = await post(
      '/prikbord/reageren',
      form({ formulier: 'reageren', oproep: 'bestaat-niet', ...REPLIER, bericht: 'Hallo', altcha: await solvedPayload() }),
    );
    expect(unknown.status).toBe(404);
    expect(text(unknown.body)).toContain('Deze oproep bestaat niet (meer).');
  });

  it('a report reaches the editors', async () => {
    const before = mails.length;
    const res = await post('/prikbord/melden', form({ formulier: 'melden', oproep: 'ladder-te-leen', reden: 'Dit lijkt reclame.' }));
    expect(res.status).toBe(200);
    const report = (await mailsArrived(before + 1))[before]!;
    expect(report.to).toMatchObject({ text: 'redactie@oostbuurt.nl' });
    expect(report.text).toContain('Dit lijkt reclame.');
  });

  it('is extended once through the private link, as a commit on the CMS branch', async () => {
    const ask = await fetch(extendLink);
    expect(ask.status).toBe(200);
    expect(
      cheerio
        .load(await ask.text())('form[action="/prikbord/verlengen"] button')
        .text(),
    ).toBe('Ja, verleng mijn oproep');
    const done = await post('/prikbord/verlengen', new URLSearchParams({ oproep: 'ladder-te-leen', code: extendLink.searchParams.get('code')! }));
    expect(done.status, done.body.slice(0, 300)).toBe(200);
    await editing.settled();
    expect(await gitIn(repo, 'show', `${cmsBranch('oost')}:sites/oost/content/prikbord/ladder-te-leen.md`)).toContain(`validUntil: "${daysFromToday(56)}"`);
    const again = await post('/prikbord/verlengen', new URLSearchParams({ oproep: 'ladder-te-leen', code: extendLink.searchParams.get('code')! }));
    expect(again.status).toBe(409);
    expect(text(again.body)).toContain('Verlengen kan maar één keer');
  });

  it('refuses a forged withdraw link, withdraws with the real one as one commit, and then refuses the reused link and replies', async () => {
    const forged = new URLSearchParams({ oproep: 'ladder-te-leen', code: `${'b'.repeat(32)}.${'c'.repeat(64)}` });
    const refused = await post('/prikbord/intrekken', forged);
    expect(refused.status).toBe(403);
    expect(text(refused.body)).toContain('Deze link klopt niet.');
    const head = await gitIn(repo, 'rev-parse', cmsBranch('oost'));
    const done = await post('/prikbord/intrekken', new URLSearchParams({ oproep: 'ladder-te-leen', code: withdrawLink.searchParams.get('code')! }));
    expect(done.status).toBe(200);
    expect(text(done.body)).toContain('Je oproep is ingetrokken.');
    await editing.settled();
    expect(await gitIn(repo, 'rev-list', '--count', `${head}..${cmsBranch('oost')}`)).toBe('1');
    expect(await gitIn(repo, 'log', '-1', '--format=%s', cmsBranch('oost'))).toBe('Oproep “ladder-te-leen” ingetrokken door de plaatser (oost)');
    expect((await fetch(new URL('/prikbord/ladder-te-leen/', editing.url))).status).toBe(404);
    expect(await (await fetch(new URL('/prikbord/', editing.url))).text()).not.toContain('Ladder te leen');
    expect(await readPoster(openStore(STORE_NAMES.prikbord), 'oost', 'ladder-te-leen')).toBeUndefined();
    const reused = await post('/prikbord/intrekken', new URLSearchParams({ oproep: 'ladder-te-leen', code: withdrawLink.searchParams.get('code')! }));
    expect(reused.status).toBe(410);
    expect(text(reused.body)).toContain('Deze link is al gebruikt');
    const reply = await post(
      '/prikbord/reageren',
      form({ formulier: 'reageren', oproep: 'ladder-te-leen', ...REPLIER, bericht: 'Nog beschikbaar?', altcha: await solvedPayload() }),
    );
    expect([404, 410]).toContain(reply.status);
    expect(text(reply.body)).toMatch(/bestaat niet \(meer\)|ingetrokken/);
  });

  it('never puts the poster’s address on the site, into the built files or anywhere in git', async () => {
    const log = execFileSync('git', ['log', '-p', '--all'], { cwd: repo, maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
    expect(log).toContain('ladder-te-leen');
    expect(log).not.toContain(POSTER.email);
    expect(log).not.toContain(REPLIER.email);
    const config = execFileSync('git', ['config', '--list', '--local'], { cwd: repo }).toString('utf8');
    expect(config).not.toContain(POSTER.email);
    const dist = path.join(workspace.root, 'dist');
    const walk = async (dir: string): Promise<string[]> =>
      (await readdir(dir, { withFileTypes: true }).catch(() => [])).flatMap((e) => [path.join(dir, e.name)]).length
        ? (
            await Promise.all(
              (await readdir(dir, { withFileTypes: true })).map((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)])),
            )
          ).flat()
        : [];
    const files = await walk(dist);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect((await readFile(file)).includes(POSTER.email), file).toBe(false);
  });
});

describe('buurt check and buurt prikbord opruimen', () => {
  it('refuses contact details and unknown categories in a post, and warns about an expired one', async () => {
    const sites = process.env.BUURT_SITES_DIR;
    process.env.BUURT_SITES_DIR = path.join(repo, 'sites');
    try {
      await gitIn(repo, 'checkout', '-q', 'main');
      await writeFile(
        path.join(repo, 'sites/oost/content/prikbord/bel-mij.md'),
        markdown({ kind: 'aanbod', title: 'Gratis bank', category: 'meubels', date: today, name: 'Piet' }, 'Bel 06-12345678 of mail piet@example.org.'),
      );
      const { problems } = await checkSite('oost');
      const lines = problems
        .filter((p) => p.file.includes('/prikbord/'))
        .map((p) =>
          formatProblem(p)
            .replaceAll(path.join(repo, 'sites'), 'sites')
            .replace(/\d{4}-\d{2}-\d{2}/g, 'YYYY-MM-DD'),
        );
      expect(lines).toMatchInlineSnapshot(`
        [
          "sites/oost/content/prikbord/bel-mij.md:4: field "category": "meubels" is not a category of this buurt's prikbord; choose one of klussen, spullen, overig, or add it to prikbord.categories in sites/oost/site.yaml.",
          "sites/oost/content/prikbord/bel-mij.md:8: field "body": contains the e-mail address "piet@example.org"; everything in the text is public and spammers collect addresses from web pages. A prikbord post never shows contact details: residents reply through the form on its page, which mails the poster. Remove it.",
          "sites/oost/content/prikbord/bel-mij.md:8: field "body": contains the phone number "06-12345678"; everything in the text is public. A prikbord post never shows contact details: residents reply through the form on its page, which mails the poster. Remove it.",
          "sites/oost/content/prikbord/oude-ladder.md:6: warning: this post's last day was YYYY-MM-DD, so it is no longer on the site; it has been expired for more than 14 days: remove it with "npm run buurt -- prikbord opruimen oost".",
        ]
      `);
      expect(hasErrors(problems)).toBe(true);
    } finally {
      await rm(path.join(repo, 'sites/oost/content/prikbord/bel-mij.md'), { force: true });
      process.env.BUURT_SITES_DIR = sites;
    }
  });

  it('removes posts expired past the grace period as one commit, with their Blobs records', async () => {
    const sites = process.env.BUURT_SITES_DIR;
    process.env.BUURT_SITES_DIR = path.join(repo, 'sites');
    try {
      await gitIn(repo, 'checkout', '-q', 'main');
      const store = openStore(STORE_NAMES.prikbord);
      const dry = await cleanUpPrikbord({ slug: 'oost', repoDir: repo, now: new Date(), store, apply: false });
      expect(dry.posts.map((p) => p.id)).toEqual(['oude-ladder']);
      const head = await gitIn(repo, 'rev-parse', 'HEAD');
      const result = await cleanUpPrikbord({ slug: 'oost', repoDir: repo, now: new Date(), store, apply: true });
      expect(await gitIn(repo, 'rev-list', '--count', `${head}..HEAD`)).toBe('1');
      expect(await gitIn(repo, 'show', '--name-status', '--format=%s', 'HEAD')).toBe(
        'Prikbord: 1 verlopen oproep opgeruimd (oost)\n\nD\tsites/oost/content/prikbord/oude-ladder.md',
      );
      expect(result.records).toContain('oude-ladder');
      expect(await readPoster(store, 'oost', 'oude-ladder')).toBeUndefined();
      // buurt report: this month's counts, read from the same store (NETLIFY_BLOBS_CONTEXT of the runtime).
      const counts = await prikbordCounts(['oost'], new Date());
      expect(formatPrikbordMonth(counts.get('oost')!)).toBe('Prikbord deze maand: 1 oproep, 1 reactie doorgestuurd, 1 oproep met een reactie.');
    } finally {
      process.env.BUURT_SITES_DIR = sites;
    }
  });
});
